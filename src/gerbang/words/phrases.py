"""Phrases built from the catalogue: lists as a sentence says them, dates, times, spans and rupiah."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from gerbang import words
from gerbang.words.calendar import MONTHS

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def joined(items: Sequence[str], language: str) -> str:
    """ "A", "A dan B", "A, B, dan C": a comma before the last of three or more, in both languages."""
    names = [str(item) for item in items]
    if len(names) <= 1:
        return "".join(names)
    conjunction = words.say("list.and", language)
    if len(names) == 2:
        return f"{names[0]} {conjunction} {names[1]}"
    return f"{', '.join(names[:-1])}, {conjunction} {names[-1]}"


def day_in(day: date, language: str) -> str:
    """ "7 Desember 2026" or "7 December 2026"."""
    months = MONTHS_EN if language == "en" else MONTHS
    return f"{day.day} {months[day.month - 1]} {day.year}"


def moment_in(at: datetime, language: str, zone: str | None = None) -> str:
    """ "7 Desember 2026 14:05 WIB": the day as the portal writes it, the time, the zone's name."""
    label = zone if zone is not None else at.tzname() or ""
    return f"{day_in(at.date(), language)} {at:%H:%M} {label}".rstrip()


def span_in(span: timedelta, language: str) -> str:
    """A span in its largest whole unit: "3 hari", "2 jam", "35 menit" (at least one minute)."""
    seconds = max(0.0, span.total_seconds())
    if seconds >= 2 * 86400:
        return words.say("span.days", language, count=int(seconds // 86400))
    if seconds >= 3600:
        hours = int(seconds // 3600)
        return words.say("span.hour" if hours == 1 else "span.hours", language, count=hours)
    minutes = max(1, int(seconds // 60))
    return words.say("span.minute" if minutes == 1 else "span.minutes", language, count=minutes)


def rupiah(amount: int) -> str:
    """Whole rupiah the Indonesian way in every language: Rp 1.650.000."""
    return "Rp " + f"{amount:,}".replace(",", ".")
