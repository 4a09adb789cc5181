"""Fair allocation of a released quota: a random draw, one booking per NIK, a cap per account."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Request:
    """One request to book, made inside the release window; `key` identifies it to the caller."""

    key: str
    account: str
    nik: str


@dataclass(frozen=True)
class Allocation:
    granted: tuple[str, ...]
    refused: Mapping[str, str] = field(default_factory=dict)


def allocate(
    requests: Sequence[Request],
    *,
    quota: int,
    rng: random.Random,
    per_account_limit: int,
    busy_niks: Iterable[str] = (),
    account_active: Mapping[str, int] | None = None,
) -> Allocation:
    """Grant up to `quota` requests in a random order, one per NIK and `per_account_limit` per account.

    The order of arrival is deliberately ignored: inside the window a bot that fires first has no
    edge over a person. `busy_niks` already hold a booking; `account_active` counts bookings each
    account already holds, so a scalper with many NIKs under one account stays capped.
    """
    # Sorting first makes the draw depend only on the seed, not on how the caller listed the requests.
    order = sorted(requests, key=lambda r: r.key)
    rng.shuffle(order)
    taken_niks = set(busy_niks)
    per_account = Counter(account_active or {})
    granted: list[str] = []
    refused: dict[str, str] = {}
    for request in order:
        if request.nik in taken_niks:
            refused[request.key] = "this NIK already holds a booking"
        elif per_account[request.account] >= per_account_limit:
            refused[request.key] = f"an account may book for at most {per_account_limit} people"
        elif len(granted) >= quota:
            refused[request.key] = "the quota was filled by the draw"
        else:
            granted.append(request.key)
            taken_niks.add(request.nik)
            per_account[request.account] += 1
    return Allocation(tuple(granted), refused)
