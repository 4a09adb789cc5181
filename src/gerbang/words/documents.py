"""Messages about machine-readable zones: lengths, check digits, dates, countries (Indonesian, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "mrz.bad_birth_date": (
        "Tanggal lahir {birth_date!r} bukan tanggal yang nyata (YYMMDD).",
        "birth date {birth_date!r} is not a real date (YYMMDD)",
    ),
    "mrz.bad_character": (
        "Karakter {char!r} tidak termasuk alfabet zona baca mesin.",
        "character {char!r} is outside the machine-readable alphabet",
    ),
    "mrz.bad_expiry_date": (
        "Tanggal habis berlaku {expiry_date!r} bukan tanggal yang nyata (YYMMDD).",
        "expiry date {expiry_date!r} is not a real date (YYMMDD)",
    ),
    "mrz.bad_sex": (
        "Jenis kelamin harus M, F, X atau '<'.",
        "sex must be M, F, X or '<'",
    ),
    "mrz.birth_no_day": (
        "Tanggal lahir {yymmdd} tidak menunjuk hari mana pun sampai {today}.",
        "birth date {yymmdd} names no day up to {today}",
    ),
    "mrz.code_letters": (
        "Kode dokumen {format} diawali {letters}.",
        "a {format} document code starts with {letters}",
    ),
    "mrz.expiry_no_day": (
        "Tanggal habis berlaku {yymmdd} tidak menunjuk hari mana pun di sekitar {today}.",
        "expiry date {yymmdd} names no day near {today}",
    ),
    "mrz.field_alphabet": (
        "{what} hanya boleh berisi A–Z, 0–9 dan '<'.",
        "{what} may hold only A–Z, 0–9 and '<'",
    ),
    "mrz.field_too_long": (
        "{what} berisi {length} karakter, paling banyak {width} yang muat.",
        "{what} has {length} characters, at most {width} fit",
    ),
    "mrz.line_count": (
        "Zona terdiri dari 2 atau 3 baris, yang diterima {count}.",
        "a zone has 2 or 3 lines, got {count}",
    ),
    "mrz.line_length": (
        "Baris ini berisi {length} karakter, seharusnya {expected}.",
        "line has {length} characters, expected {expected}",
    ),
    "mrz.no_second_optional": (
        "{format} tidak punya kolom data opsional kedua.",
        "{format} has no second optional data field",
    ),
    "mrz.not_yymmdd": (
        "{yymmdd!r} bukan tanggal dalam bentuk YYMMDD.",
        "{yymmdd!r} is not a date in YYMMDD form",
    ),
    "mrz.number_and_optional": (
        "Nomor dokumen {number} dan data opsionalnya tidak muat dalam zona {format}.",
        "document number {number} and the optional data do not fit in a {format} zone",
    ),
    "mrz.number_characters": (
        "Nomor dokumen harus berupa huruf dan angka.",
        "document number must be letters and digits",
    ),
    "mrz.number_too_long": (
        "Nomor dokumen {format} paling banyak 9 karakter.",
        "a {format} document number has at most 9 characters",
    ),
    "mrz.surname_required": (
        "Nama keluarga (pengenal utama) wajib diisi.",
        "the surname (primary identifier) is required",
    ),
    "mrz.unknown_country": (
        "{code} bukan kode negara yang dikenal.",
        "{code} is not a known country code",
    ),
    "mrz.unknown_format": (
        "Format zona {format!r} tidak dikenal.",
        "unknown zone format {format!r}",
    ),
    "mrz.zone_character": (
        "Karakter {char!r} bukan A–Z, 0–9 atau '<'.",
        "character {char!r} is not A–Z, 0–9 or '<'",
    ),
}
