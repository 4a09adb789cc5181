"""The status page's words in Indonesian and English, and which language a visitor gets."""

from __future__ import annotations

LANGUAGES = ("id", "en")

TEXTS: dict[str, dict[str, str]] = {
    "id": {
        "title": "Status layanan Imigrasi",
        "other_lang": "English",
        "other_code": "en",
        "overall_operational": "Semua layanan berjalan normal",
        "overall_degraded": "Sebagian layanan melambat",
        "overall_partial_outage": "Sebagian layanan terganggu",
        "overall_major_outage": "Ada gangguan besar pada layanan",
        "overall_unknown": "Status tidak diketahui: pemantau saat ini tidak dapat melihat layanan",
        "unknown_help": "Ini bukan berarti layanan normal. Kami tidak dapat memastikannya saat ini.",
        "observed": "Terakhir diperiksa",
        "never": "belum pernah",
        "ongoing": "Gangguan yang sedang berlangsung",
        "maintenance": "Pemeliharaan terjadwal",
        "components": "Layanan",
        "history": "90 hari terakhir",
        "days_ago": "90 hari lalu",
        "today": "Hari ini",
        "uptime": "berjalan",
        "no_data": "belum ada data",
        "notable": "Hari dengan gangguan",
        "past": "Gangguan sebelumnya (90 hari)",
        "none_past": "Tidak ada gangguan dalam 90 hari terakhir.",
        "started": "Mulai",
        "resolved": "Selesai",
        "ends": "Berakhir",
        "state_open": "Berlangsung",
        "state_resolved": "Selesai",
        "state_scheduled": "Terjadwal",
        "state_in_progress": "Sedang berlangsung",
        "edited": "diperbarui",
        "subscribe": "Berlangganan kabar",
        "subscribe_help": (
            "Kami mengirim email setiap ada kabar baru tentang gangguan. "
            "Setiap email memuat tautan berhenti berlangganan."
        ),
        "email": "Alamat email",
        "send": "Berlangganan",
        "subscribed": "Terima kasih. Anda akan menerima kabar berikutnya lewat email.",
        "feed": "Umpan Atom",
        "json": "API JSON",
        "legend": "Keterangan",
        "subscribe_failed": "Gagal berlangganan",
        "unsubscribe_failed": "Tautan tidak berlaku",
        "unsubscribed": "Anda telah berhenti berlangganan",
        "unsubscribed_more": "Kami tidak akan mengirim kabar lagi ke alamat ini.",
        "back": "Kembali ke halaman status",
        "independent": (
            "Halaman ini berjalan terpisah dari pusat data, sehingga tetap dapat dibuka saat pusat data mati."
        ),
    },
    "en": {
        "title": "Immigration service status",
        "other_lang": "Bahasa Indonesia",
        "other_code": "id",
        "overall_operational": "All services operational",
        "overall_degraded": "Some services are slow",
        "overall_partial_outage": "Some services are disrupted",
        "overall_major_outage": "Major outage",
        "overall_unknown": "Status unknown: the monitor cannot see the services right now",
        "unknown_help": "This does not mean the services work. We cannot tell at the moment.",
        "observed": "Last checked",
        "never": "never",
        "ongoing": "Ongoing incidents",
        "maintenance": "Scheduled maintenance",
        "components": "Services",
        "history": "Last 90 days",
        "days_ago": "90 days ago",
        "today": "Today",
        "uptime": "up",
        "no_data": "no data yet",
        "notable": "Days with problems",
        "past": "Past incidents (90 days)",
        "none_past": "No incidents in the last 90 days.",
        "started": "Started",
        "resolved": "Resolved",
        "ends": "Ends",
        "state_open": "Ongoing",
        "state_resolved": "Resolved",
        "state_scheduled": "Scheduled",
        "state_in_progress": "In progress",
        "edited": "edited",
        "subscribe": "Get updates",
        "subscribe_help": "We email you every update on an incident. Each email has an unsubscribe link.",
        "email": "Email address",
        "send": "Subscribe",
        "subscribed": "Thank you. You will get the next update by email.",
        "feed": "Atom feed",
        "json": "JSON API",
        "legend": "Legend",
        "subscribe_failed": "Could not subscribe",
        "unsubscribe_failed": "This link is not valid",
        "unsubscribed": "You are unsubscribed",
        "unsubscribed_more": "We will send no more updates to this address.",
        "back": "Back to the status page",
        "independent": (
            "This page runs apart from the data center, so it stays up when the data center is down."
        ),
    },
}


def choose_language(asked: str | None, accept_language: str) -> str:
    """`?lang=` when it names id or en, else the best of Accept-Language, else Indonesian."""
    if asked in LANGUAGES:
        return str(asked)
    best, best_q = "id", -1.0
    for item in accept_language.split(",")[:20]:
        tag, _, params = item.strip().partition(";")
        code = tag.strip().lower().split("-")[0]
        if code not in LANGUAGES:
            continue
        try:
            q = float(params.strip()[2:]) if params.strip().startswith("q=") else 1.0
        except ValueError:
            q = 0.0
        if q > best_q:
            best, best_q = code, q
    return best
