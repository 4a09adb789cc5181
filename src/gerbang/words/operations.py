"""Messages of the operator's tools: settings, start-up, backups, promotion, the lab (Indonesian, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "account.no_such_user": (
        "Tidak ada akun bernama {username!r}.",
        "no account named {username!r}",
    ),
    "audit.broken": (
        "Log audit rusak pada entri {seq} ({problem}): {detail}",
        "audit log broken at entry {seq} ({problem}): {detail}",
    ),
    "audit.entries_missing": (
        "entri {seq}..{last} hilang",
        "entries {seq}..{last} are missing",
    ),
    "audit.hash_mismatch": (
        "isi entri {seq} tidak cocok dengan hash-nya",
        "the content of entry {seq} does not match its hash",
    ),
    "audit.head_row_missing": (
        "baris kepala rantai hilang",
        "the head row is missing",
    ),
    "audit.intact": (
        "Log audit utuh: {entries} entri; {published} kepala yang diterbitkan di samping basis data dan "
        "{witnessed} kepala yang disimpan saksi semuanya ada di rantai.",
        "audit log intact: {entries} entries; {published} heads published beside the database and "
        "{witnessed} heads kept by the witness are all in the chain",
    ),
    "audit.last_not_recorded": (
        "entri terakhir ({seq}) bukan yang tercatat di kepala rantai",
        "the last entry ({seq}) is not the one the head row records",
    ),
    "audit.not_following": (
        "entri {seq} tidak menyambung entri sebelumnya",
        "entry {seq} does not follow the one before it",
    ),
    "audit.published_damaged": (
        "kepala rantai yang diterbitkan di samping basis data rusak atau tidak ditandatangani dengan kunci "
        "audit node ini",
        "a head published beside the database is damaged or not signed with this node's audit key",
    ),
    "audit.published_differs": (
        "entri {seq} berbeda dari kepala rantai yang diterbitkan untuknya",
        "entry {seq} differs from the head published for it",
    ),
    "audit.published_missing": (
        "entri {seq}..{last} pernah diterbitkan tetapi hilang",
        "entries {seq}..{last} were published but are missing",
    ),
    "audit.seq_repeats": (
        "nomor urut {seq} berulang",
        "sequence number {seq} repeats",
    ),
    "audit.tail_missing": (
        "entri {seq}..{last} di akhir rantai hilang",
        "entries {seq}..{last} at the end are missing",
    ),
    "audit.witness_differs": (
        "kepala rantai {seq} yang disaksikan pada {at} (hash {hash}…) berbeda dari entri {seq} di rantai "
        "(hash {found}…)",
        "the head {seq} witnessed at {at} (hash {hash}…) differs from entry {seq} in the chain "
        "(hash {found}…)",
    ),
    "audit.witness_empty": (
        "Saksi {witness} tidak menyimpan satu pun kepala rantai; tidak ada yang dapat dibandingkan.",
        "the witness {witness} keeps no heads; there is nothing to compare",
    ),
    "audit.witness_missing": (
        "kepala rantai {seq} yang disaksikan pada {at} (hash {hash}…) tidak ada lagi di rantai, yang "
        "berakhir di entri {last}",
        "the head {seq} witnessed at {at} (hash {hash}…) is no longer in the chain, which ends at entry "
        "{last}",
    ),
    "audit.witness_not_genuine": (
        "kepala rantai {seq} yang disaksikan pada {at} tidak ditandatangani dengan kunci audit node ini "
        "(kunci diganti, atau saksi dipalsukan)",
        "the head {seq} witnessed at {at} is not signed with this node's audit key (the key was replaced, "
        "or the witness was forged)",
    ),
    "audit.witness_unreadable": (
        "Berkas saksi {path} tidak dapat dibaca sebagai daftar kepala rantai: {error}",
        "the witness file {path} cannot be read as a list of heads: {error}",
    ),
    "audit.status_answered": (
        "Node status di {url} menjawab {status_code}.",
        "the status node at {url} answered {status_code}",
    ),
    "audit.status_no_heads": (
        "Node status di {url} tidak mengirim daftar kepala rantai.",
        "the status node at {url} sent no list of heads",
    ),
    "audit.status_unreachable": (
        "Node status di {url} tidak dapat dihubungi: {error}",
        "the status node at {url} cannot be reached: {error}",
    ),
    "backup.bad_time": (
        "--to-time {text!r} bukan waktu ISO 8601.",
        "--to-time {text!r} is not an ISO 8601 time",
    ),
    "backup.command_failed": (
        "{command} gagal: {output}",
        "{command} failed: {output}",
    ),
    "backup.key_missing": (
        "Tidak ada kunci cadangan di {path}; buat dengan gerbang backup key.",
        "no backup key at {path}; create one with gerbang backup key",
    ),
    "backup.key_not_hex": (
        "Kunci cadangan {path} bukan heksadesimal.",
        "backup key {path} is not hex",
    ),
    "backup.key_not_named": (
        "Sebutkan kunci cadangan dengan --key-file atau GERBANG_BACKUP_KEY_FILE.",
        "name the backup key with --key-file or GERBANG_BACKUP_KEY_FILE",
    ),
    "backup.key_readable": (
        "Kunci cadangan {path} dapat dibaca pengguna lain; jalankan chmod 600.",
        "backup key {path} is readable by others; chmod 600 it",
    ),
    "backup.key_size": (
        "Kunci cadangan {path} harus berisi {size} bita.",
        "backup key {path} must hold {size} bytes",
    ),
    "backup.name_it": (
        "Sebutkan {what} dengan --{what}.",
        "name the {what} with --{what}",
    ),
    "backup.no_database": (
        "Tidak ada basis data di {path}; sebutkan direktori data node dengan --data.",
        "no database at {path}; name the node's data directory with --data",
    ),
    "backup.no_vault": (
        "Tidak ada brankas di {vault}; buat dengan gerbang backup vault-init --vault {vault}.",
        "no vault at {vault}; make one with gerbang backup vault-init --vault {vault}",
    ),
    "backup.no_pg_setup": (
        "Tidak ada pengaturan pgBackRest di {setup_file}.",
        "no pgBackRest setup at {setup_file}",
    ),
    "backup.no_pgbackrest": (
        "pgbackrest belum terpasang (apt-get install pgbackrest).",
        "pgbackrest is not installed (apt-get install pgbackrest)",
    ),
    "backup.none_found": (
        "Tidak ada cadangan{when} di {repo}.",
        "no backup{when} in {repo}",
    ),
    "backup.pg_not_ready": (
        "PostgreSQL di port {port} tidak menerima koneksi dalam {timeout} detik.",
        "PostgreSQL on port {port} did not accept connections in {timeout} s",
    ),
    "backup.pgbackrest_failed": (
        "pgbackrest {command} gagal ({code}): {output}",
        "pgbackrest {command} failed ({code}): {output}",
    ),
    "backup.pgbackrest_verify_errors": (
        "pgbackrest verify pada repo{repo} menemukan kesalahan: {found}",
        "pgbackrest verify of repo{repo} found errors: {found}",
    ),
    "backup.sealed": (
        "{backup_id} sudah disegel; set yang tersegel tidak pernah diganti.",
        "{backup_id} is already sealed; a sealed set is never replaced",
    ),
    "backup.store_kind": (
        "--store bernilai sqlite atau postgres.",
        "--store is sqlite or postgres",
    ),
    "backup.written_once": (
        "{path} sudah ada; berkas cadangan hanya ditulis sekali.",
        "{path} already exists; a backup file is written once",
    ),
    "center.sqlite_taken": (
        (
            "Basis data SQLite {database} sudah dilayani proses {holder}; SQLite hanya untuk satu "
            "proses pusat, pakai PostgreSQL (--database-url postgresql://...) untuk beberapa proses."
        ),
        (
            "the SQLite database {database} is already served by process {holder}; SQLite is for one "
            "center process only, use PostgreSQL (--database-url postgresql://...) to run several"
        ),
    ),
    "site.no_cluster": (
        "Tidak ada {path}; --data harus direktori lab (gerbang lab up --data DIR).",
        "no {path}; --data must be a lab's directory (gerbang lab up --data DIR)",
    ),
    "site.cluster_unreadable": (
        "{path} tidak dapat dibaca: {problem}",
        "{path} cannot be read: {problem}",
    ),
    "cli.no_database": (
        (
            "Tidak ada basis data di {path}; periksa --data atau --database-url (perintah ini tidak "
            "membuat basis data baru)."
        ),
        ("there is no database at {path}; check --data or --database-url (this command does not create one)"),
    ),
    "cli.not_a_database": (
        "{path} bukan basis data Gerbang yang dapat dibaca ({problem}).",
        "{path} is not a readable Gerbang database ({problem})",
    ),
    "cli.whole_platform": (
        (
            "{data} berisi seluruh platform lokal dari gerbang up, bukan satu node; data pusat ada di "
            "{central}: pakai --data {central}."
        ),
        (
            "{data} holds a whole local platform from gerbang up, not one node; the center's data is "
            "{central}: use --data {central}"
        ),
    ),
    "edge.bad_role": (
        "Node edge menjalankan peran checkpoint atau office, bukan {role!r}.",
        "an edge node runs role checkpoint or office, not {role!r}",
    ),
    "edge.no_center_keys": (
        "Tidak ada kunci pusat tepercaya di {path}; salin kunci publik referensi pusat ke sana.",
        "no trusted center keys at {path}; copy the center's reference public keys there",
    ),
    "file.line_not_json": (
        "{name} baris {number}: bukan JSON ({msg}).",
        "{name} line {number}: not JSON ({msg})",
    ),
    "file.line_not_object": (
        "{name} baris {number}: seharusnya objek JSON.",
        "{name} line {number}: expected a JSON object",
    ),
    "file.line_problem": (
        "{name} baris {number}: {message}",
        "{name} line {number}: {message}",
    ),
    "file.missing": (
        "{path} tidak ada.",
        "{path} does not exist",
    ),
    "file.no_such": (
        "Berkas tidak ada: {path}",
        "no such file: {path}",
    ),
    "file.not_json_at": (
        "{name}: bukan JSON ({msg} pada baris {lineno} kolom {colno}).",
        "{name}: not JSON ({msg} at line {lineno} column {colno})",
    ),
    "file.not_utf8": (
        "{name}: bukan teks UTF-8.",
        "{name}: not UTF-8 text",
    ),
    "file.problem": (
        "{name}: {message}",
        "{name}: {message}",
    ),
    "file.unreadable": (
        "{path} tidak dapat dibaca: {strerror}",
        "cannot read {path}: {strerror}",
    ),
    "key.missing_in_file": (
        "{path} tidak memuat kunci.",
        "{path} does not hold a key",
    ),
    "key.too_short": (
        "{path} memuat kunci yang terlalu pendek.",
        "{path} holds a key that is too short",
    ),
    "lab.already_here": (
        "{root} sudah memuat lab; pakai direktori baru (atau `gerbang lab down`).",
        "{root} already holds a lab; use a new directory (or `gerbang lab down`)",
    ),
    "lab.none_here": (
        "{data} tidak punya {nodes_file}; tidak ada lab yang dijalankan di sana.",
        "{data} has no {nodes_file}; no lab was started there",
    ),
    "lab.not_ready": (
        "{name} tidak siap; lihat {log}.log",
        "{name} did not become ready; see {log}.log",
    ),
    "lab.packages_missing": (
        (
            "{missing} tidak ditemukan: pasang paket Debian ({debian_packages}) dengan `apt-get "
            "install -y {debian_packages}` atau `make deps`."
        ),
        (
            "{missing} not found: install the Debian packages ({debian_packages}) with `apt-get "
            "install -y {debian_packages}` or `make deps`"
        ),
    ),
    "lab.user_cannot_enter": (
        (
            "Pengguna {unprivileged_user} tidak dapat masuk ke {parent}; pilih direktori lab yang "
            "dapat dijangkaunya (misalnya di bawah /var/tmp) atau jalankan lab sebagai pengguna biasa."
        ),
        (
            "the {unprivileged_user} user cannot enter {parent}; choose a lab directory it can reach "
            "(for example under /var/tmp) or run the lab as an ordinary user"
        ),
    ),
    "lane.bad_spec": (
        "Jalur {item!r} harus berbentuk NAMA:counter atau NAMA:autogate.",
        "lane {item!r} must look like NAME:counter or NAME:autogate",
    ),
    "lane.none_configured": (
        "Tempat pemeriksaan memerlukan paling sedikit satu jalur.",
        "a checkpoint needs at least one lane",
    ),
    "promote.fence_first": (
        (
            "Menolak promosi situs {name}: {reasons}. Situs {standby_of} hanya boleh terputus, bukan "
            "hilang; pagari dulu, atau pakai --force bila sudah pasti hilang."
        ),
        (
            "refusing to promote site {name}: {reasons}. Site {standby_of} may only be cut off, not "
            "lost; fence it first, or use --force once it is known lost"
        ),
    ),
    "promote.has_primary": (
        "Situs {name} sudah punya primary; tidak ada yang perlu dipromosikan.",
        "site {name} already has a primary; nothing to promote",
    ),
    "promote.no_site": (
        "Tidak ada situs {name!r}; situs yang ada: {known}.",
        "no site {name!r}; sites: {known}",
    ),
    "promote.no_standby_leader": (
        "Situs {name} tidak punya standby leader yang menjawab; jalankan dulu Patroni-nya.",
        "site {name} has no standby leader answering; start its Patroni first",
    ),
    "promote.patroni_refused": (
        "Patroni menolak perubahan di {name}: {status_code} {text}",
        "Patroni refused the change on {name}: {status_code} {text}",
    ),
    "screen.result_missing": (
        "{args} tidak ada.",
        "{args} is missing",
    ),
    "screen.result_shape": (
        "Hasil memerlukan query_id dan hits dengan entry_id dan match.",
        "a result needs query_id and hits with entry_id and match",
    ),
    "settings.invalid": (
        "{what} tidak sah: {exc}",
        "invalid {what}: {exc}",
    ),
    "settings.no_file": (
        "Berkas konfigurasi {config_file} tidak ada.",
        "configuration file {config_file} does not exist",
    ),
    "settings.unknown_zone": (
        "Zona waktu {timezone!r} tidak dikenal.",
        "unknown time zone {timezone!r}",
    ),
    "signing.active_not_in_set": (
        "Kunci aktif {key_id} tidak ada dalam himpunan kunci publik.",
        "the active key {key_id} is not in the public key set",
    ),
    "signing.exists": (
        "{path} sudah ada.",
        "{path} already exists",
    ),
    "signing.key_exists": (
        "{key_path} sudah ada; lakukan rotasi, jangan timpa.",
        "{key_path} already exists; rotate it instead of overwriting",
    ),
    "signing.key_mode": (
        "Kunci penanda tangan {path} hanya boleh dibaca pemiliknya (mode 0600).",
        "the signing key {path} must be readable by its owner only (mode 0600)",
    ),
    "signing.key_set_unreadable": (
        "Himpunan kunci publik {path} tidak dapat dibaca: {strerror}",
        "cannot read the public key set {path}: {strerror}",
    ),
    "signing.key_unreadable": (
        "Kunci penanda tangan {path} tidak dapat dibaca: {strerror}",
        "cannot read the signing key {path}: {strerror}",
    ),
    "signing.no_key": (
        "Tidak ada kunci penanda tangan di {path}.",
        "no signing key at {path}",
    ),
    "signing.no_key_set": (
        "Tidak ada himpunan kunci publik di {path}.",
        "no public key set at {path}",
    ),
    "signing.not_ed25519": (
        "{path} bukan kunci privat Ed25519.",
        "{path} is not an Ed25519 private key",
    ),
    "signing.not_pem": (
        "{path} bukan kunci privat PEM yang tidak terenkripsi.",
        "{path} is not an unencrypted PEM private key",
    ),
    "status.wrong_role": (
        "Build ini menjalankan peran 'status', bukan {role!r}.",
        "this build runs role 'status', not {role!r}",
    ),
    "up.no_log": (
        "Node {node} belum menulis log di {path}.",
        "node {node} has written no log at {path} yet",
    ),
    "up.no_node": (
        "Tidak ada node bernama {only!r}; node yang ada: {nodes}.",
        "no node named {only!r}; nodes: {nodes}",
    ),
    "up.not_provisioned": (
        "{data} tidak punya {nodes_file}; jalankan dulu gerbang up --data {data}.",
        "{data} has no {nodes_file}; run gerbang up --data {data} first",
    ),
    "up.ports_fixed": (
        (
            "{data} sudah disiapkan dengan port {port} dan seterusnya, bukan {asked}; untuk port lain, "
            "pakai folder --data yang baru."
        ),
        ("{data} was set up on ports from {port}, not {asked}; to use other ports, give a new --data folder"),
    ),
    "up.no_free_ports": (
        "Tidak ada {size} port berurutan yang bebas di loopback di bawah rentang port sementara.",
        "no {size} consecutive free ports on loopback below the ephemeral port range",
    ),
    "up.ports_taken": (
        (
            "Port {ports} sudah dipakai program lain; hentikan program itu (gerbang ps / gerbang down) "
            "atau jalankan dengan --data folder baru dan --base-port lain."
        ),
        (
            "port {ports} is taken by another program; stop it (gerbang ps / gerbang down) or start "
            "with a new --data folder and another --base-port"
        ),
    ),
    "visa.bad_date": (
        "Bukan tanggal seperti 1990-01-31: {text!r}",
        "not a date like 1990-01-31: {text!r}",
    ),
    "visa.bad_date_time": (
        "Bukan tanggal atau waktu ISO: {text!r}",
        "not a date or ISO time: {text!r}",
    ),
    "visa.entries_value": (
        "entries berupa angka atau 'unlimited'.",
        "entries is a number or 'unlimited'",
    ),
    "visa.qr_suffix": (
        "Berkas QR harus berakhiran .svg atau .png.",
        "the QR file must end in .svg or .png",
    ),
}
