"""Refusals an applicant reads in Indonesian, with the service's own English reason beside them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gerbang.kernel.errors import GerbangError
from gerbang.passports.domain.lifecycle import Status
from gerbang.passports.pages_common import STATUS, tanggal

DAY = r"(?P<day>\d{4}-\d{2}-\d{2})"
# The services word their refusals in English; these say the same in Indonesian, keeping the
# details (a day, an office, a status) that the English carries.
_INDONESIAN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), text)
    for pattern, text in (
        (r"rescheduled once only", "Jadwal hanya bisa diubah satu kali, dan jadwal ini sudah pernah diubah."),
        (
            rf"up to the day before the interview \({DAY}\)",
            "Jadwal hanya bisa diubah paling lambat sehari sebelum wawancara ({day}).",
        ),
        (
            rf"quota of (?P<office>\w+) on {DAY} is full",
            "Kuota {office} pada {day} sudah penuh; pilih hari atau kantor lain.",
        ),
        (r"not open for first-come booking yet", "Kuota hari itu belum dibuka untuk umum; pilih hari lain."),
        (r"holds no booking to reschedule", "Permohonan ini belum punya jadwal wawancara untuk diubah."),
        (r"book a day after today", "Pilih tanggal setelah hari ini."),
        (rf"{DAY} is not a working day", "{day} bukan hari kerja; kantor tutup."),
        (
            r"(?P<office>\w+) takes interviews from (?P<first>\d\d):00 to (?P<last>\d\d):00",
            "{office} menerima wawancara pukul {first}.00 sampai {last}.00; pilih jam dalam rentang itu.",
        ),
        (r"no passport office", "Kantor imigrasi itu tidak ada; pilih dari daftar."),
        (r"NIK already holds an interview", "NIK ini sudah punya jadwal wawancara; satu jadwal per orang."),
        (
            r"the application is (?P<status>\w+); it cannot become cancelled",
            "Permohonan ini berstatus {status} dan tidak bisa dibatalkan lagi.",
        ),
        (
            r"the application is (?P<status>\w+); it cannot become (?P<target>\w+)",
            "Permohonan ini berstatus {status}; langkah ke {target} tidak bisa dilakukan.",
        ),
        (r"already in the draw", "Permohonan ini sudah ikut undian; tunggu hasilnya."),
        (r"no passport application", "Permohonan itu tidak ditemukan di akun Anda."),
        (r"no notice", "Pemberitahuan itu tidak ada di kotak masuk Anda."),
        (r"choose a day", "Pilih tanggal dari daftar."),
        (r"give a date as", "Tulis tanggal sebagai tahun-bulan-tanggal."),
        (r"choose an hour", "Pilih jam wawancara."),
        (r"give an email address", "Tulis alamat email seperti nama@contoh.id, atau kosongkan."),
        (r"language must be", "Pilih bahasa: Indonesia atau English."),
        (r"form is out of date", "Formulir ini sudah kedaluwarsa: muat ulang halaman lalu coba lagi."),
    )
)
FALLBACK = "Permintaan ditolak."


@dataclass(frozen=True)
class Said:
    """One message in both languages: Indonesian first, English beside it."""

    id: str
    en: str


def said(error: GerbangError) -> Said:
    """The refusal in Indonesian (or a plain "refused" when it is not known here) and its English."""
    english = error.message[:1].upper() + error.message[1:]
    for pattern, text in _INDONESIAN:
        found = pattern.search(error.message)
        if found:
            return Said(text.format(**{k: _indonesian(k, v) for k, v in found.groupdict().items()}), english)
    return Said(FALLBACK, english)


def _indonesian(name: str, value: str) -> str:
    if name == "day":
        return tanggal(date.fromisoformat(value))
    if name in ("status", "target") and value in {s.value for s in Status}:
        return f"“{STATUS[Status(value)][0].lower()}”"
    return value
