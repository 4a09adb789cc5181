"""A booking retried with its Idempotency-Key gets the first answer; a database mid-switch answers 503."""

from __future__ import annotations

import contextlib
import socket
import threading
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from gerbang.apps.central import create_app
from gerbang.infra import accounts, migrate
from gerbang.infra.database import Database
from gerbang.infra.roles import Role
from gerbang.infra.settings import Settings
from gerbang.kernel.clock import FixedClock
from gerbang.passports.center.booking.slots import seed_offices
from gerbang.passports.center.orm import BookingRequestRow, BookingRow, OfficeRow

# The applicant and the day of this folder's conftest (2026-06-23, long released at its clock).
AYU = {
    "nik": "3174055504900001",
    "name": "Ayu Lestari",
    "birth_date": "1990-04-15",
    "sex": "female",
    "kind": "electronic",
    "validity_years": 5,
    "service": "regular",
}
DAY = date(2026, 6, 23)


def _book(center: Any, application_id: str, key: str | None, *, hour: int = 9, office: str = "JKS") -> Any:
    headers = {**center.as_("ayu"), **({"Idempotency-Key": key} if key else {})}
    return center.client.post(
        f"/api/v1/passports/applications/{application_id}/booking",
        headers=headers,
        json={"office": office, "day": center.day.isoformat(), "hour": hour},
    )


def _bookings(database: Database) -> int:
    with database.reading() as session:
        return session.execute(select(func.count()).select_from(BookingRow)).scalar_one()


def test_a_booking_repeated_with_its_key_returns_the_first_answer_and_books_once(center: Any) -> None:
    application = center.apply()
    key = str(uuid.uuid4())
    first = _book(center, application["id"], key)
    assert first.status_code == 200, first.text
    again = _book(center, application["id"], key)
    assert again.status_code == 200, again.text
    assert again.json() == first.json()
    assert _bookings(center.database) == 1
    # Without the key, the same request is a second booking attempt and is refused.
    assert _book(center, application["id"], None).status_code == 409


def test_the_retry_of_a_booking_that_took_the_last_place_is_not_told_the_day_is_full(center: Any) -> None:
    with center.database.transaction() as session:
        session.add(OfficeRow(**(seed_offices()[0] | {"code": "ONE", "quota_regular": 1})))
    application = center.apply()
    key = str(uuid.uuid4())
    assert _book(center, application["id"], key, office="ONE").status_code == 200
    retried = _book(center, application["id"], key, office="ONE")
    assert retried.status_code == 200, retried.text
    assert retried.json()["status"] == "awaiting_payment"


def test_a_key_used_again_for_another_request_is_refused(center: Any) -> None:
    application = center.apply()
    key = str(uuid.uuid4())
    assert _book(center, application["id"], key, hour=9).status_code == 200
    other = _book(center, application["id"], key, hour=10)
    assert other.status_code == 409
    assert "Idempotency-Key" in other.json()["message"]


def test_a_malformed_key_gets_a_clear_4xx(center: Any) -> None:
    application = center.apply()
    response = _book(center, application["id"], "short")
    assert response.status_code == 422
    assert response.json()["field"] == "Idempotency-Key"
    assert _bookings(center.database) == 0


def test_a_refused_attempt_leaves_its_key_free_for_the_retry(center: Any) -> None:
    application = center.apply()
    key = str(uuid.uuid4())
    assert _book(center, application["id"], key, office="NOPE").status_code == 404
    assert _book(center, application["id"], key).status_code == 200
    with center.database.reading() as session:
        assert session.execute(select(func.count()).select_from(BookingRequestRow)).scalar_one() == 1


class Switch:
    """A TCP relay in front of PostgreSQL that can drop every connection, as a primary changing does."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = threading.Event()
        self.open.set()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open.is_set():
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            with self._lock:
                self._sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """Refuse new connections and drop the ones there are."""
        self.open.clear()
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            self._sockets.clear()

    def close(self) -> None:
        self.cut()
        self.listener.close()


@pytest.fixture
def switched(
    postgres_url: str, clock: FixedClock, tmp_path: Path
) -> Iterator[tuple[TestClient, Switch, Database]]:
    migrate.upgrade(postgres_url)
    host_port = postgres_url.split("@", 1)[1].split("/", 1)[0]
    host, port = host_port.rsplit(":", 1)
    switch = Switch((host, int(port)))
    relayed = postgres_url.replace(host_port, f"127.0.0.1:{switch.port}")
    direct = Database(postgres_url)
    with direct.transaction() as session:
        accounts.create_account(
            session,
            username="ayu",
            password="correct-horse-battery",
            roles=frozenset({Role.APPLICANT}),
            display_name=None,
            actor="shell:admin",
            at=clock.now(),
        )
    app = create_app(Settings(data_dir=tmp_path), clock=clock, database=Database(relayed))
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            yield client, switch, direct
    finally:
        switch.close()
        direct.dispose()


@pytest.mark.postgres
def test_while_the_database_switches_the_center_answers_503_and_the_retried_booking_books_once(
    switched: tuple[TestClient, Switch, Database],
) -> None:
    client, switch, direct = switched
    token = client.post("/api/v1/auth/token", json={"username": "ayu", "password": "correct-horse-battery"})
    headers = {"Authorization": f"Bearer {token.json()['token']}"}
    application = client.post("/api/v1/passports/applications", headers=headers, json=AYU).json()
    path = f"/api/v1/passports/applications/{application['id']}/booking"
    body = {"office": "JKS", "day": DAY.isoformat(), "hour": 9}
    keyed = {**headers, "Idempotency-Key": str(uuid.uuid4())}

    switch.cut()
    during = client.post(path, headers=keyed, json=body)
    assert during.status_code == 503, during.text
    assert int(during.headers["Retry-After"]) >= 1
    assert during.json()["error"] == "unavailable"

    switch.open.set()  # the new primary answers
    retried = client.post(path, headers=keyed, json=body)
    assert retried.status_code == 200, retried.text
    again = client.post(path, headers=keyed, json=body)
    assert again.json() == retried.json()
    assert _bookings(direct) == 1
