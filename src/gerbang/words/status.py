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
    "status_page.title": (
        "Status layanan Imigrasi",
        "Immigration service status",
    ),
    "status_page.other_lang": (
        "English",
        "Bahasa Indonesia",
    ),
    "status_page.overall_operational": (
        "Semua layanan berjalan normal",
        "All services operational",
    ),
    "status_page.overall_degraded": (
        "Sebagian layanan melambat",
        "Some services are slow",
    ),
    "status_page.overall_partial_outage": (
        "Sebagian layanan terganggu",
        "Some services are disrupted",
    ),
    "status_page.overall_major_outage": (
        "Ada gangguan besar pada layanan",
        "Major outage",
    ),
    "status_page.overall_unknown": (
        "Status tidak diketahui: pemantau saat ini tidak dapat melihat layanan",
        "Status unknown: the monitor cannot see the services right now",
    ),
    "status_page.unknown_help": (
        "Ini bukan berarti layanan normal. Kami tidak dapat memastikannya saat ini.",
        "This does not mean the services work. We cannot tell at the moment.",
    ),
    "status_page.observed": (
        "Terakhir diperiksa",
        "Last checked",
    ),
    "status_page.never": (
        "belum pernah",
        "never",
    ),
    "status_page.ongoing": (
        "Gangguan yang sedang berlangsung",
        "Ongoing incidents",
    ),
    "status_page.maintenance": (
        "Pemeliharaan terjadwal",
        "Scheduled maintenance",
    ),
    "status_page.components": (
        "Layanan",
        "Services",
    ),
    "status_page.history": (
        "90 hari terakhir",
        "Last 90 days",
    ),
    "status_page.days_ago": (
        "90 hari lalu",
        "90 days ago",
    ),
    "status_page.today": (
        "Hari ini",
        "Today",
    ),
    "status_page.uptime": (
        "berjalan",
        "up",
    ),
    "status_page.no_data": (
        "belum ada data",
        "no data yet",
    ),
    "status_page.notable": (
        "Hari dengan gangguan",
        "Days with problems",
    ),
    "status_page.past": (
        "Gangguan sebelumnya (90 hari)",
        "Past incidents (90 days)",
    ),
    "status_page.none_past": (
        "Tidak ada gangguan dalam 90 hari terakhir.",
        "No incidents in the last 90 days.",
    ),
    "status_page.started": (
        "Mulai",
        "Started",
    ),
    "status_page.resolved": (
        "Selesai",
        "Resolved",
    ),
    "status_page.ends": (
        "Berakhir",
        "Ends",
    ),
    "status_page.state_open": (
        "Berlangsung",
        "Ongoing",
    ),
    "status_page.state_resolved": (
        "Selesai",
        "Resolved",
    ),
    "status_page.state_scheduled": (
        "Terjadwal",
        "Scheduled",
    ),
    "status_page.state_in_progress": (
        "Sedang berlangsung",
        "In progress",
    ),
    "status_page.edited": (
        "diperbarui",
        "edited",
    ),
    "status_page.subscribe": (
        "Berlangganan kabar",
        "Get updates",
    ),
    "status_page.subscribe_help": (
        "Kami mengirim email setiap ada kabar baru tentang gangguan. "
        "Setiap email memuat tautan berhenti berlangganan.",
        "We email you every update on an incident. Each email has an unsubscribe link.",
    ),
    "status_page.email": (
        "Alamat email",
        "Email address",
    ),
    "status_page.send": (
        "Berlangganan",
        "Subscribe",
    ),
    "status_page.subscribed": (
        "Terima kasih. Anda akan menerima kabar berikutnya lewat email.",
        "Thank you. You will get the next update by email.",
    ),
    "status_page.feed": (
        "Umpan Atom",
        "Atom feed",
    ),
    "status_page.json": (
        "API JSON",
        "JSON API",
    ),
    "status_page.legend": (
        "Keterangan",
        "Legend",
    ),
    "status_page.subscribe_failed": (
        "Gagal berlangganan",
        "Could not subscribe",
    ),
    "status_page.unsubscribe_failed": (
        "Tautan tidak berlaku",
        "This link is not valid",
    ),
    "status_page.unsubscribed": (
        "Anda telah berhenti berlangganan",
        "You are unsubscribed",
    ),
    "status_page.unsubscribed_more": (
        "Kami tidak akan mengirim kabar lagi ke alamat ini.",
        "We will send no more updates to this address.",
    ),
    "status_page.back": (
        "Kembali ke halaman status",
        "Back to the status page",
    ),
    "status_page.independent": (
        "Halaman ini berjalan terpisah dari pusat data, sehingga tetap dapat dibuka saat pusat data mati.",
        "This page runs apart from the data center, so it stays up when the data center is down.",
    ),
    "status.state.operational": (
        "Beroperasi normal",
        "Operational",
    ),
    "status.state.degraded": (
        "Kinerja menurun",
        "Degraded performance",
    ),
    "status.state.partial_outage": (
        "Gangguan sebagian",
        "Partial outage",
    ),
    "status.state.major_outage": (
        "Gangguan besar",
        "Major outage",
    ),
    "status.state.unknown": (
        "Tidak diketahui",
        "Unknown",
    ),
    "status.state.none": (
        "Tidak ada data",
        "No data",
    ),
    "status_page.overall_incident": (
        "Ada gangguan yang sedang ditangani; lihat rinciannya di bawah",
        "An incident is being handled; see below",
    ),
    "status_page.earlier_today": (
        "Hari ini sempat: {state}",
        "Earlier today: {state}",
    ),
    "status_page.uptime_observed": (
        "{percent:g}% berjalan selama {span} diamati",
        "{percent:g}% up over {span} observed",
    ),
    "status_page.in_incident": (
        "Termasuk dalam gangguan yang sedang berlangsung",
        "Part of an ongoing incident",
    ),
    "status_page.refresh_note": (
        "Bagian status diperbarui sendiri setiap menit, kecuali saat Anda mengisi formulir.",
        "The status part refreshes itself every minute, except while you fill in a form.",
    ),
}
