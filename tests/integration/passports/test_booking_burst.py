"""A burst of bookings over real HTTP, more than the server has worker threads, all answered in time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

import httpx
from anyio.from_thread import start_blocking_portal
from fastapi import FastAPI
from sqlalchemy import select

from gerbang.apps.central import create_app
from gerbang.infra import accounts
from gerbang.infra.accounts import account_principal
from gerbang.infra.clock import new_id
from gerbang.infra.database import Database
from gerbang.infra.orm import AccountRoleRow, AccountRow
from gerbang.infra.settings import Settings
from gerbang.kernel.clock import FixedClock
from gerbang.passports.center import applications
from gerbang.passports.center.booking.slots import seed_offices
from gerbang.passports.center.orm import OfficeRow, QuotaRow
from gerbang.passports.domain.nik import Sex
from gerbang.passports.domain.policy import Kind, Service

ServeApp = Callable[[FastAPI], AbstractContextManager[str]]

APPLICANTS = 120  # well above the 40 worker threads a server starts with
SLOTS = 25
DAY = date(2026, 6, 23)  # the clock of conftest stands at 2026-06-20; this day's quota is open


def applicants(database: Database, clock: FixedClock) -> list[tuple[str, str]]:
    """An API token and a submitted application for each applicant."""
    at, pairs = clock.now(), []
    with database.transaction() as session:
        session.add(OfficeRow(**(seed_offices()[0] | {"code": "BURST", "quota_regular": SLOTS})))
    for n in range(APPLICANTS):
        with database.transaction() as session:
            account = AccountRow(
                id=new_id(at),
                username=f"burst{n}",
                display_name=f"burst{n}",
                password_hash="!",
                active=True,
                created_at=at,
                roles=[AccountRoleRow(role="applicant")],
            )
            session.add(account)
            session.flush()
            token = accounts.create_token(session, account=account, name="burst", actor="test", at=at)
            view = applications.apply(
                session,
                applicant=account_principal(account),
                nik=f"317405020185{n + 1:04d}",
                name=f"Applicant {n}",
                birth_date=date(1985, 1, 2),
                sex=Sex.MALE,
                kind=Kind.ORDINARY,
                validity_years=5,
                service=Service.REGULAR,
                at=at,
            )
            pairs.append((token, str(view.id)))
    return pairs


# A node lets one address send a few bodies at once (429 beyond): the burst comes from many
# applicants' addresses, as it does when a quota day opens, spread over loopback's 127.0.0.0/8.
ADDRESSES = [f"127.0.0.{n}" for n in range(2, 18)]


async def book_all_at_once(base: str, pairs: list[tuple[str, str]]) -> list[int]:
    body = {"office": "BURST", "day": DAY.isoformat(), "hour": 9}
    clients = [
        httpx.AsyncClient(
            base_url=base,
            transport=httpx.AsyncHTTPTransport(local_address=address),
            limits=httpx.Limits(max_connections=len(pairs), max_keepalive_connections=0),
            # Generous for 120 bookings; a server that deadlocks waits far longer than this.
            timeout=60,
        )
        for address in ADDRESSES
    ]

    async def book(client: httpx.AsyncClient, token: str, application_id: str) -> int:
        response = await client.post(
            f"/api/v1/passports/applications/{application_id}/booking",
            headers={"Authorization": f"Bearer {token}"},
            json=body,
        )
        return response.status_code

    try:
        calls = (book(clients[n % len(clients)], *pair) for n, pair in enumerate(pairs))
        return list(await asyncio.gather(*calls))
    finally:
        for client in clients:
            await client.aclose()


def test_a_burst_beyond_the_worker_threads_books_exactly_the_quota(
    database: Database, clock: FixedClock, tmp_path: Path, serve_app: ServeApp
) -> None:
    pairs = applicants(database, clock)
    app = create_app(Settings(data_dir=tmp_path), clock=clock, database=database)
    # A loop of its own in a thread: the test process may already run one in this thread.
    with serve_app(app) as base, start_blocking_portal() as portal:
        statuses = portal.call(book_all_at_once, base, pairs)
    assert sorted(set(statuses)) == [200, 409]  # no 503 from a lock or pool timeout, no 500
    assert statuses.count(200) == SLOTS
    with database.reading() as session:
        quota = session.execute(select(QuotaRow).where(QuotaRow.office_code == "BURST")).scalar_one()
        assert (quota.booked, quota.capacity) == (SLOTS, SLOTS)
