"""Benchmark: read and validate N machine-readable zones of mixed formats; prints one JSON object."""

from __future__ import annotations

import argparse
import json
import random
import string
import time

from gerbang.documents import ZoneFormat, make_zone, parse_zone

_FIRST = {"TD1": "I", "TD2": "A", "TD3": "P", "MRVA": "V", "MRVB": "V"}
_CODES = ["IDN", "MYS", "SGP", "AUS", "NLD", "D", "XXA", "UTO", "JPN", "USA"]


def _zone(rng: random.Random) -> list[str]:
    fmt = rng.choice(list(ZoneFormat))
    alnum = string.ascii_uppercase + string.digits
    number_length = rng.randint(6, 12 if fmt in (ZoneFormat.TD1, ZoneFormat.TD2) else 9)
    return make_zone(
        format=fmt,
        document_type=_FIRST[fmt],
        issuing_state=rng.choice(_CODES),
        surname=rng.choice(["Santoso", "Eriksson", "Nguyen", "van der Berg", "Wijaya"]),
        given_names=rng.choice(["Budi", "Anna Maria", "Siti Nur", ""]),
        document_number="".join(rng.choice(alnum) for _ in range(number_length)),
        nationality=rng.choice(_CODES),
        birth_date=f"{rng.randint(0, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
        sex=rng.choice("MFX<"),
        expiry_date=f"{rng.randint(0, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
        optional_data="".join(rng.choice(alnum) for _ in range(rng.randint(0, 2))),
    )


def main() -> None:
    """Generate the zones (not timed), then time reading and validating every one of them."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--zones", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=9303)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    zones = [_zone(rng) for _ in range(args.zones)]
    start = time.perf_counter()
    valid = sum(parse_zone(zone).valid for zone in zones)
    seconds = time.perf_counter() - start
    if valid != len(zones):
        raise SystemExit(f"{len(zones) - valid} generated zones did not read as valid")
    print(
        json.dumps(
            {
                "benchmark": "mrz",
                "zones": len(zones),
                "seconds": round(seconds, 4),
                "zones_per_s": round(len(zones) / seconds),
            }
        )
    )


if __name__ == "__main__":
    main()
