"""Messages of the public status service: components, incidents, subscribers (Indonesian, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "incident.already_resolved": (
        "Insiden ini sudah selesai; buka insiden baru.",
        "this incident is already resolved; open a new one instead",
    ),
    "incident.no_components": (
        "Pilih komponen dari: {known}.",
        "components must be some of: {known}",
    ),
    "incident.not_found": (
        "Insiden {incident_id} tidak ada.",
        "no incident {incident_id}",
    ),
    "incident.unknown_components": (
        "Komponen harus beberapa dari: {known} (tidak dikenal: {unknown}).",
        "components must be some of: {known} (unknown: {unknown})",
    ),
    "incident.update_not_found": (
        "Pembaruan {update_id} tidak ada.",
        "no update {update_id}",
    ),
    "maintenance.ends_before_start": (
        "Jendela pemeliharaan harus berakhir sesudah dimulai.",
        "a maintenance window must end after it starts",
    ),
    "maintenance.not_found": (
        "Tidak ada jendela pemeliharaan dengan id ini.",
        "no maintenance window with this id",
    ),
    "maintenance.start_range": (
        "Jendela pemeliharaan dimulai antara kemarin dan satu tahun dari sekarang.",
        "a maintenance window starts between yesterday and a year from now",
    ),
    "maintenance.too_long": (
        "Jendela pemeliharaan paling lama 31 hari.",
        "a maintenance window lasts at most 31 days",
    ),
    "subscriber.bad_email": (
        "Ini tidak tampak seperti alamat email, misalnya nama@contoh.id.",
        "this does not look like an email address, e.g. nama@contoh.id",
    ),
    "subscriber.bad_kind": (
        "kind harus 'email' atau 'webhook'.",
        "kind must be 'email' or 'webhook'",
    ),
    "subscriber.bad_link": (
        "Tautan berhenti berlangganan ini tidak sah (mungkin tersalin tidak lengkap).",
        "this unsubscribe link is not valid (it may have been copied incompletely)",
    ),
    "subscriber.bad_webhook": (
        "Webhook memerlukan URL http:// atau https:// paling panjang 500 karakter.",
        "a webhook needs an http:// or https:// URL of at most 500 characters",
    ),
    "webhook.bad_port": (
        "Port URL webhook tidak sah.",
        "the webhook URL has an invalid port",
    ),
    "webhook.credentials_in_url": (
        "URL webhook tidak boleh memuat nama pengguna atau kata sandi.",
        "a webhook URL carries no user name or password",
    ),
    "webhook.no_address": (
        "Host webhook {host!r} tidak dapat diterjemahkan ke alamat.",
        "the webhook host {host!r} does not resolve",
    ),
    "webhook.no_host": (
        "URL webhook tidak punya host.",
        "the webhook URL has no host",
    ),
    "webhook.public_only": (
        "Webhook hanya dikirim ke alamat publik, bukan loopback, privat, atau link-local.",
        "webhooks go to public addresses only, not to loopback, private or link-local ones",
    ),
}
