"""A status node's app on each database, without background loops, with an operator and a fixed clock."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from gerbang.apps.status import create_app
from gerbang.infra import accounts
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.kernel.clock import FixedClock
from gerbang.status.service import Context
from gerbang.status.settings import StatusSettings, Target

sys.path.insert(0, str(Path(__file__).parent))


@dataclass
class StatusNode:
    app: FastAPI
    client: TestClient
    database: Database
    clock: FixedClock
    ctx: Context
    operator: dict[str, str]
    viewer: dict[str, str]


@pytest.fixture
def node(tmp_path: Path, database: Database, clock: FixedClock) -> StatusNode:
    settings = Settings(data_dir=tmp_path, role="status", node_name="status", port=8302)
    status = StatusSettings(
        checkpoints=[Target(name="cgk", site="CGK", url="http://127.0.0.1:9")],
        update_interval_s=1800,
        fail_after=3,
        recover_after=3,
        public_url="https://status.example.id",
    )
    app = create_app(settings, status=status, clock=clock, database=database, background=False)
    tokens = {}
    with database.transaction() as session:
        for name, role in (("ops", Role.OPERATOR), ("viewer", Role.CHECKPOINT_OFFICER)):
            account = accounts.create_account(
                session,
                username=name,
                password="correct-horse-battery",
                roles=frozenset({role}),
                display_name=None,
                actor="test",
                at=clock.now(),
            )
            tokens[name] = accounts.create_token(
                session, account=account, name="t", actor="test", at=clock.now()
            )
    return StatusNode(
        app=app,
        client=TestClient(app),
        database=database,
        clock=clock,
        ctx=app.state.status_context,
        operator={"Authorization": f"Bearer {tokens['ops']}"},
        viewer={"Authorization": f"Bearer {tokens['viewer']}"},
    )
