"""Messages about watchlist records and screening runs (Indonesian, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "record.country_code": (
        "{what} harus kode ISO 3166 alpha-3, bukan {value!r}.",
        "{what} must be an ISO 3166 alpha-3 code, not {value!r}",
    ),
    "record.date_string": (
        "{what} harus teks YYYY-MM-DD, bukan {value!r}.",
        "{what} must be a YYYY-MM-DD string, not {value!r}",
    ),
    "record.empty_string": (
        "{what} harus teks yang tidak kosong.",
        "{what} must be a non-empty string",
    ),
    "record.entry_not_object": (
        "Entri daftar pengawasan harus objek JSON.",
        "a watchlist entry must be a JSON object",
    ),
    "record.list_kind": (
        "list harus salah satu dari {kinds}, bukan {kind!r}.",
        "list must be one of {kinds}, not {kind!r}",
    ),
    "record.missing": (
        "{what} tidak ada.",
        "{what} is missing",
    ),
    "record.name_or_document": (
        "Entri memerlukan paling sedikit satu nama atau dokumen.",
        "an entry needs at least one name or document",
    ),
    "record.names_missing": (
        "names tidak ada.",
        "names is missing",
    ),
    "record.not_real_date": (
        "{what} {value!r} bukan tanggal yang nyata.",
        "{what} {value!r} is not a real date",
    ),
    "record.partial_date": (
        "{what} harus YYYY, YYYY-MM atau YYYY-MM-DD, bukan {value!r}.",
        "{what} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}",
    ),
    "record.query_not_object": (
        "Kueri harus objek JSON.",
        "a query must be a JSON object",
    ),
    "record.string_list": (
        "{what} harus daftar teks.",
        "{what} must be a list of strings",
    ),
    "watchlist.delta_checkpoints_only": (
        "Hanya pos pemeriksaan yang menerima delta daftar pengawasan.",
        "only checkpoints receive watchlist deltas",
    ),
    "watchlist.delta_other_sections": (
        "Delta daftar pengawasan dibuat untuk data rujukan lain daripada yang dipegang pos; "
        "unduh salinan lengkap.",
        "the watchlist delta was made against other reference data than the checkpoint holds; "
        "download the whole snapshot",
    ),
    "watchlist.delta_other_sections_changed": (
        "Data rujukan selain daftar pengawasan berubah sejak versi {since}; unduh salinan lengkap "
        "versi {version}.",
        "reference data other than the watchlist changed since version {since}; download the whole "
        "snapshot of version {version}",
    ),
    "watchlist.delta_too_large": (
        "Lebih dari {limit} entri berubah sejak versi {since}; unduh daftar lengkap.",
        "more than {limit} entries changed since version {since}; download the whole list",
    ),
    "watchlist.delta_too_long": (
        "Delta daftar pengawasan lebih dari {limit} bita; ditolak.",
        "a watchlist delta longer than {limit} bytes is refused",
    ),
    "watchlist.delta_unknown_version": (
        "Pusat tidak dapat membuat delta dari versi {since} ke versi {version}; unduh daftar lengkap.",
        "the center cannot make a delta from version {since} to version {version}; download the whole list",
    ),
    "watchlist.delta_backwards": (
        "Delta daftar pengawasan harus maju: versi {version} tidak setelah {since}.",
        "a watchlist delta must move forward: version {version} does not follow {since}",
    ),
    "watchlist.delta_lists": (
        "Delta daftar pengawasan harus memuat daftar added (entri) dan removed (id tidak kosong).",
        "a watchlist delta must hold an added list of entries and a removed list of non-empty ids",
    ),
    "watchlist.delta_not_object": (
        "Isi delta daftar pengawasan harus objek JSON.",
        "a watchlist delta's payload must be a JSON object",
    ),
    "watchlist.delta_out_of_sequence": (
        "Delta daftar pengawasan dimulai dari versi {since}, padahal pos memegang versi {held}; "
        "minta delta yang hilang atau salinan lengkap.",
        "the watchlist delta starts at version {since} but the checkpoint holds version {held}; "
        "ask for the missing deltas or a whole snapshot",
    ),
    "watchlist.delta_version": (
        "{field} dalam delta daftar pengawasan harus bilangan bulat tidak negatif.",
        "{field} in a watchlist delta must be a non-negative integer",
    ),
}
