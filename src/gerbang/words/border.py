"""Messages of the checkpoint: lanes, decisions, entry rules, stays and queues (Indonesian, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "checkpoint.data_stale": (
        (
            "Data referensi terakhir dikonfirmasi pusat {hours:.1f} jam yang lalu; keputusan akan "
            "diperiksa ulang oleh pusat"
        ),
        (
            "reference data was last confirmed by the center {hours:.1f} hours ago; decisions are "
            "re-screened by the center"
        ),
    ),
    "checkpoint.no_data": (
        "Belum ada data referensi dari pusat: pemeriksaan daftar pengawasan masih kosong",
        "no reference data received from the center yet: watchlist screening is empty",
    ),
    "checkpoint.offline": (
        "Pusat tidak terjangkau: keputusan diambil secara luring, catatan menunggu di outbox",
        "the center is not reachable: deciding offline, records wait in the outbox",
    ),
    "crossing.id_differs": (
        "Pelintasan {id}: id di dalam isi catatan ({id2}) berbeda.",
        "crossing {id}: the payload's id {id2} differs",
    ),
    "crossing.impossible_birth": (
        "Pelintasan {id} memuat tanggal lahir yang tidak mungkin.",
        "crossing {id} has an impossible birth date",
    ),
    "crossing.impossible_time": (
        "Pelintasan {id} tercatat pada waktu yang tidak mungkin.",
        "crossing {id} was recorded at an impossible time",
    ),
    "crossing.not_found": (
        "Pelintasan {crossing_id} tidak ada di tempat pemeriksaan ini.",
        "no crossing {crossing_id} at this checkpoint",
    ),
    "crossing.not_found_text": (
        "Tidak ada pelintasan {crossing_id!r} di tempat pemeriksaan ini.",
        "no crossing {crossing_id!r} at this checkpoint",
    ),
    "crossing.stay_too_long": (
        "Pelintasan {id} memberi izin tinggal sampai {until}, lebih lama dari izin mana pun.",
        "crossing {id} permits a stay until {until}, longer than any permit grants",
    ),
    "crossing.unreadable": (
        "Pelintasan {id}: {where}: {problem}",
        "crossing {id}: {where}: {problem}",
    ),
    "crossing.wrong_site": (
        "Pelintasan {id} mengaku dari lokasi {site!r}, tetapi kunci node ini untuk {site2}.",
        "crossing {id} claims site {site!r}, but this node's key is for {site2}",
    ),
    "decision.time_without_zone": (
        "Waktu keputusan harus memuat zona waktu.",
        "the decision time must include a timezone",
    ),
    "entry_policy.needs_rows": (
        "Kebijakan perbatasan memerlukan {key!r} berupa daftar baris.",
        "the border policy needs {key!r} as a list of rows",
    ),
    "entry_policy.none_in_force": (
        "Tidak ada kebijakan {what} yang berlaku pada {on}.",
        "no {what} policy in force on {on}",
    ),
    "entry_policy.not_json": (
        "Kebijakan perbatasan bukan JSON.",
        "the border policy is not JSON",
    ),
    "entry_policy.row_missing": (
        "Tidak ada baris {missing} yang berlaku pada {at}; setiap aturan memerlukannya.",
        "no {missing} row is in force on {at}; every rule needs one",
    ),
    "entry_policy.row_missing_field": (
        "{key} baris {number}: {args!r} tidak ada.",
        "{key} row {number}: {args!r} is missing",
    ),
    "entry_policy.row_unreadable": (
        "{key} baris {number}: {exc}",
        "{key} row {number}: {exc}",
    ),
    "entry_policy.same_date": (
        "Dua baris {key} memiliki tanggal berlaku yang sama.",
        "two {key} rows share an effective date",
    ),
    "entry_policy.say_why": (
        "Tulis alasan perubahan kebijakan masuk.",
        "say why the entry policy changes",
    ),
    "entry_policy.wrong_format": (
        "Ini bukan kebijakan perbatasan (format {policy_format}).",
        "not a border policy (format {policy_format})",
    ),
    "lane.only_autogate_broken": (
        "Hanya autogate yang dapat ditandai rusak; tutup loket sebagai gantinya.",
        "only an autogate can be marked out of order; close a counter instead",
    ),
    "lane.queue_choice": (
        "Jalur melayani salah satu antrean {queues}.",
        "a lane serves one of the queues {queues}",
    ),
    "lane.status_choice": (
        "Status jalur adalah salah satu dari {statuses}.",
        "a lane's status is one of {statuses}",
    ),
    "lane.unknown": (
        "Jalur {lane!r} tidak dikenal; tempat pemeriksaan ini punya {known}.",
        "unknown lane {lane!r}; this checkpoint has {known}",
    ),
    "lane.unknown_here": (
        "Tempat pemeriksaan ini tidak punya jalur {lane!r}; jalurnya: {lanes}.",
        "this checkpoint has no lane {lane!r}; its lanes are {lanes}",
    ),
    "lane.unknown_known": (
        "Tempat pemeriksaan ini tidak punya jalur {lane!r}; jalurnya: {known}.",
        "this checkpoint has no lane {lane!r}; its lanes are {known}",
    ),
    "lane.center_unreachable": (
        "Pusat data tidak dapat dihubungi. Jalur ini tetap memutuskan secara luring dan menyimpan setiap "
        "catatan; semuanya diunggah dan disaring ulang saat pusat kembali.",
        "The center cannot be reached. This lane keeps deciding offline and keeps every record; all of "
        "them are uploaded and screened again when the center is back.",
    ),
    "lane.zone_lines": (
        (
            "Zona ini punya {count} baris; paspor punya 2 baris (kartu identitas 3): pindai ulang atau "
            "ketik setiap baris."
        ),
        (
            "the zone has {count} line(s); a passport has 2 (an identity card 3): scan it again or "
            "type every line"
        ),
    ),
    "override.before_decision": (
        "Penggantian tidak boleh lebih awal dari keputusan yang diganti.",
        "an override cannot be earlier than the decision it overrides",
    ),
    "override.citizen_refused": (
        "Warga negara Indonesia tidak boleh ditolak masuk.",
        "an Indonesian citizen may not be refused entry",
    ),
    "override.form": (
        "Pilih keputusan dan tulis alasan paling sedikit 3 karakter.",
        "choose a decision and give a reason of at least 3 characters",
    ),
    "override.officer_required": (
        "Penggantian keputusan harus menyebut nama petugasnya.",
        "an override must name the officer",
    ),
    "override.reason_required": (
        "Penggantian keputusan memerlukan alasan.",
        "an override needs a reason",
    ),
    "override.same_outcome": (
        "Keputusannya sudah {outcome}.",
        "the decision is already {outcome}",
    ),
    "override.time_without_zone": (
        "Waktu penggantian keputusan harus memuat zona waktu.",
        "the override time must include a timezone",
    ),
    "queue.count_people": (
        "Tulis jumlah orang yang dihitung dalam antrean.",
        "give the number of people counted in the line",
    ),
    "queue.figures_invalid": (
        "Angka antrean {id}: {where} tidak sah.",
        "queue figures {id}: {where} is not valid",
    ),
    "queue.figures_unknown": (
        "Angka antrean {id}: waktunya tanpa zona waktu atau antreannya tidak dikenal.",
        "queue figures {id}: a time without offset or an unknown queue",
    ),
    "queue.counts_per_slice": (
        "Berikan jumlah loket sebanyak potongan waktu kedatangan.",
        "give as many counter counts as arrival slices",
    ),
    "queue.head_count": (
        "Jumlah orang antara 0 dan {max_people}.",
        "a head count is between 0 and {max_people}",
    ),
    "queue.lane_kind": (
        "Jalur adalah loket atau autogate, bukan {kind!r}.",
        "a lane is a counter or an autogate, not {kind!r}",
    ),
    "queue.lane_status": (
        "Status jalur adalah {statuses}, bukan {status!r}.",
        "a lane is {statuses}, not {status!r}",
    ),
    "queue.names": (
        "Antreannya: {queues}.",
        "the queues are {queues}",
    ),
    "queue.negative_arrivals": (
        "Jumlah kedatangan tidak boleh negatif.",
        "arrivals cannot be negative",
    ),
    "queue.negative_load": (
        "Jumlah petugas dan beban tidak boleh negatif.",
        "servers and offered load cannot be negative",
    ),
    "queue.no_flights": (
        "Jadwal tidak memuat penerbangan.",
        "the schedule lists no flights",
    ),
    "queue.row_not_object": (
        "Baris jadwal {number}: seharusnya sebuah objek.",
        "schedule row {number}: expected an object",
    ),
    "queue.row_unreadable": (
        "Baris jadwal {number}: {detail}",
        "schedule row {number}: {detail}",
    ),
    "queue.schedule_empty": (
        "Jadwal penerbangan kosong.",
        "the flight schedule is empty",
    ),
    "queue.schedule_not_json": (
        "Jadwal penerbangan bukan JSON yang sah.",
        "the flight schedule is not valid JSON",
    ),
    "queue.schedule_not_list": (
        "Jadwal JSON adalah daftar penerbangan.",
        "a JSON schedule is a list of flights",
    ),
    "queue.service_time": (
        "Waktu layanan harus lebih dari 0.",
        "the service time must be above 0",
    ),
    "queue.share_range": (
        "Porsi dalam target harus antara 0 dan 1.",
        "the share within the target must be between 0 and 1",
    ),
    "queue.target_form": (
        "Target ditulis seperti '95% <= 15', bukan {text!r}.",
        "a target looks like '95% <= 15', not {text!r}",
    ),
    "queue.target_range": (
        "Target adalah porsi antara 0 dan 1 dalam 0-{icao_clearance_min:.0f} menit.",
        "a target is a share between 0 and 1 within 0-{icao_clearance_min:.0f} minutes",
    ),
    "queue.walk_order": (
        "Waktu jalan harus memenuhi tercepat <= paling mungkin <= terlama.",
        "walk times must satisfy fastest <= likely <= slowest",
    ),
    "queue.weights_negative": (
        "Bobot waktu jalan memerlukan menit dan bobot 0 atau lebih.",
        "walk-time weights need minutes and weights of 0 or more",
    ),
    "queue.weights_zero": (
        "Bobot waktu jalan harus berjumlah lebih dari 0.",
        "walk-time weights must add up to more than 0",
    ),
    "stay.ends_before_start": (
        "Masa tinggal tidak boleh berakhir sebelum dimulai.",
        "a stay cannot end before it starts",
    ),
    "stays.key_incomplete": (
        "Kunci izin tinggal di snapshot memerlukan key_id dan kunci rahasia.",
        "the snapshot's stays key needs a key_id and a secret",
    ),
    "stays.secret_missing": (
        "{path} tidak memuat kunci rahasia pencarian izin tinggal.",
        "{path} does not hold a stays lookup secret",
    ),
    "stays.secret_short": (
        "{path} memuat kunci rahasia pencarian izin tinggal yang terlalu pendek.",
        "{path} holds a stays lookup secret that is too short",
    ),
    "watchlist.list_kind": (
        "Jenis daftar harus salah satu dari {kinds}, bukan {list_kind!r}.",
        "list kind must be one of {kinds}, not {list_kind!r}",
    ),
}
