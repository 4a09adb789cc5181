"""A central app with applicants, an office officer and an operator, on each database."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
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
SECRET = "bank-shared-secret-for-tests"
USERS = {
    "ayu": Role.APPLICANT,
    "ben": Role.APPLICANT,
    "rina": Role.OFFICE_OFFICER,
    "ops": Role.OPERATOR,
}
# A woman born 15 April 1990 in Jakarta Selatan (31.74.xx): the day is written 55 (15 + 40).
AYU = {
    "nik": "3174055504900001",
    "name": "Ayu Lestari",
    "birth_date": "1990-04-15",
    "sex": "female",
    "kind": "electronic",
    "validity_years": 5,
    "service": "regular",
}
# The clock of conftest stands at 2026-06-20 04:15 UTC; a day whose quota has long been released:
DAY = date(2026, 6, 23)


def nik_for(serial: int, birth: date = date(1985, 1, 2), *, female: bool = False) -> str:
    day = birth.day + (40 if female else 0)
    return f"317405{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def person(serial: int, **changes: Any) -> dict[str, Any]:
    return {
        "nik": nik_for(serial),
        "name": f"Person {serial}",
        "birth_date": "1985-01-02",
        "sex": "male",
        "kind": "ordinary",
        "validity_years": 5,
        "service": "regular",
    } | changes


@dataclass
class Center:
    client: TestClient
    database: Database
    clock: FixedClock
    tokens: dict[str, dict[str, str]]

    day = DAY
    ayu = AYU
    password = PASSWORD

    @staticmethod
    def person(serial: int, **changes: Any) -> dict[str, Any]:
        return person(serial, **changes)

    def as_(self, user: str) -> dict[str, str]:
        return self.tokens[user]

    def move_to(self, moment: datetime) -> None:
        """Move the clock and sign everyone in again (tokens expire)."""
        self.clock.current = moment
        self.tokens.update(sign_in(self.client))

    def apply(self, user: str = "ayu", body: dict[str, Any] | None = None) -> Any:
        response = self.client.post(
            "/api/v1/passports/applications", headers=self.as_(user), json=body or AYU
        )
        assert response.status_code == 201, response.text
        return response.json()

    def book(
        self, application_id: str, user: str = "ayu", day: date = DAY, hour: int = 9, office: str = "JKS"
    ) -> Any:
        return self.client.post(
            f"/api/v1/passports/applications/{application_id}/booking",
            headers=self.as_(user),
            json={"office": office, "day": day.isoformat(), "hour": hour},
        )

    def get(self, application_id: str, user: str = "ayu") -> Any:
        response = self.client.get(f"/api/v1/passports/applications/{application_id}", headers=self.as_(user))
        assert response.status_code == 200, response.text
        return response.json()

    def pay(self, body: dict[str, Any], *, secret: str = SECRET) -> Any:
        raw = json.dumps(body).encode()
        signature = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
        return self.client.post(
            "/api/v1/passports/payments/callback",
            content=raw,
            headers={"X-Signature": signature, "Content-Type": "application/json"},
        )

    def officer(self, application_id: str, step: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(
            f"/api/v1/passports/applications/{application_id}/{step}",
            headers=self.as_("rina"),
            json=body or {},
        )


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
    settings = Settings(data_dir=tmp_path, payment_callback_secret=SECRET)
    app = create_app(settings, clock=clock, database=database)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Center(client, database, clock, sign_in(client))


def sign_in(client: TestClient) -> dict[str, dict[str, str]]:
    tokens = {}
    for username in USERS:
        response = client.post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
        assert response.status_code == 201, response.text
        tokens[username] = {"Authorization": f"Bearer {response.json()['token']}"}
    return tokens
