"""Shared fixtures for visa credential tests: a real Ed25519 signer, its key set and a holder."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from gerbang.infra.signing import Signer
from gerbang.kernel.signed import KeySet
from gerbang.visas.domain.credential import Holder

KEY_START = datetime(2024, 1, 1, tzinfo=UTC)
ISSUED = datetime(2024, 6, 20, 4, 15, tzinfo=UTC)


@pytest.fixture(scope="session")
def signer() -> Signer:
    return Signer.generate()


@pytest.fixture(scope="session")
def keys(signer: Signer) -> KeySet:
    return KeySet((signer.public_key(not_before=KEY_START),))


@pytest.fixture
def holder() -> Holder:
    return Holder(
        name="Jane Margaret Citizen",
        passport_number="PA1234567",
        nationality="AUS",
        birth_date=date(1990, 5, 1),
    )
