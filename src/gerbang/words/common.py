"""Messages every part shares: requests, forms, signed documents, the database (Indonesian, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "list.and": (
        "dan",
        "and",
    ),
    "span.days": (
        "{count} hari",
        "{count} days",
    ),
    "span.hour": (
        "{count} jam",
        "{count} hour",
    ),
    "span.hours": (
        "{count} jam",
        "{count} hours",
    ),
    "span.minute": (
        "{count} menit",
        "{count} minute",
    ),
    "span.minutes": (
        "{count} menit",
        "{count} minutes",
    ),
    "form.field_problem": (
        "{what}: {problem}",
        "{what}: {problem}",
    ),
    "name.no_transliteration": (
        "Karakter {char!r} pada posisi {position} tidak punya transliterasi Latin.",
        "character {char!r} at position {position} has no Latin transliteration",
    ),
    "request.busy": (
        "Layanan sedang sibuk; coba lagi sebentar lagi.",
        "the service is busy; retry in a moment",
    ),
    "request.database_unavailable": (
        "Basis data tidak tersedia; coba lagi nanti.",
        "the database is unavailable; retry later",
    ),
    "request.field_problem": (
        "{what}: {problem}",
        "{what}: {problem}",
    ),
    "request.field_problem_and_one": (
        "{what}: {problem} (dan 1 masalah lain)",
        "{what}: {problem} (and 1 more problem)",
    ),
    "request.field_problems": (
        "{what}: {problem} (dan {more} masalah lain)",
        "{what}: {problem} (and {more} more problems)",
    ),
    "request.http": (
        "{detail}",
        "{detail}",
    ),
    "request.internal": (
        "Terjadi kesalahan di pihak kami; sudah dicatat.",
        "something went wrong on our side; it has been logged",
    ),
    "request.not_json": (
        "Isi permintaan bukan JSON yang sah: {problem} pada karakter {where}",
        "the request body is not valid JSON: {problem} at character {where}",
    ),
    "request.primary_changing": (
        "Basis data sedang berpindah ke server lain; coba lagi dalam beberapa detik.",
        "the database is switching to another server; retry in a few seconds",
    ),
    "request.problem": (
        "{problem}",
        "{problem}",
    ),
    "request.problem_and_one": (
        "{problem} (dan 1 masalah lain)",
        "{problem} (and 1 more problem)",
    ),
    "request.problems": (
        "{problem} (dan {more} masalah lain)",
        "{problem} (and {more} more problems)",
    ),
    "signed.algorithm": (
        "Hanya kunci {algorithm} yang didukung.",
        "only {algorithm} keys are supported",
    ),
    "signed.bad_signature": (
        "Tanda tangannya tidak cocok.",
        "the signature does not match",
    ),
    "signed.bad_time": (
        "Ini bukan waktu UTC seperti 2025-01-31T08:00:00Z: {text!r}",
        "not a UTC time like 2025-01-31T08:00:00Z: {text!r}",
    ),
    "signed.key_and_signature": (
        "key_id dan signature berupa teks.",
        "key_id and signature are strings",
    ),
    "signed.key_expired": (
        "Kunci {key_id} sudah berhenti dipakai untuk verifikasi pada {at}.",
        "key {key_id} stopped verifying at {at}",
    ),
    "signed.key_id_required": (
        "Kunci memerlukan key_id.",
        "a key needs a key_id",
    ),
    "signed.key_ids_unique": (
        "Id kunci dalam satu himpunan kunci harus unik.",
        "key ids in a key set must be unique",
    ),
    "signed.key_length": (
        "Kunci {key_id}: kunci publik Ed25519 panjangnya 32 bita.",
        "key {key_id}: an Ed25519 public key is 32 bytes",
    ),
    "signed.key_not_yet": (
        "Kunci {key_id} belum dipakai sebelum {at}.",
        "key {key_id} was not in use before {at}",
    ),
    "signed.key_retired": (
        "Kunci {key_id} sudah berhenti dipakai untuk menandatangani pada {at}.",
        "key {key_id} was retired for signing at {at}",
    ),
    "signed.key_set_list": (
        "Himpunan kunci memuat daftar kunci.",
        "a key set holds a list of keys",
    ),
    "signed.not_base64": (
        "Ini bukan teks base64url.",
        "not base64url text",
    ),
    "signed.not_canonical_base64": (
        "Ini bukan teks base64url kanonis.",
        "not canonical base64url text",
    ),
    "signed.not_ed25519": (
        "Kunci {key_id}: ini bukan kunci publik Ed25519.",
        "key {key_id}: not an Ed25519 public key",
    ),
    "signed.not_envelope": (
        "Ini bukan amplop bertanda tangan.",
        "not a signed envelope",
    ),
    "signed.not_json": (
        "Ini bukan teks JSON.",
        "not JSON text",
    ),
    "signed.not_key_set": (
        "Ini bukan himpunan kunci publik (format {key_set_format}).",
        "not a public key set (format {key_set_format})",
    ),
    "signed.times_are_strings": (
        "Waktu ditulis sebagai teks seperti 2025-01-31T08:00:00Z.",
        "times are strings like 2025-01-31T08:00:00Z",
    ),
    "signed.unknown_key": (
        "Kunci publik {key_id!r} tidak ada dalam himpunan kunci.",
        "no public key {key_id!r} in the key set",
    ),
    "signed.unsupported_format": (
        "Format amplop {data!r} tidak didukung.",
        "unsupported envelope format {data!r}",
    ),
    "signed.wrong_kind": (
        "Seharusnya {kind!r} bertanda tangan, yang diterima {got!r}.",
        "expected a signed {kind!r}, got {got!r}",
    ),
}
