"""Visa policy is data with sources and effective dates, looked up by type and date."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from typing import Any

import pytest

from gerbang.infra.signing import Signer
from gerbang.kernel.errors import MalformedInput, NotFound
from gerbang.visas.center.issuer import issue
from gerbang.visas.domain.credential import UNLIMITED, CredentialType, Holder
from gerbang.visas.domain.policy import Period, PolicyTable
from gerbang.visas.packaged_policy import load_policy, policy_for


def test_evoa_costs_500000_rupiah_for_30_days_extendable_once() -> None:
    rule = policy_for(CredentialType.EVOA, date(2024, 6, 20))
    assert rule.fee_idr == 500_000
    assert isinstance(rule.fee_idr, int)
    assert rule.stay_days == 30
    assert (rule.extensions, rule.extension_days) == (1, 30)
    assert rule.must_enter_within_days == 90
    assert rule.entries == 1


def test_multiple_entry_visit_visa_exists_only_from_20_december_2023() -> None:
    with pytest.raises(NotFound):
        policy_for(CredentialType.VISIT_MULTIPLE, date(2023, 12, 19))
    rule = policy_for(CredentialType.VISIT_MULTIPLE, date(2023, 12, 20))
    assert rule.validity == Period(years=5)
    assert rule.stay_days == 60
    assert rule.entries is UNLIMITED


def test_stay_permits_last_until_expiry_and_flag_unconfirmed_values() -> None:
    for kind in (CredentialType.KITAS, CredentialType.KITAP):
        rule = policy_for(kind, date(2024, 6, 20))
        assert rule.stay_days is None
        assert "validity" in rule.uncertain
        assert rule.fee_idr is None


def test_every_row_names_its_legal_source() -> None:
    table = load_policy()
    assert {row.type for row in table.rows} == set(CredentialType)
    for row in table.rows:
        assert row.source
        assert set(row.uncertain) <= {
            "effective_from",
            "fee_idr",
            "validity",
            "must_enter_within_days",
            "extensions",
            "extension_days",
            "entries",
        }


def test_lookup_takes_the_latest_row_in_force_on_the_date() -> None:
    base = _rows()
    newer = dict(base["rows"][0], effective_from="2025-01-01", fee_idr=600_000)
    base["rows"].append(newer)
    table = PolicyTable.loads(json.dumps(base))
    assert table.lookup(CredentialType.EVOA, date(2024, 12, 31)).fee_idr == 500_000
    assert table.lookup(CredentialType.EVOA, date(2025, 1, 1)).fee_idr == 600_000


def test_policy_with_a_fractional_fee_is_refused() -> None:
    broken = _rows()
    broken["rows"][0]["fee_idr"] = 500000.5
    with pytest.raises(MalformedInput):
        PolicyTable.loads(json.dumps(broken))


def test_five_years_from_29_february_ends_on_28_february() -> None:
    start = datetime(2024, 2, 29, 12, tzinfo=UTC)
    assert Period.parse("P5Y").after(start) == datetime(2029, 2, 28, 12, tzinfo=UTC)
    assert Period.parse("P90D").after(start) == start + timedelta(days=90)
    assert str(Period.parse("P1Y")) == "P1Y"
    with pytest.raises(MalformedInput):
        Period.parse("P")


def test_issued_evoa_must_be_used_within_90_days(signer: Signer, holder: Holder) -> None:
    issued_at = datetime(2024, 6, 20, 4, 15, tzinfo=UTC)
    credential = issue(signer, type=CredentialType.EVOA, holder=holder, issued_at=issued_at).credential
    assert credential.valid_from == issued_at
    assert credential.valid_until == issued_at + timedelta(days=90)
    assert credential.stay_days == 30


def test_issued_multiple_entry_visa_lasts_five_years(signer: Signer, holder: Holder) -> None:
    issued_at = datetime(2024, 6, 20, 4, 15, tzinfo=UTC)
    credential = issue(
        signer, type=CredentialType.VISIT_MULTIPLE, holder=holder, issued_at=issued_at
    ).credential
    assert credential.valid_until == datetime(2029, 6, 20, 4, 15, tzinfo=UTC)
    assert credential.stay_days == 60


def _rows() -> Any:
    return json.loads(resources.files("gerbang.visas.domain").joinpath("policy.json").read_text())
