"""Messages of the exchange between the center and its edges (Indonesian, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "sync.center_answered": (
        "Pusat menjawab {status_code}: {text}",
        "center answered {status_code}: {text}",
    ),
    "sync.center_unreachable": (
        "Pusat tidak dapat dihubungi: {error}",
        "center unreachable: {error}",
    ),
    "sync.edge_only": (
        "Hanya kunci node edge yang boleh mengunggah catatan.",
        "only an edge node's key may upload records",
    ),
    "sync.no_center_url": (
        "Tidak ada alamat pusat: center_url memuat satu alamat atau beberapa, dipisah koma.",
        "no center URL: center_url holds one URL or several, comma-separated",
    ),
    "sync.node_without_site": (
        "Node {node!r} tidak punya lokasi pada kredensialnya, jadi tidak boleh mengunggah apa pun.",
        "node {node!r} has no site on its credential, so it may upload nothing",
    ),
    "sync.record_not_allowed": (
        "Kunci node ini tidak boleh mengunggah catatan {record_type!r}.",
        "this node's key may not upload {record_type!r} records",
    ),
    "sync.snapshot_version": (
        "Snapshot referensi memerlukan versi berupa bilangan bulat.",
        "a reference snapshot needs an integer version",
    ),
    "sync.stay_unreadable": (
        "Izin tinggal nomor {number} dalam dokumen izin tinggal tidak dapat dibaca: {exc}",
        "stay {number} of the stays document cannot be read: {exc}",
    ),
    "sync.stays_checkpoints_only": (
        "Data izin tinggal orang asing hanya diterbitkan untuk tempat pemeriksaan.",
        "foreigners' stays are published to checkpoints only",
    ),
    "sync.stays_shape": (
        "Dokumen izin tinggal memerlukan key_id dan daftar izin tinggal.",
        "a stays document needs a key_id and a list of stays",
    ),
    "sync.stays_version": (
        "Dokumen izin tinggal memerlukan versi berupa bilangan bulat.",
        "a stays document needs an integer version",
    ),
    "sync.unknown_record": (
        "Jenis catatan {record_type!r} tidak dikenal; yang dikenal: {known}.",
        "unknown record type {record_type!r}; known: {known}",
    ),
}
