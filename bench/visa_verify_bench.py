"""Benchmark: issue N signed visa credentials, verify each offline on one core; prints one JSON object."""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

import segno

from gerbang.infra.signing import Signer
from gerbang.kernel.signed import KeySet
from gerbang.visas.center.issuer import issue
from gerbang.visas.domain.credential import CredentialType, Holder, Outcome
from gerbang.visas.domain.revocation import Revocation, RevocationList
from gerbang.visas.domain.verify import verify_credential

_NAMES = ["Jane Margaret Citizen", "Budi Santoso", "Nguyen Van An", "Anna Maria van der Berg", "Siti Nur"]
_NATIONALITIES = ["AUS", "USA", "GBR", "NLD", "JPN", "D<<", "IND", "CHN"]
_TYPES = list(CredentialType)


def main() -> None:
    """Issue the credentials (not timed), then time verifying every one against the key set."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--credentials", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--revoked", type=int, default=1_000, help="size of the revocation list consulted")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as a checkpoint PC might spare

    rng = random.Random(args.seed)
    issued_at = datetime(2024, 6, 20, 4, 15, tzinfo=UTC)
    signer = Signer.generate()
    keys = KeySet((signer.public_key(not_before=issued_at - timedelta(days=1)),))
    credentials = []
    for number in range(args.credentials):
        holder = Holder(
            name=rng.choice(_NAMES),
            passport_number=f"X{number:08d}",
            nationality=rng.choice(_NATIONALITIES),
            birth_date=date(1950, 1, 1) + timedelta(days=rng.randrange(20_000)),
        )
        credentials.append(issue(signer, type=rng.choice(_TYPES), holder=holder, issued_at=issued_at))
    revocations = RevocationList(
        version=1,
        issued_at=issued_at,
        revocations=tuple(
            Revocation(UUID(int=rng.getrandbits(128)), issued_at, "bench") for _ in range(args.revoked)
        ),
    )
    at = issued_at + timedelta(days=7)

    started = time.perf_counter()
    valid = 0
    for item in credentials:
        result = verify_credential(
            item.text,
            keys=keys,
            revocations=revocations,
            at=at,
            passport_number=item.credential.holder.passport_number,
        )
        valid += result.outcome is Outcome.VALID
    elapsed = time.perf_counter() - started
    if valid != len(credentials):
        raise SystemExit(f"only {valid} of {len(credentials)} credentials verified")

    lengths = [len(item.text) for item in credentials]
    longest = max(credentials, key=lambda item: len(item.text))
    print(
        json.dumps(
            {
                "benchmark": "visa_verify",
                "credentials": len(credentials),
                "verifications_per_s": round(len(credentials) / elapsed),
                "credential_chars": max(lengths),
                "credential_chars_median": statistics.median(lengths),
                "qr_version": segno.make(longest.text, error="m", boost_error=False).version,
                "qr_error_level": "M",
                "revocation_list_size": args.revoked,
            }
        )
    )


if __name__ == "__main__":
    main()
