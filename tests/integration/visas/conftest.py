"""A central app with an applicant, a visa officer and a watchlist, on each database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from gerbang.apps.central import create_app
from gerbang.infra import accounts
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.kernel.clock import FixedClock

PASSWORD = "correct-horse-battery"
USERS = {
    "ayu": Role.APPLICANT,
    "ben": Role.APPLICANT,
    "siti": Role.VISA_OFFICER,
    "pos1": Role.CHECKPOINT_OFFICER,
}
EMMA = {
    "type": "evoa",
    "name": "Emma Louise Watson",
    "passport_number": "PA1234567",
    "nationality": "AUS",
    "birth_date": "1990-04-15",
}


@dataclass
class Center:
    client: TestClient
    database: Database
    clock: FixedClock
    data_dir: Path
    tokens: dict[str, dict[str, str]]

    def as_(self, user: str) -> dict[str, str]:
        return self.tokens[user]

    def body(self, **changes: Any) -> dict[str, Any]:
        """A valid e-VoA application body, with `changes`."""
        return EMMA | changes

    def apply(self, user: str = "ayu", **changes: Any) -> Any:
        response = self.client.post(
            "/api/v1/visas/applications", headers=self.as_(user), json=self.body(**changes)
        )
        assert response.status_code == 201, response.text
        return response.json()

    def approve(self, application_id: str, **body: Any) -> Any:
        response = self.client.post(
            f"/api/v1/visas/applications/{application_id}/approve", headers=self.as_("siti"), json=body
        )
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def center(database: Database, clock: FixedClock, tmp_path: Path) -> Iterator[Center]:
    with database.transaction() as session:
        for username, role in USERS.items():
            accounts.create_account(
                session,
                username=username,
                password=PASSWORD,
                roles=frozenset({role}),
                display_name=None,
                actor="shell:admin",
                at=clock.now(),
            )
    app = create_app(Settings(data_dir=tmp_path), clock=clock, database=database)
    with TestClient(app, raise_server_exceptions=False) as client:
        tokens = {}
        for username in USERS:
            response = client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
            assert response.status_code == 201, response.text
            tokens[username] = {"Authorization": f"Bearer {response.json()['token']}"}
        yield Center(client, database, clock, tmp_path, tokens)
