"""The reasons a checkpoint gives for a decision, in the officer's language (Indonesian, English)."""

from __future__ import annotations

_HIT_ID = "(entri daftar cegah/tangkal {entry}, skor kecocokan {score:.2f})"
_HIT_EN = "(watchlist entry {entry}, match score {score:.2f})"

MESSAGES: dict[str, tuple[str, str]] = {
    "lane_reason.specimen_document": (
        "Dokumen mengaku dari Utopia, negara dokumen contoh ICAO; ini bukan dokumen perjalanan.",
        "The document claims Utopia, the state of ICAO specimen documents; it is not a travel document.",
    ),
    "lane_reason.mrz_check_failed": (
        "Zona baca mesin gagal di digit pemeriksanya ({names}). Periksa dokumen secara manual dan "
        "bandingkan zonanya dengan halaman data.",
        "The machine-readable zone fails its check digits ({names}). "
        "Examine the document by hand and compare the zone with the data page.",
    ),
    "lane_reason.mrz_field_invalid": (
        "Zona baca mesin melanggar aturan ICAO: {errors}. Periksa dokumen secara manual.",
        "The machine-readable zone breaks the ICAO rules: {errors}. Examine the document by hand.",
    ),
    "lane_reason.not_a_passport": (
        "Dokumen (kode {document_type}) bukan paspor. Periksa apakah ini dokumen perjalanan yang "
        "diterima di pos ini.",
        "The document (code {document_type}) is not a passport. "
        "Check that it is a travel document accepted at this checkpoint.",
    ),
    "lane_reason.expiry_date_unreadable": (
        "Tanggal habis berlaku di zona bukan tanggal yang sah. Baca dari halaman data.",
        "The expiry date in the zone is not a real date. Read it from the data page.",
    ),
    "lane_reason.document_expired": (
        "Paspor sudah habis berlaku pada {expiry}.",
        "The passport expired on {expiry}.",
    ),
    "lane_reason.validity_refused": (
        "Paspor habis berlaku pada {expiry}, kurang dari {months} bulan setelah masuk. Masuk ditolak "
        "({source}).",
        "The passport expires on {expiry}, less than {months} months after entry. Entry is refused "
        "({source}).",
    ),
    "lane_reason.validity_referred": (
        "Paspor habis berlaku pada {expiry}, kurang dari {months} bulan setelah masuk. Rujuk ke petugas "
        "({source}).",
        "The passport expires on {expiry}, less than {months} months after entry. Refer to the officer "
        "({source}).",
    ),
    "lane_reason.exit_ban": (
        "Pelintas dicegah ke luar Indonesia (pencegahan) " + _HIT_ID + ".",
        "The traveller is barred from leaving Indonesia (pencegahan) " + _HIT_EN + ".",
    ),
    "lane_reason.exit_ban_on_record": (
        "Ada catatan pencegahan; itu tidak menghalangi masuk " + _HIT_ID + ".",
        "An exit ban (pencegahan) is on record; it does not stop entry " + _HIT_EN + ".",
    ),
    "lane_reason.entry_ban": (
        "Pelintas ditangkal masuk Indonesia (penangkalan) " + _HIT_ID + ".",
        "The traveller is barred from entering Indonesia (penangkalan) " + _HIT_EN + ".",
    ),
    "lane_reason.entry_ban_citizen": (
        "Penangkalan cocok dengan seorang WNI, yang tidak dapat ditangkal masuk; periksa kecocokannya "
        "dan laporkan " + _HIT_ID + ".",
        "An entry ban (penangkalan) matched an Indonesian citizen, who cannot be barred from entering; "
        "check the match and report it " + _HIT_EN + ".",
    ),
    "lane_reason.entry_ban_on_record": (
        "Ada catatan penangkalan; itu tidak menghalangi keberangkatan " + _HIT_ID + ".",
        "An entry ban (penangkalan) is on record; it does not stop departure " + _HIT_EN + ".",
    ),
    "lane_reason.wanted_person": (
        "Pelintas cocok dengan orang yang dicari; tahan di loket dan ikuti prosedur orang dicari "
        + _HIT_ID
        + ".",
        "The traveller matches a wanted person; hold at the counter and follow the wanted-person "
        "procedure " + _HIT_EN + ".",
    ),
    "lane_reason.lost_stolen_document": (
        "Dokumen dilaporkan hilang atau dicuri; tahan dan periksa " + _HIT_ID + ".",
        "The document is reported lost or stolen; keep it and examine it " + _HIT_EN + ".",
    ),
    "lane_reason.biometric_not_checked": (
        "Tidak ada pencocokan biometrik di jalur ini.",
        "No biometric match was made at this lane.",
    ),
    "lane_reason.biometric_mismatch": (
        "Biometrik langsung tidak cocok dengan pemegang dokumen. Bandingkan pelintas dengan fotonya.",
        "The live biometric does not match the document holder. Compare the traveller with the photo.",
    ),
    "lane_reason.autogate_age_not_eligible": (
        "Autogate hanya untuk pelintas berusia {min_age} tahun ke atas; usia pelintas ini {age}.",
        "Autogates take travellers aged {min_age} and over; this traveller's age is {age}.",
    ),
    "lane_reason.autogate_age_unknown": (
        "Autogate hanya untuk pelintas berusia {min_age} tahun ke atas; usia pelintas ini tidak diketahui.",
        "Autogates take travellers aged {min_age} and over; this traveller's age is unknown.",
    ),
    "lane_reason.autogate_no_biometric": (
        "Autogate tidak membuat pencocokan biometrik; gerbang tidak dapat terbuka tanpanya.",
        "The autogate made no biometric match; it cannot open without one.",
    ),
    "lane_reason.watchlist_hit_at_autogate": (
        "Kecocokan daftar cegah/tangkal membuat autogate merah; petugas memeriksanya di loket.",
        "A watchlist hit turns the autogate red; an officer reviews it at the counter.",
    ),
    "lane_reason.citizen_entry": (
        "WNI masuk: warga negara tidak boleh ditolak masuk Indonesia, jadi temuan lain dirujuk ke "
        "petugas, tidak pernah ditolak.",
        "Indonesian citizen entering: a citizen may not be refused entry to Indonesia, "
        "so any other finding is referred to the officer, never refused.",
    ),
    "lane_reason.sent_to_counter": (
        "Autogate tidak dapat meloloskan pelintas ini; ke loket, petugas yang memutuskan.",
        "The autogate cannot clear this traveller; go to a counter, where an officer decides.",
    ),
    "lane_reason.credential_failed_unreadable": (
        "Visa elektronik tidak dapat dibaca (kode QR rusak atau bukan visa Indonesia).",
        "The visa credential cannot be read (a damaged QR code, or not an Indonesian visa).",
    ),
    "lane_reason.credential_failed_unknown_key": (
        "Visa elektronik ditandatangani kunci yang tidak dikenal pos ini (daftar kunci mungkin belum "
        "diperbarui).",
        "The visa credential is signed with a key this checkpoint does not know (its key list may be "
        "out of date).",
    ),
    "lane_reason.credential_failed_signature": (
        "Tanda tangan visa elektronik tidak sah: isinya telah diubah atau dipalsukan.",
        "The visa credential's signature does not hold: it was altered or forged.",
    ),
    "lane_reason.credential_failed_key_not_valid": (
        "Visa elektronik ditandatangani dengan kunci di luar masa berlakunya.",
        "The visa credential was signed with a key outside its validity.",
    ),
    "lane_reason.credential_failed_revoked": (
        "Visa elektronik telah dicabut.",
        "The visa credential has been revoked.",
    ),
    "lane_reason.credential_failed_not_yet_valid": (
        "Visa elektronik belum berlaku; berlaku mulai {start}.",
        "The visa credential is not valid yet; it is valid from {start}.",
    ),
    "lane_reason.credential_failed_expired": (
        "Visa elektronik sudah tidak berlaku sejak {until}.",
        "The visa credential expired on {until}.",
    ),
    "lane_reason.credential_failed_wrong_holder": (
        "Visa elektronik diterbitkan untuk paspor lain, bukan paspor yang diperlihatkan.",
        "The visa credential was issued for another passport, not the one presented.",
    ),
    "lane_reason.credential_failed_entries_used_up": (
        "Semua masuk yang diizinkan visa elektronik ini sudah dipakai.",
        "Every entry this visa credential allows has been used.",
    ),
    "lane_reason.credential_wrong_holder": (
        "Visa elektronik diterbitkan untuk paspor {issued_for}, bukan {document}.",
        "The visa credential was issued for passport {issued_for}, not {document}.",
    ),
    "lane_reason.credential_valid": (
        "{label} sah; izin tinggal sampai {end}.",
        "Valid {label}; stay permitted until {end}.",
    ),
    "lane_reason.visa_on_arrival_paid": (
        "Visa kedatangan dibayar ({fee}); {days} hari, dapat diperpanjang satu kali ({source}).",
        "Visa on arrival paid ({fee}); {days} days, extendable once ({source}).",
    ),
    "lane_reason.visa_exempt": (
        "Kewarganegaraan bebas visa {nationality}: {days} hari, tidak dapat diperpanjang ({source}).",
        "Visa-exempt nationality {nationality}: {days} days, not extendable ({source}).",
    ),
    "lane_reason.visa_on_arrival_not_eligible": (
        "Kewarganegaraan {nationality} tidak ada dalam daftar visa kedatangan ({source}), jadi biaya "
        "yang dibayar bukan visa: diperlukan visa yang terbit sebelum perjalanan (UU 6/2011 pasal "
        "13(1)(d)). Kembalikan biayanya.",
        "Nationality {nationality} is not on the visa-on-arrival list ({source}), so the fee paid is not "
        "a visa: a visa issued before travel is required (UU 6/2011 art. 13(1)(d)). Refund the fee.",
    ),
    "lane_reason.visa_on_arrival_not_paid": (
        "Tidak ada visa; kewarganegaraan {nationality} dapat membeli visa kedatangan ({fee}). "
        "Tagih biayanya.",
        "No visa presented; nationality {nationality} may buy a visa on arrival ({fee}). Collect the fee.",
    ),
    "lane_reason.visa_on_arrival_not_here": (
        "Tidak ada visa; kewarganegaraan {nationality} dapat membeli visa kedatangan ({fee}). Visa "
        "kedatangan hanya dijual di loket.",
        "No visa presented; nationality {nationality} may buy a visa on arrival ({fee}). "
        "A visa on arrival is sold only at a counter.",
    ),
    "lane_reason.visa_on_arrival_refused": (
        "Tidak ada visa. Kewarganegaraan ini dapat membeli visa kedatangan, tetapi masuk ditolak karena "
        "alasan yang disebut: jangan jual visa.",
        "No visa presented. The nationality may buy a visa on arrival, but entry is refused for the "
        "reasons given: do not sell one.",
    ),
    "lane_reason.visa_required": (
        "Kewarganegaraan {nationality} tidak bebas visa dan tidak berhak visa kedatangan, sehingga perlu "
        "visa yang terbit sebelum perjalanan; tidak ada visa elektronik sah yang ditunjukkan (UU 6/2011 "
        "pasal 13(1)(d)).",
        "Nationality {nationality} is neither visa-exempt nor eligible for a visa on arrival and needs a "
        "visa issued before travel; no valid visa credential was presented (UU 6/2011 art. 13(1)(d)).",
    ),
    "lane_reason.no_stay_record": (
        "Tidak ada catatan izin tinggal orang asing ini; overstay tidak dapat diperiksa di sini. Periksa "
        "cap masuk; lintasan ini diperiksa lagi saat catatan dicocokkan.",
        "No stay record for this foreigner; overstay cannot be checked here. Check the entry "
        "stamp; the crossing is re-checked when records are reconciled.",
    ),
    "lane_reason.overstay_deportation": (
        "Melebihi izin tinggal {days} hari (diizinkan sampai {until}): {from_days} hari atau lebih "
        "berarti deportasi dan penangkalan ({source}).",
        "Overstayed {days} days (permitted until {until}): {from_days} days or more means deportation "
        "and an entry ban ({source}).",
    ),
    "lane_reason.overstay_fine_paid": (
        "Melebihi izin tinggal {days} hari; denda {fine} sudah dibayar ({source}).",
        "Overstayed {days} days; fine of {fine} paid ({source}).",
    ),
    "lane_reason.overstay": (
        "Melebihi izin tinggal {days} hari (diizinkan sampai {until}): tagih denda {fine} ({per_day} "
        "per hari, {source}).",
        "Overstayed {days} days (permitted until {until}): collect the fine of {fine} ({per_day} a day, "
        "{source}).",
    ),
}
