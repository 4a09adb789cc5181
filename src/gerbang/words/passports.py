"""Messages of the passport service: applications, booking, payments, offices (Indonesian, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "application.birth_in_future": (
        "Tanggal lahir tidak boleh di masa depan.",
        "birth_date cannot be in the future",
    ),
    "application.validity_for_children": (
        "Paspor {validity_years} tahun hanya untuk pemohon berusia {adult_age} tahun atau lebih atau sudah "
        "menikah; paspor anak berlaku {longest} tahun ({source}).",
        "a {validity_years}-year passport is only for applicants of {adult_age} or older or married; "
        "a child's passport is valid for {longest} years ({source})",
    ),
    "application.birth_too_early": (
        "Tanggal lahir sebelum {earliest} bukan tanggal lahir orang yang masih hidup.",
        "a birth date before {earliest} is not a living person's",
    ),
    "application.cannot_cancel": (
        (
            "Permohonan ini berstatus “{current}” dan tidak bisa dibatalkan lagi (langkah ke "
            "“{target}” tidak tersedia; yang boleh: {options})."
        ),
        "the application is {current}; it cannot become {target}. Allowed next: {options}",
    ),
    "application.name_required": (
        "Tulis nama sesuai e-KTP.",
        "give the name as on the e-KTP",
    ),
    "application.nik_in_progress": (
        "Sudah ada permohonan untuk NIK ini yang sedang berjalan; selesaikan atau batalkan dulu.",
        "an application for this NIK is already in progress; finish or cancel it first",
    ),
    "application.not_found": (
        "Permohonan paspor {application_id} tidak ditemukan di akun Anda.",
        "no passport application {application_id}",
    ),
    "application.not_found_text": (
        "Permohonan paspor {text!r} tidak ditemukan di akun Anda.",
        "no passport application {text!r}",
    ),
    "application.person_only": (
        "Hanya akun perorangan yang dapat mengajukan paspor.",
        "only a person's account may apply for a passport",
    ),
    "application.rejection_reason": (
        "Penolakan perlu alasan paling sedikit 3 karakter.",
        "a rejection needs a reason of at least 3 characters",
    ),
    "application.too_many_people": (
        (
            "Satu akun dapat mengajukan paling banyak {max_people_per_account} orang sekaligus; akun "
            "ini sudah punya sebanyak itu permohonan yang sedang berjalan."
        ),
        (
            "one account may apply for at most {max_people_per_account} people at a time; this account "
            "already has applications in progress for that many"
        ),
    ),
    "application.wrong_step": (
        (
            "Permohonan ini berstatus “{current}”; langkah ke “{target}” tidak bisa dilakukan. Langkah "
            "berikutnya yang boleh: {options}."
        ),
        "the application is {current}; it cannot become {target}. Allowed next: {options}",
    ),
    "apply.choose_kind": (
        "Pilih jenis paspor dan layanan dari daftar.",
        "choose a passport type and a service from the list",
    ),
    "apply.choose_sex": (
        "Pilih laki-laki atau perempuan.",
        "choose male or female (laki-laki atau perempuan)",
    ),
    "bank.bad_code": (
        "Kode billing terdiri dari 15 digit.",
        "a billing code has 15 digits",
    ),
    "bank.unknown_code": (
        "Kode billing {code} tidak dikenal.",
        "no billing code {code}",
    ),
    "booking.choose_day": (
        "Pilih tanggal dari daftar.",
        "choose a day from the list",
    ),
    "booking.choose_office": (
        "Pilih kantor.",
        "choose an office (pilih kantor)",
    ),
    "booking.day_full": (
        "Kuota {service} {office_code} pada {day:long} sudah penuh; pilih hari atau kantor lain.",
        "the {service} quota of {office_code} on {day} is full; choose another day or office",
    ),
    "booking.day_not_after_today": (
        "Pilih tanggal setelah hari ini.",
        "book a day after today",
    ),
    "booking.first_come_not_open": (
        "Kuota hari itu belum dibuka untuk umum; pilih hari lain.",
        "the quota of that day is not open for first-come booking yet; choose another day",
    ),
    "booking.in_draw": (
        "Permohonan ini sudah ikut undian; tunggu hasilnya.",
        "this application is already in the draw; wait for its result",
    ),
    "booking.nik_booked": (
        "NIK ini sudah punya jadwal wawancara; satu jadwal per orang.",
        "this NIK already holds an interview booking; one active booking per person",
    ),
    "booking.nik_booked_already": (
        "NIK ini sudah punya jadwal wawancara.",
        "this NIK already holds an interview booking",
    ),
    "booking.no_office": (
        "Kantor imigrasi {code!r} tidak ada; pilih dari daftar (GET /api/v1/passports/offices).",
        "no passport office {code!r}; GET /api/v1/passports/offices lists them",
    ),
    "booking.not_working_day": (
        "{day:long} bukan hari kerja; kantor tutup.",
        "{day} is not a working day; offices are closed",
    ),
    "booking.nothing_to_reschedule": (
        "Permohonan ini belum punya jadwal wawancara untuk diubah.",
        "this application holds no booking to reschedule",
    ),
    "booking.outside_hours": (
        (
            "{code} menerima wawancara pukul {first_hour:02d}.00 sampai {last_hour:02d}.00; pilih jam "
            "dalam rentang itu."
        ),
        (
            "{code} takes interviews from {first_hour:02d}:00 to {last_hour:02d}:00; choose an hour in "
            "that range"
        ),
    ),
    "booking.quota_not_open": (
        (
            "Kuota {code} untuk {day} dibuka pada {local:%d-%m-%Y pukul %H.%M} ({timezone}); pesan "
            "pada waktu itu."
        ),
        "the quota of {code} for {day} opens at {local:%Y-%m-%d %H:%M} ({timezone}); book then",
    ),
    "booking.reschedule_too_late": (
        "Jadwal hanya bisa diubah paling lambat sehari sebelum wawancara ({day:long}).",
        "a reschedule is possible up to the day before the interview ({day})",
    ),
    "booking.rescheduled_once": (
        "Jadwal hanya bisa diubah satu kali, dan jadwal ini sudah pernah diubah.",
        "a booking can be rescheduled once only, and this one already was",
    ),
    "fee.no_schedule": (
        "Tidak ada daftar biaya paspor yang berlaku pada {on}.",
        "no passport fee schedule is in force on {on}",
    ),
    "fee.validity_not_offered": (
        ("Paspor {kind} {validity_years} tahun tidak tersedia menurut {source}; pilih {offered} tahun."),
        ("a {validity_years}-year {kind} passport is not offered under {source}; choose {offered} years"),
    ),
    "form.bad_date": (
        "Tulis tanggal sebagai tahun-bulan-tanggal (YYYY-MM-DD).",
        "give a date as YYYY-MM-DD (tahun-bulan-tanggal)",
    ),
    "form.choose_hour": (
        "Pilih jam wawancara.",
        "choose an hour (pilih jam)",
    ),
    "handover.birth_date_mismatch": (
        "Tanggal lahir pada e-KTP berbeda dari permohonan.",
        "the birth date on the e-KTP differs from the application",
    ),
    "handover.collector_is_holder": (
        "Pengambil yang dikuasakan tidak boleh memakai NIK anak itu sendiri.",
        "an authorised collector cannot use the child's own NIK",
    ),
    "handover.collector_minor": (
        "Pengambil yang dikuasakan harus berusia {adult_age} tahun atau lebih.",
        "an authorised collector must be {adult_age} or older",
    ),
    "handover.collector_name_missing": (
        "Tulis nama pengambil sesuai e-KTP-nya.",
        "give the collector's name as on their e-KTP",
    ),
    "handover.collector_nik_invalid": (
        "NIK pengambil tidak mungkin benar: {problem}",
        "the collector's NIK cannot be right: {problem}",
    ),
    "handover.collector_nik_mismatch": (
        "NIK pengambil tidak memuat tanggal lahirnya.",
        "the collector's NIK does not encode their birth date",
    ),
    "handover.family_card_missing": (
        "Tulis nomor Kartu Keluarga 16 digit yang mencantumkan anak dan pengambil.",
        "give the 16-digit family card (Kartu Keluarga) number listing the child and the collector",
    ),
    "handover.holder_is_adult": (
        ("Pemegang paspor sudah berusia {adult_age} tahun atau lebih dan harus mengambil paspornya sendiri."),
        "the holder is {adult_age} or older and must collect the passport in person",
    ),
    "handover.name_mismatch": (
        "Nama pada e-KTP berbeda dari nama pada permohonan.",
        "the name on the e-KTP differs from the name on the application",
    ),
    "handover.nik_mismatch": (
        "NIK pada e-KTP bukan NIK permohonan ini.",
        "the NIK on the e-KTP is not the NIK of this application",
    ),
    "handover.refused": (
        "Penyerahan ditolak: {reason}",
        "hand-over refused: {reason}",
    ),
    "handover.relationship_missing": (
        "Sebutkan apakah pengambil adalah orang tua atau wali anak.",
        "say whether the collector is the child's parent or guardian",
    ),
    "history.bad_step": (
        "Riwayat melangkah dari {state} ke {status}, dan itu tidak diperbolehkan.",
        "the history steps from {state} to {status}, which is not allowed",
    ),
    "history.must_start_submitted": (
        'Riwayat harus dimulai dengan "diajukan".',
        "a history must start with submitted",
    ),
    "intake.id_differs": (
        "{kind} {id}: id di dalam isi catatan berbeda.",
        "{kind} {id}: the payload's id differs",
    ),
    "intake.unreadable": (
        "{kind} {id}: {where}: {problem}",
        "{kind} {id}: {where}: {problem}",
    ),
    "intake.wrong_office": (
        "{kind} {id} mengaku dari kantor {site!r}, tetapi kunci node ini untuk {site2}.",
        "{kind} {id} claims office {site!r}, but this node's key is for {site2}",
    ),
    "interview.bad_digest": (
        "{name} harus 64 digit heksadesimal huruf kecil (sebuah SHA-256).",
        "{name} must be 64 lower-case hexadecimal digits (a SHA-256)",
    ),
    "interview.biometrics_missing": (
        "Wawancara dicatat bersama foto dan sidik jari; yang belum ada: {missing}.",
        "an interview is recorded with the photo and fingerprints; missing: {missing}",
    ),
    "nik.birth_digits": (
        (
            "Digit 7 sampai 12 NIK ({value}) bukan tanggal lahir DDMMYY (perempuan menambahkan 40 pada "
            "tanggalnya)."
        ),
        "digits 7 to 12 of the NIK ({value}) are not a birth date DDMMYY (women add 40 to the day)",
    ),
    "nik.birth_mismatch": (
        (
            "NIK memuat tanggal lahir {encoded} (DD-MM-YY), tetapi tanggal lahir yang ditulis "
            "{birth_date}; perbaiki yang salah."
        ),
        (
            "the NIK encodes the birth date {encoded} (DD-MM-YY) but birth_date is {birth_date}; "
            "correct whichever is wrong"
        ),
    ),
    "nik.district": (
        "Digit 3 sampai 6 NIK (kabupaten/kota dan kecamatan) tidak boleh 00.",
        "digits 3 to 6 of the NIK (regency and district) cannot be 00",
    ),
    "nik.length": (
        "NIK terdiri dari tepat 16 digit, seperti tercetak di e-KTP.",
        "a NIK has exactly 16 digits, as printed on the e-KTP",
    ),
    "nik.province": (
        "NIK diawali {value}, dan itu bukan kode provinsi Indonesia; periksa digit pertamanya.",
        ("the NIK starts with {value}, which is not an Indonesian province code; check the first digits"),
    ),
    "nik.serial": (
        "Empat digit terakhir NIK tidak boleh 0000.",
        "the last four digits of the NIK cannot be 0000",
    ),
    "nik.sex_mismatch": (
        ("NIK ini NIK {sex} (tanggal lahirnya {raised} 40), tetapi jenis kelamin yang ditulis {sex2}."),
        "the NIK is a {sex} NIK (the day of birth is {raised} by 40) but sex is {sex2}",
    ),
    "notice.bad_email": (
        "Tulis alamat email seperti nama@contoh.id, atau kosongkan.",
        "give an email address such as nama@contoh.id",
    ),
    "notice.bad_language": (
        "Pilih bahasa: id (Bahasa Indonesia) atau en (English).",
        "language must be id (Bahasa Indonesia) or en (English)",
    ),
    "notice.not_found": (
        "Pemberitahuan {notice_id} tidak ada di kotak masuk Anda.",
        "no notice {notice_id} in your inbox",
    ),
    "office.already_recorded": (
        "{kind} permohonan ini sudah dicatat di sini pada {at}.",
        "{kind} of this application was already recorded here at {at}",
    ),
    "office.bad_day": (
        "Tulis tanggal sebagai YYYY-MM-DD; yang ditampilkan hari ini.",
        "give the day as YYYY-MM-DD; showing today",
    ),
    "office.choose_file": (
        "Pilih berkas {what} dari stasiun perekaman.",
        "choose the {what} file from the capture station",
    ),
    "office.data_stale": (
        "Data janji wawancara sudah berumur {hours:.1f} jam; pemesanan sesudahnya belum tercantum",
        "appointment data is {hours:.1f} hours old; bookings made since are not listed",
    ),
    "office.entry_unreadable": (
        "Entri {section} tidak dapat dibaca: {error}",
        "a {section} entry cannot be read: {error}",
    ),
    "office.file_empty": (
        "Berkas {what} kosong.",
        "the {what} file is empty",
    ),
    "office.file_too_big": (
        "Berkas {what} lebih dari 25 MB; pilih berkas dari stasiun perekaman.",
        "the {what} file is over 25 MB; choose the station's file",
    ),
    "office.just_recorded": (
        "{kind} permohonan ini baru saja dicatat di sini.",
        "{kind} of this application was just recorded here",
    ),
    "office.no_application": (
        "Permohonan {text!r} tidak ada di kantor ini.",
        "no application {text!r} at this office",
    ),
    "office.no_appointment": (
        (
            "Permohonan {application_id} tidak punya jadwal di {site} menurut data pusat yang disimpan "
            "kantor ini (versi {version})."
        ),
        (
            "application {application_id} has no appointment at {site} in the center's data this "
            "office holds (version {version})"
        ),
    ),
    "office.no_data": (
        "Belum ada data janji wawancara dari pusat",
        "no appointment data received from the center yet",
    ),
    "office.not_paid": (
        (
            "Permohonan ini berstatus {status} di data pusat; hanya permohonan yang sudah dibayar yang "
            "diwawancarai."
        ),
        "the application is {status} in the center's data; only a paid application is interviewed",
    ),
    "office.not_ready": (
        (
            "Tidak ada paspor permohonan {application_id} yang siap diambil di {site} menurut data "
            "pusat yang disimpan kantor ini (versi {version})."
        ),
        (
            "no passport of application {application_id} is ready for collection at {site} in the "
            "center's data this office holds (version {version})"
        ),
    ),
    "office.not_ready_here": (
        "Paspor permohonan {ident} tidak siap diambil di sini.",
        "no passport of application {ident} is ready for collection here",
    ),
    "office.offline": (
        "Pusat tidak terjangkau: kantor bekerja offline, catatan menunggu di outbox untuk dikirim",
        "the center is not reachable: working offline, records wait in the outbox",
    ),
    "officer.no_step": (
        "Tidak ada langkah {step!r}; langkahnya: approve, reject, printed, ready.",
        "no step {step!r}; the steps are approve, reject, printed, ready",
    ),
    "officer.reason_required": (
        "Tulis alasan yang akan dibaca pemohon.",
        "give the reason the applicant will read",
    ),
    "outage.already_closed": (
        "Gangguan ini sudah ditutup pada {closed}.",
        "this outage was already closed at {closed}",
    ),
    "outage.end_before_start": (
        "ended_at harus sesudah awal gangguan.",
        "ended_at must be after the outage's start",
    ),
    "outage.end_without_zone": (
        "Tulis ended_at dengan zona waktunya, misalnya 2024-06-24T10:00:00+07:00.",
        "give ended_at with a time zone, such as 2024-06-24T10:00:00+07:00",
    ),
    "outage.ends_before_start": (
        "ends_at harus sesudah starts_at.",
        "ends_at must be after starts_at",
    ),
    "outage.not_found": (
        "Gangguan yang dinyatakan {outage_id} tidak ada.",
        "no declared outage {outage_id}",
    ),
    "outage.reason_too_short": (
        "Tulis alasan paling sedikit 3 karakter.",
        "give a reason of at least 3 characters",
    ),
    "outage.time_without_zone": (
        "Tulis waktu dengan zona waktunya, misalnya 2024-06-20T04:15:00+07:00.",
        "give times with a time zone, such as 2024-06-20T04:15:00+07:00",
    ),
    "payment.bad_signature": (
        "Header X-Signature tidak ada atau bukan HMAC-SHA256 dari isi permintaan.",
        "the X-Signature header is missing or is not the HMAC-SHA256 of the body",
    ),
    "payment.book_first": (
        "Pesan jadwal wawancara dulu: kode billing diterbitkan untuk jadwal yang sudah dipesan.",
        "book an interview slot first: a billing code is issued for a booked slot",
    ),
    "payment.not_matched": (
        "Belum ada pembayaran biaya penuh yang cocok dengan permohonan ini.",
        "no payment of the full fee is matched to this application yet",
    ),
    "payment.revive_only_expired": (
        (
            "Hanya permohonan yang kedaluwarsa karena belum dibayar yang dapat dihidupkan lagi oleh "
            "pembayaran."
        ),
        "only an application that expired for non-payment can be revived by a payment",
    ),
    "payment.secret_empty": (
        "{path} kosong; hapus berkas itu atau tulis kunci rahasia callback bank ke dalamnya.",
        "{path} is empty; delete it or write the bank's callback secret into it",
    ),
    "payment.slot_gone": (
        "Jadwal wawancara permohonan ini sudah tidak ada; pembayarannya dikembalikan.",
        "the interview slot of this application is gone; the payment is refunded instead",
    ),
    "policy.not_passport_policy": (
        "Ini bukan kebijakan paspor (format {policy_format}).",
        "not a passport policy (format {policy_format})",
    ),
    "policy.passport_unreadable": (
        "Kebijakan paspor tidak dapat dibaca: {exc}",
        "the passport policy cannot be read: {exc}",
    ),
    "request.idempotency_differs": (
        "key dan header Idempotency-Key berbeda; kirim salah satunya saja.",
        "key and the Idempotency-Key header differ; send one of them",
    ),
    "request.idempotency_key_form": (
        "Idempotency-Key harus 8 sampai 120 karakter ASCII tanpa spasi, misalnya sebuah UUID.",
        ("the Idempotency-Key must be 8 to 120 printable ASCII characters without spaces, e.g. a UUID"),
    ),
    "request.idempotency_key_used": (
        "Idempotency-Key ini sudah dipakai untuk permintaan pemesanan lain; pakai kunci baru.",
        "this Idempotency-Key was already used for another booking request; use a new key",
    ),
    "service.priority": (
        "prioritas",
        "priority",
    ),
    "service.regular": (
        "reguler",
        "regular",
    ),
    "service.same_day": (
        "percepatan",
        "same-day",
    ),
    "status.approved": (
        "disetujui",
        "approved",
    ),
    "status.awaiting_payment": (
        "menunggu pembayaran",
        "awaiting_payment",
    ),
    "status.cancelled": (
        "dibatalkan",
        "cancelled",
    ),
    "status.expired": (
        "kedaluwarsa",
        "expired",
    ),
    "status.handed_over": (
        "sudah diserahkan",
        "handed_over",
    ),
    "status.interviewed": (
        "sudah wawancara",
        "interviewed",
    ),
    "status.paid": (
        "pembayaran diterima",
        "paid",
    ),
    "status.printed": (
        "sudah dicetak",
        "printed",
    ),
    "status.ready": (
        "siap diambil",
        "ready",
    ),
    "status.rejected": (
        "ditolak",
        "rejected",
    ),
    "status.submitted": (
        "diajukan",
        "submitted",
    ),
    # Portal and office pages: headings, summaries and notes a page shows (not refusals).
    "page.error_summary": (
        "Ada {count} isian yang perlu diperbaiki:",
        "{count} field(s) need fixing:",
    ),
    "page.field_name": ("Nama lengkap", "Full name"),
    "page.field_nik": ("NIK", "NIK"),
    "page.field_birth_date": ("Tanggal lahir", "Birth date"),
    "page.field_sex": ("Jenis kelamin", "Sex"),
    "page.field_passport": ("Jenis paspor", "Passport type"),
    "page.field_service": ("Layanan", "Service"),
    "page.field_office": ("Kantor", "Office"),
    "page.field_day": ("Tanggal", "Day"),
    "page.field_hour": ("Jam", "Hour"),
    "page.field_username": ("Nama pengguna", "Username"),
    "page.field_password": ("Kata sandi", "Password"),
    "page.field_guardian_name": ("Nama orang tua atau wali", "Parent's or guardian's name"),
    "page.field_guardian_nik": ("NIK orang tua atau wali", "Parent's or guardian's NIK"),
    "page.field_guardian_relationship": ("Hubungan dengan anak", "Relationship to the child"),
    "page.field_family_card": ("Nomor Kartu Keluarga", "Family card number"),
    "page.field_guardian_consent": ("Persetujuan orang tua atau wali", "Parent's or guardian's consent"),
    "page.password_rules": (
        "Minimal {min_password_length} karakter dan bukan kata sandi yang umum.",
        "At least {min_password_length} characters, and not a common password.",
    ),
    "page.working_days_only": (
        "Hari kerja saja; hari yang baru dibuka ikut undian.",
        "Working days only; a day just released joins its draw.",
    ),
    "page.fee_legal_note": (
        "Dasar hukum: {law} tentang PNBP Kementerian Hukum dan HAM",
        "Legal basis: {law} on non-tax state revenue (PNBP) of the Ministry of Law and Human Rights",
    ),
    "page.history_rescheduled": (
        "Jadwal diubah ke {office}, {day}, pukul {hour}; sebelumnya {old_day}",
        "Interview moved to {office}, {day}, at {hour}; it was {old_day}",
    ),
    "page.history_title_rescheduled": ("Jadwal diubah", "Rescheduled"),
    # The portal's labels of a status, a service and a passport kind (capitalised, as a page shows them).
    "page.status_submitted": ("Diajukan", "Submitted"),
    "page.status_awaiting_payment": ("Menunggu pembayaran", "Awaiting payment"),
    "page.status_paid": ("Pembayaran diterima", "Payment received"),
    "page.status_interviewed": ("Sudah wawancara", "Interviewed"),
    "page.status_approved": ("Disetujui", "Approved"),
    "page.status_rejected": ("Ditolak", "Rejected"),
    "page.status_printed": ("Sudah dicetak", "Printed"),
    "page.status_ready": ("Siap diambil", "Ready for collection"),
    "page.status_handed_over": ("Sudah diserahkan", "Handed over"),
    "page.status_cancelled": ("Dibatalkan", "Cancelled"),
    "page.status_expired": ("Kedaluwarsa", "Expired"),
    "page.service_regular": ("Reguler", "Regular"),
    "page.service_same_day": ("Percepatan (selesai hari yang sama)", "Same-day"),
    "page.service_priority": ("Prioritas", "Priority"),
    "page.kind_electronic": ("Paspor elektronik", "e-passport"),
    "page.kind_ordinary": ("Paspor biasa", "ordinary"),
    "page.choose": ("pilih", "choose"),
    "page.sex_female": ("Perempuan", "Female"),
    "page.sex_male": ("Laki-laki", "Male"),
    "page.by_you": ("Anda", "You"),
    "page.by_officer": ("Petugas", "Officer"),
    "page.office_upcoming": ("Akan datang", "Coming up"),
    "page.office_late": ("Terlambat / belum datang", "Late / not yet arrived"),
    "page.office_late_hint": (
        "Jadwalnya sudah lewat; tetap dilayani sampai akhir hari ini.",
        "Their slot has passed; they can still be served until the end of today.",
    ),
    "page.office_done": ("Sudah wawancara", "Interviewed"),
    "page.office_none_late": ("Tidak ada yang terlambat.", "Nobody is late."),
    # A child's application: Permenkumham 8/2014 on ordinary passports (as amended by Permenkumham
    # 18/2022) asks for a parent's e-KTP, the family card, the child's birth certificate and a
    # statement of both parents taking responsibility; a child is under 17 and not married.
    "page.guardian_heading": (
        "Orang tua atau wali (pemohon di bawah {adult_age} tahun)",
        "Parent or guardian (applicant under {adult_age})",
    ),
    "page.guardian_intro": (
        "Anak di bawah {adult_age} tahun mengajukan paspor bersama orang tua atau wali "
        "(Permenkumham 8/2014 tentang Paspor Biasa). Bawa ke wawancara: e-KTP orang tua atau wali, "
        "Kartu Keluarga, akta kelahiran anak, dan surat pernyataan kedua orang tua.",
        "A child under {adult_age} applies with a parent or guardian (Permenkumham 8/2014 on ordinary "
        "passports). Bring to the interview: the parent's or guardian's e-KTP, the family card, the "
        "child's birth certificate and both parents' signed statement.",
    ),
    "page.guardian_parent": ("Orang tua", "Parent"),
    "page.guardian_guardian": ("Wali", "Guardian"),
    "page.guardian_consent_text": (
        "Saya orang tua atau wali anak ini, menyetujui permohonan paspornya dan bertanggung jawab "
        "atas penggunaannya.",
        "I am this child's parent or guardian, I consent to the passport application and take "
        "responsibility for its use.",
    ),
    "guardian.name_missing": (
        "Tulis nama orang tua atau wali seperti di e-KTP.",
        "give the parent's or guardian's name as on the e-KTP",
    ),
    "guardian.nik_is_child": (
        "NIK orang tua atau wali tidak boleh sama dengan NIK anak.",
        "the parent's or guardian's NIK must not be the child's own",
    ),
    "guardian.relationship_missing": (
        "Pilih apakah Anda orang tua atau wali anak.",
        "say whether you are the child's parent or guardian",
    ),
    "guardian.family_card_bad": (
        "Nomor Kartu Keluarga terdiri dari 16 digit.",
        "a family card number has 16 digits",
    ),
    "guardian.consent_missing": (
        "Centang persetujuan orang tua atau wali; tanpa itu permohonan anak tidak dapat diajukan.",
        "tick the parent's or guardian's consent; a child's application cannot be filed without it",
    ),
    "guardian.required": (
        "Pemohon di bawah {adult_age} tahun dan belum menikah perlu orang tua atau wali: isi nama, "
        "hubungan, dan NIK-nya serta persetujuannya ({source}).",
        "an applicant under {adult_age} and not married needs a parent or guardian: give their name, "
        "relationship and NIK, and their consent ({source})",
    ),
    "guardian.nik_bad": (
        "NIK orang tua atau wali terdiri dari 16 angka seperti di e-KTP-nya.",
        "the parent's or guardian's NIK has 16 digits, as on their e-KTP",
    ),
    "page.guardian_married": (
        "Pemohon sudah menikah (tidak perlu orang tua atau wali)",
        "The applicant is married (no parent or guardian needed)",
    ),
    "page.guardian_at_interview": (
        "Anak: datang bersama {name} ({relationship}, NIK {nik}); periksa e-KTP-nya, Kartu Keluarga, "
        "akta kelahiran, dan surat pernyataan orang tua.",
        "A child: comes with {name} ({relationship}, NIK {nik}); check their e-KTP, the family card, the "
        "birth certificate and the parents' statement.",
    ),
    "page.guardian_consented": (
        "Anak: diajukan dengan persetujuan {name} ({relationship}, NIK {nik}).",
        "A child: filed with the consent of {name} ({relationship}, NIK {nik}).",
    ),
    "guardian.is_minor": (
        "Orang tua atau wali harus berusia {adult_age} tahun atau lebih.",
        "the parent or guardian must be {adult_age} or older",
    ),
}
