"""Country codes: ISO 3166-1 alpha-3 from pycountry, plus the codes ICAO Doc 9303 adds."""

from __future__ import annotations

import pytest

from gerbang.kernel.countries import (
    ICAO_CODES,
    country_name,
    is_iso_alpha3,
    is_known_code,
    is_specimen_code,
)


@pytest.mark.parametrize("code", ["IDN", "MYS", "NLD", "USA", "GBR", "TLS"])
def test_iso_alpha3_codes_are_known(code: str) -> None:
    assert is_iso_alpha3(code)
    assert is_known_code(code)


@pytest.mark.parametrize(
    "code",
    ["D", "XXA", "XXB", "XXC", "XXX", "UNO", "UNA", "UNK", "EUE", "GBD", "GBN", "GBO", "GBP", "GBS", "RKS"],
)
def test_icao_specific_codes_are_known_but_not_iso(code: str) -> None:
    assert is_known_code(code)
    assert not is_iso_alpha3(code)
    assert code in ICAO_CODES


@pytest.mark.parametrize("code", ["QQQ", "ZZZ", "", "idn", "ID", "D<<", "DEUX"])
def test_unknown_or_padded_codes_are_refused(code: str) -> None:
    assert not is_known_code(code)


def test_country_name_covers_iso_and_icao_codes() -> None:
    assert country_name("IDN") == "Indonesia"
    assert country_name("D") == "Germany"
    assert country_name("XXA") == "Stateless person"
    assert country_name("QQQ") is None


def test_specimen_state_is_known_and_flagged() -> None:
    assert is_known_code("UTO")
    assert is_specimen_code("UTO")
    assert not is_specimen_code("IDN")
