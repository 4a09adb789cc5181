"""What a checkpoint decides with: the verified snapshot as an index, keys, revocations and entry policy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from gerbang.border.domain import BorderPolicy
from gerbang.border.packaged_policy import load_border_policy
from gerbang.kernel.errors import MalformedInput
from gerbang.kernel.signed import KeySet, b64url_decode
from gerbang.screening import WatchlistIndex, parse_entry
from gerbang.sync.domain import ReferenceAge, reference_age
from gerbang.sync.edge.reference_store import Snapshot
from gerbang.sync.edge.view_holder import ViewHolder
from gerbang.visas.domain.revocation import RevocationList, read_revocation_list


@dataclass(frozen=True)
class StaysKey:
    """The secret the center hashes passports with in its stays list, and its public name."""

    key_id: str
    secret: bytes


@dataclass(frozen=True)
class ReferenceView:
    """Everything derived from one snapshot; replaced whole, never edited, so a decision sees one version."""

    version: int
    issued_at: datetime | None
    index: WatchlistIndex
    visa_keys: KeySet | None
    revocations: RevocationList | None
    policy: BorderPolicy
    # False while the checkpoint decides on the policy packaged with the code (no signed one yet).
    policy_from_center: bool = False
    stays_key: StaysKey | None = None

    def age(
        self, *, now: datetime, max_age: timedelta, checked_at: datetime | None = None
    ) -> ReferenceAge | None:
        """How old the data is; stale once the center has not confirmed it (at `checked_at`) for `max_age`."""
        if self.issued_at is None:
            return None
        return reference_age(
            version=self.version, issued_at=self.issued_at, now=now, max_age=max_age, checked_at=checked_at
        )


def empty_view() -> ReferenceView:
    """Before any snapshot arrived: no watchlist, no visa keys, the policy shipped with the code."""
    return ReferenceView(0, None, WatchlistIndex.build([]), None, None, load_border_policy())


def view_from_snapshot(snapshot: Snapshot, *, at: datetime) -> ReferenceView:
    """Build the view; the snapshot was verified already, nested signed parts are verified here."""
    sections = snapshot.sections
    index = WatchlistIndex.build(parse_entry(raw) for raw in sections.get("watchlist") or [])
    keys_json = sections.get("visa_keys")
    visa_keys = KeySet.from_json(keys_json) if keys_json else None
    revocations_text = sections.get("visa_revocations")
    revocations = (
        read_revocation_list(revocations_text, keys=visa_keys, at=at)
        if revocations_text and visa_keys
        else None
    )
    policy_json = sections.get("border_policy")
    policy = BorderPolicy.from_json(policy_json) if policy_json is not None else load_border_policy()
    return ReferenceView(
        snapshot.version,
        snapshot.issued_at,
        index,
        visa_keys,
        revocations,
        policy,
        policy_from_center=policy_json is not None,
        stays_key=_stays_key(sections.get("stays_key")),
    )


def _stays_key(content: object) -> StaysKey | None:
    if content is None:
        return None
    if not isinstance(content, dict) or not isinstance(content.get("key_id"), str):
        raise MalformedInput("stays.key_incomplete")
    return StaysKey(content["key_id"], b64url_decode(str(content.get("secret", ""))))


class ReferenceHolder(ViewHolder[ReferenceView]):
    """Holds the checkpoint's view; lanes never wait for a rebuild."""
