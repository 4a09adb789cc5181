"""The center's national view: each checkpoint's newest queue snapshot, filed under its own site."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from gerbang.border.center.queues import ingest_figures
from gerbang.border.lanes_orm import CheckpointFiguresRow
from gerbang.infra import accounts
from gerbang.infra.database import Database
from gerbang.kernel.clock import FixedClock
from gerbang.kernel.errors import InvalidInput
from gerbang.sync.domain import UploadRecord


def snapshot(at: str, *, down: list[str], site: str = "CGK") -> dict[str, Any]:
    return {
        "at": at,
        "data_at": at,
        "stale": False,
        "offline": True,
        "site": site,
        "queues": [
            {
                "queue": "citizens",
                "line": 40,
                "wait_min": 6.5,
                "lanes_open": ["A2"],
                "lanes_down": down,
                "advised_counters": 4,
            }
        ],
    }


def record(payload: dict[str, Any], seq: int) -> UploadRecord:
    return UploadRecord(uuid.uuid4(), "queue_figures", seq, payload)


@pytest.fixture
def node(database: Database, clock: FixedClock) -> str:
    with database.transaction() as session:
        accounts.create_node_credential(
            session, name="cgk", role="checkpoint", site="CGK", actor="t", at=clock.now()
        )
    return "cgk"


def held(database: Database) -> list[CheckpointFiguresRow]:
    with database.transaction() as session:
        rows = list(session.execute(select(CheckpointFiguresRow)).scalars())
        session.expunge_all()
        return rows


def test_the_newest_snapshot_is_kept_even_when_an_older_one_arrives_later(
    database: Database, clock: FixedClock, node: str
) -> None:
    newer = record(snapshot("2026-06-20T11:20:00+07:00", down=["A1"]), 2)
    older = record(snapshot("2026-06-20T11:10:00+07:00", down=[]), 1)
    with database.transaction() as session:
        assert ingest_figures(session, node, [newer], clock.now()) == {newer.id}
    clock.advance(timedelta(minutes=1))
    with database.transaction() as session:
        assert ingest_figures(session, node, [older], clock.now()) == {older.id}
    [row] = held(database)
    assert row.figures["queues"][0]["lanes_down"] == ["A1"]


def test_a_snapshot_is_filed_under_the_nodes_own_site_whatever_it_claims(
    database: Database, clock: FixedClock, node: str
) -> None:
    with database.transaction() as session:
        ingest_figures(
            session,
            node,
            [record(snapshot("2026-06-20T11:20:00+07:00", down=[], site="DPS"), 1)],
            clock.now(),
        )
    assert [row.site for row in held(database)] == ["CGK"]


@pytest.mark.parametrize(
    "broken",
    [
        {"queues": "many"},
        {"at": "2026-06-20T11:20:00"},  # no offset
        {"queues": [{"queue": "vip", "line": 1, "lanes_open": [], "lanes_down": []}]},
        {"queues": [{"queue": "citizens", "line": -4, "lanes_open": [], "lanes_down": []}]},
    ],
)
def test_a_malformed_snapshot_is_refused(
    database: Database, clock: FixedClock, node: str, broken: dict[str, Any]
) -> None:
    payload = snapshot("2026-06-20T11:20:00+07:00", down=[]) | broken
    with database.transaction() as session, pytest.raises(InvalidInput):
        ingest_figures(session, node, [record(payload, 1)], clock.now())
