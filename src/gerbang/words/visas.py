"""Messages of the visa service: credentials, codes, revocations, policy, issuing (Indonesian, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "code.base32_length": (
        "Panjang base32 kredensial ini tidak sesuai dengan untaian bita mana pun.",
        "the credential has a base32 length no byte string encodes to",
    ),
    "code.base32_not_canonical": (
        "Kredensial ini bukan teks base32 kanonis.",
        "the credential is not canonical base32 text",
    ),
    "code.body_unreadable": (
        "Isi kredensial tidak dapat dibaca: {exc}",
        "the credential body cannot be read: {exc}",
    ),
    "code.not_base32": (
        "Kredensial ini bukan teks base32.",
        "the credential is not base32 text",
    ),
    "code.not_canonical": (
        "Isi kredensial tidak dalam bentuk kanonis.",
        "the credential body is not in canonical form",
    ),
    "code.prefix": (
        "Kredensial diawali {prefix}.",
        "a credential starts with {prefix}",
    ),
    "code.text_too_long": (
        "Kolom teks kredensial paling banyak 255 bita.",
        "a credential text field is at most 255 bytes",
    ),
    "code.time_range": (
        "Waktu kredensial harus antara tahun 1970 dan 2106.",
        "credential times must fall between 1970 and 2106",
    ),
    "code.too_short": (
        "Kredensial ini terlalu pendek.",
        "the credential is too short",
    ),
    "credential.already_revoked": (
        "Kredensial ini sudah dicabut ({reason}).",
        "this credential was already revoked ({reason})",
    ),
    "credential.entries_range": (
        "Jumlah masuk harus 1 sampai 65535, atau tidak terbatas.",
        "entries must be 1 to 65535, or unlimited",
    ),
    "credential.key_id": (
        "Id kunci terdiri dari 1 sampai 32 huruf, angka, '-' atau '_'.",
        "a key id is 1 to 32 letters, digits, '-' or '_'",
    ),
    "credential.naive_time": (
        "{name} harus waktu dengan zona waktu, sampai ke detik.",
        "{name} must be a timezone-aware time to the second",
    ),
    "credential.name_length": (
        "Nama pemegang harus berupa teks 1 sampai 255 bita.",
        "the holder's name must be 1 to 255 bytes of text",
    ),
    "credential.nationality": (
        "Kewarganegaraan ditulis dengan kode ICAO tiga huruf, misalnya AUS atau D<<.",
        "nationality is a three-letter ICAO code such as AUS or D<<",
    ),
    "credential.not_found": (
        "Kredensial {credential_id} tidak ada.",
        "no credential {credential_id}",
    ),
    "credential.passport_number": (
        "Nomor paspor terdiri dari 1 sampai 20 huruf dan angka.",
        "a passport number is 1 to 20 letters and digits",
    ),
    "credential.stay_range": (
        "Masa tinggal harus 1 sampai 65535 hari.",
        "stay must be 1 to 65535 days",
    ),
    "credential.time_without_zone": (
        "Waktu harus memuat zona waktu.",
        "times must include a timezone",
    ),
    "credential.unknown_type": (
        "Kode jenis kredensial {code} tidak dikenal.",
        "unknown credential type code {code}",
    ),
    "credential.valid_order": (
        "valid_until harus sesudah valid_from.",
        "valid_until must be after valid_from",
    ),
    "extension.already": (
        (
            "{label} dapat diperpanjang {times} kali, masing-masing {days} hari; masa tinggal ini "
            "sudah diperpanjang sebanyak itu."
        ),
        "{label} can be extended {times} times, by {days} days; this stay has already been extended",
    ),
    "extension.already_once": (
        (
            "{label} dapat diperpanjang satu kali, selama {days} hari; masa tinggal ini sudah pernah "
            "diperpanjang."
        ),
        "{label} can be extended once, by {days} days; this stay has already been extended",
    ),
    "extension.no_rule": (
        (
            "Kebijakan visa tidak menetapkan aturan perpanjangan untuk {label}, jadi tidak dapat "
            "diperpanjang di sini."
        ),
        "the visa policy sets no extension rule for {label}, so it cannot be extended here",
    ),
    "extension.not_extendable": (
        "{label} tidak dapat diperpanjang.",
        "{label} cannot be extended",
    ),
    "extension.revoked": (
        "Kredensial yang sudah dicabut tidak dapat diperpanjang (dicabut: {reason}).",
        "a revoked credential cannot be extended (revoked: {reason})",
    ),
    "extension.superseded": (
        (
            "{label} dapat diperpanjang {times} kali, masing-masing {days} hari; kredensial ini sudah "
            "diperpanjang dan digantikan oleh {id}."
        ),
        (
            "{label} can be extended {times} times, by {days} days; this credential was already "
            "extended and is superseded by {id}"
        ),
    ),
    "extension.superseded_once": (
        (
            "{label} dapat diperpanjang satu kali, selama {days} hari; kredensial ini sudah "
            "diperpanjang dan digantikan oleh {id}."
        ),
        (
            "{label} can be extended once, by {days} days; this credential was already extended and is "
            "superseded by {id}"
        ),
    ),
    "revocation.bad_version": (
        "Versi daftar pencabutan adalah bilangan bulat mulai dari 0.",
        "a revocation list version is a whole number from 0",
    ),
    "revocation.list_not_object": (
        "Daftar pencabutan berupa objek JSON.",
        "a revocation list is a JSON object",
    ),
    "revocation.list_shape": (
        "Daftar pencabutan memiliki versi berupa bilangan bulat dan daftar pencabutan.",
        "a revocation list has an integer version and a list of revocations",
    ),
    "revocation.no_credential": (
        "Setiap pencabutan menyebut id kredensial.",
        "a revocation names a credential id",
    ),
    "revocation.no_reason": (
        "Setiap pencabutan memiliki alasan.",
        "each revocation has a reason",
    ),
    "revocation.not_object": (
        "Setiap pencabutan berupa objek JSON.",
        "each revocation is a JSON object",
    ),
    "revocation.time_differs": (
        "Waktu terbit daftar pencabutan berbeda dari waktu penandatanganannya.",
        "the revocation list's issue time differs from its signing time",
    ),
    "visa.already_decided": (
        "Permohonan ini sudah {decision} pada {decided_at:%d-%m-%Y}.",
        "this application was already {decision} on {decided_at:%Y-%m-%d}",
    ),
    "visa.application_not_found": (
        "Permohonan visa {application_id} tidak ada.",
        "no visa application {application_id}",
    ),
    "visa.awaiting_decision": (
        "Permohonan {id} untuk paspor dan jenis visa ini masih menunggu keputusan.",
        "application {id} for this passport and visa type is still awaiting a decision",
    ),
    "visa.bad_nationality": (
        ("{nationality!r} bukan kode kewarganegaraan; pakai kode yang ada di paspor, misalnya AUS atau D."),
        "{nationality!r} is not a nationality code; use the one in the passport, such as AUS or D",
    ),
    "visa.birth_in_future": (
        "Tanggal lahir tidak boleh di masa depan.",
        "birth_date cannot be in the future",
    ),
    "visa.birth_too_old": (
        "Tanggal lahir lebih dari 130 tahun yang lalu; periksa tahunnya.",
        "birth_date is more than 130 years ago; check the year",
    ),
    "visa.no_fee": (
        (
            "{label} belum dapat diajukan secara daring: kebijakan visa belum menetapkan biaya yang "
            "pasti untuknya."
        ),
        "{label} cannot be applied for online yet: the visa policy sets no confirmed fee for it",
    ),
    "visa.not_found_text": (
        "E-visa {text!r} tidak ditemukan: nomornya berupa UUID seperti yang tertera pada visa.",
        "no e-visa {text!r}: the number is a UUID like the one on the visa",
    ),
    "visa.person_only": (
        "Hanya akun perorangan yang dapat mengajukan visa.",
        "only a person's account may apply for a visa",
    ),
    "visa.reason_too_short": (
        "Tulis alasan paling sedikit 3 karakter.",
        "give a reason of at least 3 characters",
    ),
    "visa.voa_not_eligible": (
        (
            "Kewarganegaraan {nationality} tidak termasuk daftar visa saat kedatangan yang berlaku "
            "pada {at}, jadi e-VoA tidak dapat diterbitkan untuknya."
        ),
        (
            "nationality {nationality} is not on the visa-on-arrival list in force on {at}, so an "
            "e-VoA cannot be issued for it"
        ),
    ),
    "visa.watchlist_match": (
        (
            "Permohonan ini cocok dengan daftar pengawasan ({kinds}); periksa kecocokannya, lalu "
            "setujui dengan screening_reviewed bernilai true, atau tolak."
        ),
        (
            "this application matches the watchlist ({kinds}); review the matches, then approve with "
            "screening_reviewed set to true, or refuse it"
        ),
    ),
    "visa_policy.bad_period": (
        "Ini bukan jangka waktu seperti P90D atau P5Y: {text!r}",
        "not a period like P90D or P5Y: {text!r}",
    ),
    "visa_policy.none_in_force": (
        "Tidak ada kebijakan {credential_type} yang berlaku pada {on}.",
        "no {credential_type} policy in force on {on}",
    ),
    "visa_policy.not_json": (
        "Kebijakan visa bukan JSON.",
        "the visa policy is not JSON",
    ),
    "visa_policy.row_unreadable": (
        "Baris kebijakan visa tidak dapat dibaca: {exc}",
        "a visa policy row cannot be read: {exc}",
    ),
    "visa_policy.same_date": (
        "Dua baris kebijakan memiliki jenis dan tanggal berlaku yang sama.",
        "two policy rows share a type and effective date",
    ),
    "visa_policy.wrong_format": (
        "Ini bukan kebijakan visa (format {policy_format}).",
        "not a visa policy (format {policy_format})",
    ),
}
