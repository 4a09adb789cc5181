"""Records acknowledged at each edge against records the center holds, by type: missing and doubled."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# (edge, record type): a crossing at cgk, an interview at jks, a payment the center acknowledged to the bank.
Key = tuple[str, str]


@dataclass(frozen=True)
class Line:
    """One row of the reconciliation table."""

    edge: str
    record_type: str
    acknowledged: int
    held: int
    missing: list[str] = field(default_factory=list)
    doubled: list[str] = field(default_factory=list)
    # Held at the center under this edge and type, yet never acknowledged to anyone in the drill.
    unexpected: int = 0

    @property
    def ok(self) -> bool:
        return not self.missing and not self.doubled

    def as_dict(self) -> dict[str, object]:
        return {
            "edge": self.edge,
            "record_type": self.record_type,
            "acknowledged": self.acknowledged,
            "held": self.held,
            "missing": len(self.missing),
            "doubled": len(self.doubled),
            "unexpected": self.unexpected,
            "missing_ids": self.missing,
            "doubled_ids": self.doubled,
        }


def reconcile(acknowledged: Mapping[Key, Iterable[str]], held: Mapping[Key, Iterable[str]]) -> list[Line]:
    """Compare, per (edge, type), what was acknowledged with what the center holds.

    `held` lists one id per stored row, so an id the center stores twice appears twice: that is a
    doubled record. A missing record is one acknowledged and not held at all.
    """
    lines = []
    for key in sorted(set(acknowledged) | set(held)):
        acked = list(dict.fromkeys(acknowledged.get(key, ())))
        rows = Counter(held.get(key, ()))
        wanted = set(acked)
        lines.append(
            Line(
                edge=key[0],
                record_type=key[1],
                acknowledged=len(acked),
                held=sum(rows.values()),
                missing=[i for i in acked if rows[i] == 0],
                doubled=sorted(i for i, n in rows.items() if n > 1),
                unexpected=sum(1 for i in rows if i not in wanted),
            )
        )
    return lines
