"""Benchmark: bytes of a signed watchlist delta against the whole signed snapshot; prints one JSON object.

The center's own publisher and delta signer run on a temporary SQLite database: N entries are
published, then C of them change (half added, a quarter withdrawn, a quarter edited), and both
what a checkpoint would download in full and the delta from the first version are measured.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from gerbang.border.center.watchlist_deltas import WatchlistDeltas
from gerbang.border.reference_deltas import other_sections_digest
from gerbang.infra import migrate
from gerbang.infra.database import Database
from gerbang.infra.signing import Signer
from gerbang.kernel.signed import KeySet
from gerbang.screening.delta_history import DeltaHistory
from gerbang.screening.deltas import read_delta
from gerbang.sync.center.publisher import Audience, ReferencePublisher, only_for
from gerbang.sync.center.versions import bump_version

_GIVEN = ["AGUS", "BUDI", "SITI", "DEWI", "RINA", "AHMAD", "NUR", "JOKO", "MARIA", "WAYAN", "PUTU", "EKO"]
_FAMILY = ["SANTOSO", "HARTONO", "WIJAYA", "SALIM", "KURNIAWAN", "HALIM", "SIREGAR", "NASUTION", "LUBIS"]
_KINDS = ["exit-ban", "entry-ban", "wanted", "lost-stolen-document"]


def _entry(rng: random.Random, number: int) -> dict[str, Any]:
    return {
        "id": f"W-{number:07d}",
        "names": [f"{rng.choice(_GIVEN)} {rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"],
        "birth_date": f"{rng.randint(1940, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "nationality": rng.choice(["IDN", "MYS", "SGP", "AUS", None]),
        "documents": [f"X{rng.randrange(10**7):07d}"] if rng.random() < 0.5 else [],
        "list": rng.choice(_KINDS),
        "valid_until": None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    at = datetime(2026, 6, 20, 4, 15, tzinfo=UTC)
    entries = [_entry(rng, n) for n in range(args.entries)]
    listed: dict[str, list[dict[str, Any]]] = {"watchlist": entries}

    def watchlist(_session: Session, _at: datetime) -> tuple[str, Any]:
        return "watchlist", listed["watchlist"]

    def policy(_session: Session, _at: datetime) -> tuple[str, Any]:
        return "border_policy", {"visa_exempt": ["MYS", "SGP"], "source": "bench"}

    signer = Signer.generate()
    keys = KeySet((signer.public_key(not_before=at - timedelta(days=1)),))
    checkpoint = Audience(role="checkpoint", site="CGK")
    with tempfile.TemporaryDirectory() as root:
        url = f"sqlite:///{Path(root) / 'center.db'}"
        migrate.upgrade(url)
        database = Database(url)
        publisher = ReferencePublisher(
            signer,
            [watchlist, policy],
            reuse_for=timedelta(seconds=30),
            scopes={"watchlist": only_for("checkpoint"), "border_policy": only_for("checkpoint")},
        )
        deltas = WatchlistDeltas(signer, publisher)
        with database.transaction() as session:
            bump_version(session, reason="bench", at=at)
        with database.reading() as session:
            started = time.perf_counter()
            first = publisher.latest(session, at=at, audience=checkpoint)
            full_s = time.perf_counter() - started

        changed = [dict(entry) for entry in entries]
        added = args.changes // 2
        withdrawn = (args.changes - added) // 2
        edited = args.changes - added - withdrawn
        for position in rng.sample(range(len(changed)), edited):
            changed[position]["names"] = [*changed[position]["names"], "ALIAS ONE"]
        for position in sorted(rng.sample(range(len(changed)), withdrawn), reverse=True):
            del changed[position]
        changed += [_entry(rng, args.entries + n) for n in range(added)]
        listed["watchlist"] = changed
        later = at + timedelta(minutes=5)
        with database.transaction() as session:
            bump_version(session, reason="bench", at=later)
        with database.reading() as session:
            second = publisher.latest(session, at=later, audience=checkpoint)
            _version, _built, sections = publisher.sections_for(session, at=later, audience=checkpoint)
            rest = other_sections_digest(sections)
            started = time.perf_counter()
            delta = deltas.since(session, at=later, audience=checkpoint, held=first.version, rest_digest=rest)
            delta_s = time.perf_counter() - started
        database.dispose()
    assert delta.text is not None
    # What each build at a new version costs the center beside signing: the diff against the last list.
    history = DeltaHistory()
    history.observe(1, entries)
    started = time.perf_counter()
    history.observe(2, changed)
    diff_s = time.perf_counter() - started
    started = time.perf_counter()
    read = read_delta(delta.text, keys=keys, at=later)
    verify_s = time.perf_counter() - started
    full_bytes, delta_bytes = len(second.text.encode()), len(delta.text.encode())
    print(
        json.dumps(
            {
                "entries": args.entries,
                "changes": {"added": added, "withdrawn": withdrawn, "edited": edited},
                "delta_carries": {"added_or_edited": len(read.added), "withdrawn": len(read.removed)},
                "full_snapshot_bytes": full_bytes,
                "delta_bytes": delta_bytes,
                "ratio": round(full_bytes / delta_bytes, 1),
                "full_snapshot_gzip_bytes": len(gzip.compress(second.text.encode())),
                "delta_gzip_bytes": len(gzip.compress(delta.text.encode())),
                "center_build_and_sign_full_s": round(full_s, 3),
                "center_diff_per_build_s": round(diff_s, 3),
                "center_make_and_sign_delta_s": round(delta_s, 4),
                "checkpoint_verify_delta_s": round(verify_s, 4),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
