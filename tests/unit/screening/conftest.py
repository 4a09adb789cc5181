"""Fixtures for screening tests: a small list and a way to screen one traveller against it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from gerbang.screening import Hit, ScreeningQuery, WatchlistIndex, parse_entry

ON = dt.date(2026, 6, 1)


def entry(entry_id: str, *names: str, born: str | None = "1970-05-12", **extra: Any) -> dict[str, Any]:
    """Return the JSON form of an entry with sensible defaults."""
    return {
        "id": entry_id,
        "names": list(names),
        "birth_date": born,
        "nationality": "IDN",
        "documents": [],
        "list": "exit-ban",
        "valid_until": None,
    } | extra


LISTED = [
    entry("joesoef", "Mochamad Joesoef"),
    entry("salim", "AGUS SALIM", born="1980-01-02"),
    entry("tjahjo", "Tjahjo Noegroho", born="1965-03-04"),
    entry("dahlan", "H. Ahmad Dahlan, S.H., M.M.", born="1955-07-08"),
    entry("mueller", "Jürgen Müller", born="1971-02-03", nationality="DEU"),
    entry("wahid", "Abdurrahman Wahid Saputra", born="1960-09-10"),
    entry("expired", "Bambang Sutrisno Wibowo", valid_until="2026-01-31"),
    entry("document", "Siti Rahayu", documents=["B 1234567"], list="lost-stolen-document"),
    entry("sudarma", "I Wayan Sudarma", born="1975-11-12"),
    entry("aminah", "Siti Aminah binti Hasan Basri", born="1982-04-05"),
    entry("sukarno", "SUKARNO", born="1941-06-06"),
    entry("djojo", "Raden Mas Soebardjo Djojohadikoesoemo Wirjosoemarno Hadiprawiro", born="1950-01-20"),
    entry("liem", "Sudono Salim", "Liem Sioe Liong", born="1916-07-19"),
    entry("haddad", "Hussein Haddad al-Ahmad", born="1992-01-28", nationality="SAU", list="wanted"),
    entry("yearonly", "Kartosuwiryo Prawiroharjo Sastrowardoyo", born="1952"),
]


Screen = Callable[..., list[Hit]]


@pytest.fixture(scope="session")
def listed() -> list[dict[str, Any]]:
    return LISTED


@pytest.fixture(scope="session")
def index() -> WatchlistIndex:
    return WatchlistIndex.build(parse_entry(raw) for raw in LISTED)


@pytest.fixture(scope="session")
def screen(index: WatchlistIndex) -> Screen:
    def screen_one(
        name: str, born: str | None, *, document: str | None = None, nationality: str = "IDN"
    ) -> list[Hit]:
        query = ScreeningQuery(
            "q", name, dt.date.fromisoformat(born) if born else None, nationality, document
        )
        return index.screen(query, on=ON)

    return screen_one
