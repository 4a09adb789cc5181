"""Days and months in Indonesian, for dates a person reads ("Senin, 7 Desember 2026")."""

from __future__ import annotations

from datetime import date

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def tanggal(day: date, *, weekday: bool = True) -> str:
    """A day the Indonesian way: "Senin, 7 Desember 2026" (or "7 Desember 2026" without the weekday)."""
    plain = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]}, {plain}" if weekday else plain
