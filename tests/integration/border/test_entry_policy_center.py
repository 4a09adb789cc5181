"""The entry policy at the center: data with its sources, checked, versioned, audited and published signed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from gerbang.border.center.policy import current_policy_document, policy_section, replace_border_policy
from gerbang.border.domain import BorderPolicy, VisaStatus
from gerbang.border.packaged_policy import packaged_policy_document
from gerbang.infra.database import Database
from gerbang.infra.orm import AuditEntryRow
from gerbang.infra.signing import Signer
from gerbang.kernel.clock import FixedClock
from gerbang.kernel.errors import InvalidInput, MalformedInput
from gerbang.kernel.signed import KeySet, SignatureRejected
from gerbang.sync.center.publisher import Audience, ReferencePublisher, only_for
from gerbang.sync.center.versions import current_version
from gerbang.sync.edge.reference_store import ReferenceStore, read_snapshot


def publisher(signer: Signer) -> ReferencePublisher:
    return ReferencePublisher(
        signer,
        [policy_section],
        reuse_for=timedelta(seconds=30),
        scopes={"border_policy": only_for("checkpoint")},
    )


def test_the_center_publishes_the_packaged_policy_until_another_is_imported(
    database: Database, clock: FixedClock
) -> None:
    signer = Signer.generate()
    trust = KeySet((signer.public_key(not_before=clock.now() - timedelta(days=1)),))
    with database.transaction() as session:
        cgk = publisher(signer).latest(session, at=clock.now(), audience=Audience("checkpoint", "CGK"))
        jks = publisher(signer).latest(session, at=clock.now(), audience=Audience("office", "JKS"))
    sections = read_snapshot(cgk.text, trust=trust, at=clock.now()).sections
    assert sections["border_policy"] == packaged_policy_document()
    assert "border_policy" not in read_snapshot(jks.text, trust=trust, at=clock.now()).sections


def test_a_new_policy_is_checked_kept_audited_and_raises_the_reference_version(
    database: Database, clock: FixedClock
) -> None:
    moved = packaged_policy_document()
    moved["visa_exempt"][-1]["nationalities"].remove("SUR")
    with database.transaction() as session:
        before = current_version(session)
        version = replace_border_policy(
            session, moved, reason="Suriname suspended", actor="account:admin", at=clock.now()
        )
        assert version == before + 1
        policy = BorderPolicy.from_json(current_policy_document(session))
        action = session.execute(select(AuditEntryRow.action).order_by(AuditEntryRow.seq.desc())).scalar()
    assert policy.visa_status("SUR", clock.now().date()) is VisaStatus.VISA_ON_ARRIVAL
    assert action == "border_policy.replace"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d["visa_exempt"][-1]["nationalities"].append("ATL"), "unknown nationality codes ATL"),
        (lambda d: d["overstay"][-1].update(source=""), "legal source"),
        (lambda d: d.update(format="something else"), "not a border policy"),
    ],
)
def test_a_policy_that_cannot_be_read_is_refused_and_nothing_changes(
    database: Database, clock: FixedClock, change: object, problem: str
) -> None:
    document = packaged_policy_document()
    change(document)  # type: ignore[operator]
    with database.transaction() as session:
        with pytest.raises(MalformedInput, match=problem):
            replace_border_policy(session, document, reason="typo", actor="t", at=clock.now())
        assert current_version(session) == 0
        assert current_policy_document(session) == packaged_policy_document()


def test_a_policy_change_needs_a_reason(database: Database, clock: FixedClock) -> None:
    with database.transaction() as session, pytest.raises(InvalidInput, match="why"):
        replace_border_policy(session, packaged_policy_document(), reason=" ", actor="t", at=clock.now())


def test_a_policy_altered_on_the_way_fails_verification_at_the_checkpoint(
    database: Database, clock: FixedClock, tmp_path: Path
) -> None:
    signer = Signer.generate()
    with database.transaction() as session:
        text = publisher(signer).latest(session, at=clock.now(), audience=Audience("checkpoint", "CGK")).text
    forged = text.replace('"COL",', '"CUB",', 1)  # someone's idea of a new visa-free country
    assert forged != text
    store = ReferenceStore(tmp_path, KeySet((signer.public_key(not_before=clock.now() - timedelta(days=1)),)))
    with pytest.raises(SignatureRejected):
        store.install(forged, at=clock.now())
    assert store.current is None
