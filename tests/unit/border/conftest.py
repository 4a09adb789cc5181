"""Shared fixtures for border rule tests: real zones, a real signer and the shipped policy."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from gerbang.border.domain import BorderPolicy, Traveller
from gerbang.border.packaged_policy import load_border_policy
from gerbang.documents import make_zone, parse_zone
from gerbang.infra.signing import Signer
from gerbang.kernel.signed import KeySet

# Soekarno-Hatta keeps Western Indonesian Time (UTC+7).
WIB = timezone(timedelta(hours=7), "WIB")
NOW = datetime(2025, 3, 10, 9, 30, tzinfo=WIB)
TODAY = NOW.date()
KEY_START = datetime(2024, 1, 1, tzinfo=UTC)


def yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


def passport_lines(
    *,
    nationality: str = "MYS",
    number: str = "A12345678",
    expiry: date = date(2030, 1, 1),
    birth: str = "900101",
    surname: str = "Abdullah",
    given_names: str = "Siti Aminah",
    document_type: str = "P",
    issuing_state: str | None = None,
) -> list[str]:
    """A TD3 passport zone with every check digit right."""
    return make_zone(
        format="TD3",
        document_type=document_type,
        issuing_state=issuing_state or nationality,
        surname=surname,
        given_names=given_names,
        document_number=number,
        nationality=nationality,
        birth_date=birth,
        sex="F",
        expiry_date=yymmdd(expiry),
    )


def break_number_check(lines: list[str]) -> list[str]:
    """The same zone with the document number's check digit (line 2, position 10) changed."""
    second = lines[1]
    wrong = "0" if second[9] != "0" else "1"
    return [lines[0], second[:9] + wrong + second[10:]]


@pytest.fixture
def passport() -> Callable[..., Traveller]:
    """Build a Traveller from a real zone: `passport(nationality="AUS", expiry=date(...))`."""

    def make(*, today: date = TODAY, broken: bool = False, **fields: object) -> Traveller:
        lines = passport_lines(**fields)  # type: ignore[arg-type]
        if broken:
            lines = break_number_check(lines)
        return Traveller.from_zone(parse_zone(lines), today=today)

    return make


@pytest.fixture(scope="session")
def policy() -> BorderPolicy:
    return load_border_policy()


@pytest.fixture(scope="session")
def signer() -> Signer:
    return Signer.generate()


@pytest.fixture(scope="session")
def keys(signer: Signer) -> KeySet:
    return KeySet((signer.public_key(not_before=KEY_START),))
