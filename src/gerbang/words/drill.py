"""Messages of the outage drill: scenario problems, the verdict and the report (Indonesian, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "drill.scenario_missing": (
        "Berkas skenario {path} tidak ada.",
        "scenario file {path} does not exist",
    ),
    "drill.scenario_kind": (
        "Berkas skenario {path} harus berakhiran .toml atau .json.",
        "scenario file {path} must end in .toml or .json",
    ),
    "drill.scenario_unreadable": (
        "Berkas skenario {path} tidak dapat dibaca: {problem}",
        "scenario file {path} cannot be read: {problem}",
    ),
    "drill.scenario_field": (
        "Skenario {path}, {where}: {problem}",
        "scenario {path}, {where}: {problem}",
    ),
    "drill.scenario_order": (
        "Dalam skenario, {what} ({at}) harus sesudah {other} ({other_at}).",
        "in the scenario, {what} ({at}) must come after {other} ({other_at})",
    ),
    "drill.scenario_outside_outage": (
        "{what} ({at}) harus jatuh saat pusat mati, antara {attack} dan {serve}.",
        "{what} ({at}) must fall while the center is down, between {attack} and {serve}",
    ),
    "drill.scenario_outside_window": (
        "Kejadian pada {at} berada di luar jendela skenario {start}–{end}.",
        "an event at {at} falls outside the scenario's window {start}–{end}",
    ),
    "drill.speed_range": (
        "Kecepatan {speed} di luar batas 1–10000.",
        "speed {speed} is outside 1–10000",
    ),
    "drill.node_not_ready": (
        "Node {node} tidak siap; lihat {log}.",
        "node {node} did not become ready; see {log}",
    ),
    "drill.lab_missing": (
        "Lab dua situs memerlukan Patroni dan etcd; yang tidak terpasang di mesin ini: {missing}. "
        "Pasang paket Debian-nya (make deps) atau jalankan latihan tanpa --lab (satu mesin).",
        "the two-site lab needs Patroni and etcd; not installed on this machine: {missing}. "
        "Install their Debian packages (make deps) or run the drill without --lab (one machine)",
    ),
    "drill.scenario_site": (
        "Skenario, site: {site} bukan kode pos pemeriksaan; tulis tiga huruf besar (CGK, DPS, KNO), "
        "bukan kode kantor {office}.",
        "scenario, site: {site} is not a checkpoint's code; write its three capital letters (CGK, DPS, "
        "KNO), not the office's code {office}",
    ),
    "drill.scenario_site_lab": (
        "Skenario, site: lab dua situs hanya menjalankan pos pemeriksaan {known}, bukan {site}; "
        "putar {site} tanpa --lab (satu mesin).",
        "scenario, site: the two-site lab runs the {known} checkpoint only, not {site}; play {site} "
        "without --lab (one machine)",
    ),
    "drill.scenario_no_backup": (
        "Skenario, backups_at: pemulihan dari brankas memerlukan setidaknya satu cadangan.",
        "scenario, backups_at: a restore from the vault needs at least one backup",
    ),
    "drill.scenario_source_platform": (
        "Skenario, recovery.source: {source} tidak cocok dengan platform {kind}; site-b hanya di lab "
        'dua situs ([platform] kind = "lab" atau --lab), vault hanya di satu mesin.',
        "scenario, recovery.source: {source} does not fit platform {kind}; site-b runs on the two-site lab "
        'only ([platform] kind = "lab" or --lab), vault on one machine only',
    ),
    "drill.promote_failed": (
        "Promosi situs B gagal: {detail}",
        "promoting site B failed: {detail}",
    ),
    "drill.no_write_at_b": (
        "Pusat situs B belum menerima tulisan apa pun {seconds:g} detik setelah promosi.",
        "site B's center acknowledged no write within {seconds:g} s of the promotion",
    ),
    "drill.no_login": (
        "Tidak ada akun {username} di node {node}.",
        "no account {username} on node {node}",
    ),
    "drill.report_exists": (
        "Direktori laporan {path} sudah berisi laporan; pilih direktori lain.",
        "report directory {path} already holds a report; choose another",
    ),
    "drill.verdict_lost": (
        "{count} catatan {record_type} yang sudah dikonfirmasi di {edge} hilang di pusat: {ids}",
        "{count} {record_type} records acknowledged at {edge} are lost at the center: {ids}",
    ),
    "drill.verdict_doubled": (
        "{count} catatan {record_type} dari {edge} tersimpan ganda di pusat: {ids}",
        "{count} {record_type} records from {edge} are stored twice at the center: {ids}",
    ),
    "drill.verdict_hit_missed": (
        "Pelintas dalam daftar cegah-tangkal ({label}, {id}) diputuskan {decision} dan tidak ada peringatan.",
        "a watchlisted traveller ({label}, {id}) was decided {decision} and no alert was raised",
    ),
    "drill.verdict_never_told": (
        "Publik tidak pernah diberi tahu tentang gangguan.",
        "the public was never told of the outage",
    ),
    "drill.verdict_false_incident": (
        "Status publik membuka insiden {id} untuk {components} {seconds} detik (waktu nyata) setelah hari "
        "dimulai, padahal komponen itu berjalan.",
        "the public status opened incident {id} for {components} {seconds} s (wall time) into the day, "
        "though they were up",
    ),
    "drill.verdict_told_late": (
        "Publik baru diberi tahu {seconds} detik (waktu nyata) setelah serangan; batasnya {limit} detik.",
        "the public was told {seconds} s (wall time) after the attack; the limit is {limit} s",
    ),
    "drill.verdict_silent": (
        "Publik tidak mendapat kabar selama {minutes} menit (waktu skenario); batasnya {limit} menit.",
        "the public heard nothing for {minutes} minutes (scenario time); the limit is {limit} minutes",
    ),
    "drill.verdict_no_refund": (
        "Pemohon layanan sehari jadi {name} ({id}) yang paspornya terlambat tidak mendapat pengembalian.",
        "same-day applicant {name} ({id}) whose passport was late got no surcharge refund",
    ),
    "drill.verdict_no_notice": (
        "Pemohon layanan sehari jadi {name} ({id}) yang paspornya terlambat tidak mendapat pemberitahuan.",
        "same-day applicant {name} ({id}) whose passport was late got no notice",
    ),
    "drill.verdict_passed": (
        "Lulus: tidak ada yang hilang atau ganda, setiap pelintas dalam daftar dihentikan atau "
        "diperingatkan, publik diberi tahu tepat waktu, setiap pemohon yang terlambat diganti.",
        "Passed: nothing lost or doubled, every watchlist hit stopped or alerted, the public told in time, "
        "every late applicant compensated.",
    ),
    "drill.verdict_failed": (
        "Gagal: {count} syarat tidak terpenuhi.",
        "Failed: {count} conditions not met.",
    ),
    "drill.status_update": (
        "Pukul {at}: pusat data masih dipulihkan dari brankas cadangan. Pemeriksaan di bandara dan kantor "
        "paspor tetap bekerja dan mencatat semuanya; data dikirim begitu pusat kembali.",
        "At {at}: the data center is still being restored from the backup vault. Airport checks and passport "
        "offices keep working and record everything; the records are sent once the center is back.",
    ),
    "drill.report_title": (
        "Latihan gangguan: {title}",
        "Outage drill: {title}",
    ),
    "drill.report_intro": (
        "Hari {site} diputar ulang {speed:g}× lebih cepat. Pukul {attack} data pusat dihancurkan; "
        "pukul {restore} operator memulihkan dari brankas, dan pukul {serve} pusat melayani lagi.",
        "The {site} day replayed {speed:g}× faster. At {attack} the center's data was destroyed; "
        "at {restore} the operator restored from the vault, and at {serve} the center served again.",
    ),
    "drill.report_intro_site_b": (
        "Hari {site} diputar ulang {speed:g}× lebih cepat, di lab dua situs. Pukul {attack} seluruh situs A "
        "(pusat, PostgreSQL, etcd) mati; pukul {restore} operator menjalankan gerbang site promote B, dan "
        "pukul {serve} pusat situs B melayani.",
        "The {site} day replayed {speed:g}× faster, on the two-site lab. At {attack} all of site A "
        "(center, PostgreSQL, etcd) died; at {restore} the operator ran gerbang site promote B, and at "
        "{serve} site B's center served.",
    ),
    "drill.report_promoted_figure": (
        "promosi situs B, pukul {at} (waktu nyata)",
        "promoting site B, at {at} (wall time)",
    ),
    "drill.report_rto_figure": (
        "RTO: dari perintah promosi sampai tulisan pertama yang dikonfirmasi situs B (waktu nyata)",
        "RTO: from the promotion command to site B's first acknowledged write (wall time)",
    ),
    "drill.report_verdict": ("Putusan", "Verdict"),
    "drill.report_summary": ("Ringkasan", "Summary"),
    "drill.report_reconciliation": ("Rekonsiliasi", "Reconciliation"),
    "drill.report_reconciliation_note": (
        "Catatan yang dikonfirmasi di setiap titik dibandingkan dengan catatan di pusat setelah pemulihan.",
        "Records acknowledged at each edge compared with the records at the center after recovery.",
    ),
    "drill.report_edge": ("Titik", "Edge"),
    "drill.report_type": ("Jenis", "Type"),
    "drill.report_acknowledged": ("Dikonfirmasi", "Acknowledged"),
    "drill.report_held": ("Di pusat", "At the center"),
    "drill.report_missing": ("Hilang", "Missing"),
    "drill.report_doubled": ("Ganda", "Doubled"),
    "drill.report_unexpected": ("Tak terduga", "Unexpected"),
    "drill.report_public": ("Kabar untuk publik", "What the public was told"),
    "drill.report_public_note": (
        "Waktu diberi tahu diukur dalam waktu nyata (node status memeriksa dalam detik nyata); jeda kabar "
        "diukur dalam waktu skenario.",
        "Time to tell is measured in wall time (the status node probes in real seconds); the gaps between "
        "updates in scenario time.",
    ),
    "drill.report_told_after": (
        "Diberi tahu {seconds} detik nyata setelah serangan ({scenario_min} menit waktu skenario).",
        "Told {seconds} wall seconds after the attack ({scenario_min} scenario minutes).",
    ),
    "drill.report_longest_silence": (
        "Jeda terpanjang antar kabar: {minutes} menit waktu skenario.",
        "Longest gap between updates: {minutes} scenario minutes.",
    ),
    "drill.report_hits": ("Daftar cegah-tangkal", "Watchlist"),
    "drill.report_traveller": ("Pelintas", "Traveller"),
    "drill.report_decision": ("Putusan titik", "Edge decision"),
    "drill.report_alerted": ("Peringatan pusat", "Center alert"),
    "drill.report_applicants": ("Pemohon terdampak", "Applicants affected"),
    "drill.report_applicant": ("Pemohon", "Applicant"),
    "drill.report_service": ("Layanan", "Service"),
    "drill.report_compensation": ("Ganti rugi", "Compensation"),
    "drill.report_told": ("Diberi tahu", "Told"),
    "drill.report_charts": ("Grafik", "Charts"),
    "drill.report_timeline": ("Linimasa", "Timeline"),
    "drill.report_time": ("Waktu skenario", "Scenario time"),
    "drill.report_event": ("Kejadian", "Event"),
    "drill.report_yes": ("ya", "yes"),
    "drill.report_no": ("tidak", "no"),
    "drill.report_none": ("tidak ada", "none"),
    "drill.report_language": ("English", "Bahasa Indonesia"),
    "drill.report_sent": (
        "Dikirim {sent:,} perlintasan dari {day_total:,} perlintasan hari itu (sampel merata); "
        "{seconds} detik nyata.",
        "Sent {sent:,} crossings of the day's {day_total:,} (sampled evenly); {seconds} wall seconds.",
    ),
    "drill.chart_clearances": (
        "Perlintasan per menit menurut jenis jalur",
        "Clearances per minute by lane type",
    ),
    "drill.chart_staffing": (
        "Kedatangan dan saran jumlah loket (per 15 menit)",
        "Arrivals and counters advised (per 15 minutes)",
    ),
    "drill.chart_backlog": ("Antrean unggah per titik", "Outbox backlog per edge"),
    "drill.chart_reference": ("Umur data rujukan", "Reference data age"),
    "drill.chart_status": ("Status publik dan keadaan nyata", "Public status beside real state"),
    "drill.chart_alerts": ("Peringatan penyaringan ulang", "Re-screen alerts"),
    "drill.chart_applicants": (
        "Pemohon: ganti rugi dan pemberitahuan",
        "Applicants: compensation and notices",
    ),
    "drill.chart_per_minute": ("per menit", "per minute"),
    "drill.chart_records": ("catatan", "records"),
    "drill.chart_seconds": ("detik", "seconds"),
    "drill.chart_alert_count": ("peringatan", "alerts"),
    "drill.chart_citizens": ("WNI (perkiraan)", "citizens (forecast)"),
    "drill.chart_foreigners": ("WNA (perkiraan)", "foreigners (forecast)"),
    "drill.chart_counters": ("loket disarankan", "counters advised"),
    "drill.chart_queues": (
        "Waktu antre terukur di pos dan saran jumlah loket (per 15 menit)",
        "Queue waits measured at the checkpoint against the counters advised (per 15 minutes)",
    ),
    "drill.chart_wait_min": ("menit antre (skenario)", "minutes waiting (scenario)"),
    "drill.chart_target": ("target {minutes} menit", "{minutes}-minute target"),
    "drill.queue_citizens": ("antrean WNI", "citizens' queue"),
    "drill.queue_foreigners": ("antrean WNA", "foreigners' queue"),
    "drill.queue_crew": ("antrean awak", "crew queue"),
    "drill.queue_priority": ("antrean prioritas", "priority queue"),
    "drill.report_metrics": (
        "Angka tiap simpul (Prometheus /metrics, dibaca di akhir latihan)",
        "Each node's figures (Prometheus /metrics, read at the end of the drill)",
    ),
    "drill.report_metrics_note": (
        "Penghitung dalam memori dimulai lagi saat proses pusat dinyalakan ulang; angka dari basis data "
        "(rekaman diterima, pemberitahuan, insiden, antrean unggah) menghitung seluruh hari.",
        "Counters kept in memory start again when the center's process restarts; figures read from a "
        "store (records received, notices, incidents, upload backlog) count the whole day.",
    ),
    "drill.metric_node": ("Simpul", "Node"),
    "drill.metric_decisions": ("Keputusan", "Decisions"),
    "drill.metric_upload_batches": ("Kiriman unggahan diterima", "Upload batches accepted"),
    "drill.metric_upload_records": ("Rekaman diterima (ulang)", "Records received (repeats)"),
    "drill.metric_notices_sent": ("Pemberitahuan terkirim", "Notices sent"),
    "drill.metric_incidents_open": ("Insiden terbuka", "Incidents open"),
    "drill.metric_outbox_backlog": ("Menunggu diunggah", "Waiting to upload"),
    "drill.metric_unread": ("tidak terbaca ({error})", "not read ({error})"),
    "drill.node_central": ("Pusat", "Center"),
    "drill.node_checkpoint": ("{site} (pos pemeriksaan)", "{site} (checkpoint)"),
    "drill.node_jks": ("JKS (kantor imigrasi)", "JKS (immigration office)"),
    "drill.node_status": ("Simpul status", "Status node"),
    "drill.report_queues": ("Antrean dan saran jumlah loket", "Queues and the staffing advice"),
    "drill.report_counters_advised": ("Loket disarankan", "Counters advised"),
    "drill.report_wait_line": (
        "{wait} menit, {line} orang, {lanes} jalur buka",
        "{wait} min, {line} in line, {lanes} lanes open",
    ),
    "drill.chart_center_serving": ("pusat melayani", "center serving"),
    "drill.chart_incident_open": ("insiden terbuka (publik)", "incident open (public)"),
    "drill.chart_update": ("kabar", "update"),
    "drill.lane_autogate": ("gerbang otomatis", "autogate"),
    "drill.lane_citizen_counter": ("loket WNI", "citizen counter"),
    "drill.lane_foreigner_counter": ("loket WNA", "foreigner counter"),
    "drill.lane_evoa": ("e-VoA", "e-VoA"),
    "drill.lane_hit": ("dalam daftar", "on a watchlist"),
    "drill.hit_entry_ban": ("penangkalan masuk", "entry ban"),
    "drill.hit_exit_ban": ("pencegahan keluar", "exit ban"),
    "drill.hit_lost_document": ("dokumen hilang", "lost document"),
    "drill.hit_listed_during_outage": (
        "masuk daftar saat pusat padam",
        "listed while the center was down",
    ),
    "drill.decision_admit": ("diizinkan", "admitted"),
    "drill.decision_refer": ("dirujuk", "referred"),
    "drill.decision_refuse": ("ditolak", "refused"),
    "drill.event_backup": ("cadangan ke brankas", "backup to the vault"),
    "drill.event_attack": ("serangan: data pusat dihancurkan", "attack: the center's data destroyed"),
    "drill.event_listed": ("pelintas masuk daftar", "a traveller listed"),
    "drill.event_interviews": ("wawancara paspor di kantor", "passport interviews at the office"),
    "drill.event_handovers": ("penyerahan paspor", "passports handed over"),
    "drill.event_status_update": ("kabar operator untuk publik", "the operator's update to the public"),
    "drill.event_restore": ("pulih dari brankas dan diperiksa", "restored from the vault and verified"),
    "drill.event_promote": (
        "situs B dipromosikan (gerbang site promote B)",
        "site B promoted (gerbang site promote B)",
    ),
    "drill.event_serve": ("pusat melayani lagi", "the center serves again"),
    "drill.event_end": ("akhir skenario", "end of the scenario"),
    "drill.report_offline": (
        "perlintasan diputus tanpa pusat",
        "crossings decided without the center",
    ),
    "drill.report_rupiah": ("Rp {amount:,}", "Rp {amount:,}"),
    "drill.report_chart_alt": ("Grafik: {title}", "Chart: {title}"),
    "drill.record_crossing": ("perlintasan", "crossing"),
    "drill.record_passport_interview": ("wawancara paspor", "passport interview"),
    "drill.record_passport_handover": ("penyerahan paspor", "passport hand-over"),
    "drill.record_payment": ("pembayaran", "payment"),
    "drill.figure_seconds": ("{value} detik", "{value} s"),
    "drill.figure_minutes": ("{value} menit", "{value} min"),
    "drill.report_told_figure": (
        "sampai publik diberi tahu (waktu nyata)",
        "until the public was told (wall time)",
    ),
    "drill.figure_count": ("{value:,}", "{value:,}"),
    "drill.report_notices": ("Pemberitahuan", "Notices"),
    "drill.notice_submitted": ("permohonan diterima", "application received"),
    "drill.notice_payment_received": ("pembayaran diterima", "payment received"),
    "drill.notice_due_extended": ("tenggat diperpanjang", "deadline extended"),
    "drill.notice_surcharge_refunded": ("biaya percepatan dikembalikan", "same-day surcharge refunded"),
    "drill.cli_start": (
        "latihan {name}: {start}–{end} pada {speed:g}× di {work}",
        "drill {name}: {start}–{end} at {speed:g}× in {work}",
    ),
    "drill.cli_summary": (
        "{sent:,} perlintasan dikirim ({offline:,} tanpa pusat) dari {in_window:,} dalam jendela; "
        "{alerts} peringatan penyaringan ulang; publik diberi tahu setelah {told} detik nyata; "
        "{wall} detik; laporan: {page}",
        "sent {sent:,} crossings ({offline:,} offline) of the window's {in_window:,}; {alerts} re-screen "
        "alerts; public told after {told} s wall; {wall} s in all; report: {page}",
    ),
}
