"""What the drills put on the lab: applicants who book under load, and travellers crossing at CGK."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import httpx
from sqlalchemy import select

from gerbang.documents import make_zone
from gerbang.infra.accounts import TOKEN_PREFIX, digest
from gerbang.infra.clock import new_id
from gerbang.infra.database import Database
from gerbang.infra.orm import AccountRoleRow, AccountRow, ApiTokenRow
from gerbang.kernel.calendar import WorkingCalendar
from gerbang.passports.center.booking.slots import seed_offices
from gerbang.passports.center.orm import ApplicationRow, BookingRow, HistoryRow, OfficeRow

DRILL_OFFICE = "DRILL"
# One active booking per NIK is a unique key: a booking retried after a lost answer is refused with
# one of these reasons, never taken twice, so the client knows its first attempt went through.
ALREADY_BOOKED = frozenset({"booking.nik_booked", "booking.nik_booked_already"})


@dataclass(frozen=True)
class Applicant:
    token: str
    application_id: str


def seed_applicants(database_url: str, count: int, *, prefix: str) -> list[Applicant]:
    """Accounts, tokens and a submitted application each, written straight into the center's database."""
    now = datetime.now(UTC)
    database = Database(database_url)
    applicants: list[Applicant] = []
    try:
        with database.transaction() as session:
            if session.get(OfficeRow, DRILL_OFFICE) is None:
                office = seed_offices()[0] | {
                    "code": DRILL_OFFICE,
                    "quota_regular": 10_000,
                    "release_days_ahead": 30,
                }
                session.add(OfficeRow(**office))
            for n in range(count):
                account_id, token = new_id(now), TOKEN_PREFIX + secrets.token_urlsafe(24)
                session.add(
                    AccountRow(
                        id=account_id,
                        username=f"{prefix}{n}",
                        display_name=f"{prefix}{n}",
                        password_hash="!",  # noqa: S106 (no one signs in with it)
                        active=True,
                        created_at=now,
                        roles=[AccountRoleRow(role="applicant")],
                    )
                )
                session.add(
                    ApiTokenRow(
                        id=new_id(now),
                        account_id=account_id,
                        name="drill",
                        token_digest=digest(token),
                        created_at=now,
                        expires_at=None,
                        revoked_at=None,
                    )
                )
                application_id = new_id(now)
                session.add(
                    ApplicationRow(
                        id=application_id,
                        account_id=account_id,
                        nik=_nik(prefix, n),
                        name=f"Applicant {n}",
                        birth_date=date(1985, 1, 2),
                        sex="male",
                        kind="ordinary",
                        validity_years=5,
                        service="regular",
                        fee_idr=350_000,
                        fee_source="PP 45/2024",
                        created_at=now,
                    )
                )
                session.flush()
                session.add(
                    HistoryRow(
                        application_id=application_id, status="submitted", at=now, actor="drill", note=None
                    )
                )
                applicants.append(Applicant(token, str(application_id)))
    finally:
        database.dispose()
    return applicants


def _nik(prefix: str, n: int) -> str:
    # 16 digits; the prefix picks a block so seeds of different drills never share a NIK.
    block = sum(ord(c) for c in prefix) % 90 + 10
    return f"3174050201{block:02d}{n + 1:04d}"


def booking_day() -> date:
    return WorkingCalendar().next_working_day((datetime.now(UTC) + timedelta(days=3)).date())


@dataclass
class Tally:
    """What the clients saw: acknowledged writes (with when the answer came), 503s, and any 500."""

    acknowledged: list[tuple[float, str]] = field(default_factory=list)
    retried_503: int = 0
    transport_errors: int = 0
    server_errors: int = 0
    unexpected: list[str] = field(default_factory=list)
    confirmed_by_retry: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def first_ack_after(self, moment: float) -> float | None:
        with self.lock:
            later = [at for at, _ in self.acknowledged if at > moment]
        return min(later) if later else None


def book_all(
    center_url: str,
    applicants: list[Applicant],
    tally: Tally,
    *,
    stop: threading.Event,
    pace_s: float = 0.05,
    give_up_s: float = 120.0,
    timeout_s: float = 10.0,
) -> None:
    """Book each applicant in turn, retrying on 503 or a lost connection as a client following Retry-After."""
    body = {"office": DRILL_OFFICE, "day": booking_day().isoformat(), "hour": 9}
    with httpx.Client(base_url=center_url, timeout=timeout_s) as client:
        for applicant in applicants:
            deadline, tried = time.monotonic() + give_up_s, False
            while not stop.is_set() and time.monotonic() < deadline:
                try:
                    response = client.post(
                        f"/api/v1/passports/applications/{applicant.application_id}/booking",
                        headers={"Authorization": f"Bearer {applicant.token}"},
                        json=body,
                    )
                except httpx.TransportError:
                    with tally.lock:
                        tally.transport_errors += 1
                    tried = True
                    time.sleep(0.2)
                    continue
                if response.is_success:
                    with tally.lock:
                        tally.acknowledged.append((time.monotonic(), applicant.application_id))
                    break
                if response.status_code == 409 and tried and _reason(response) in ALREADY_BOOKED:
                    with tally.lock:
                        tally.confirmed_by_retry.append(applicant.application_id)
                    break
                if response.status_code == 503:
                    with tally.lock:
                        tally.retried_503 += 1
                    tried = True
                    time.sleep(min(float(response.headers.get("Retry-After", "1")), 1.0) / 2)
                    continue
                with tally.lock:
                    tally.server_errors += response.status_code >= 500
                    tally.unexpected.append(f"{response.status_code} {response.text[:200]}")
                break
            time.sleep(pace_s)


def _reason(response: httpx.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("reason") if isinstance(body, dict) else None


def booked_ids(database_url: str) -> set[str]:
    """Every application that holds an active booking at the drill office, read from the database."""
    database = Database(database_url)
    try:
        with database.reading() as session:
            rows = session.scalars(
                select(BookingRow.application_id).where(BookingRow.active_nik.is_not(None))
            )
            return {str(row) for row in rows}
    finally:
        database.dispose()


class Crossings:
    """Distinct citizens crossing at one checkpoint; the ids the checkpoint acknowledged are kept."""

    def __init__(self, seed: int) -> None:
        self.serial = seed
        self.acknowledged: list[str] = []
        self.errors: list[str] = []

    def cross(self, checkpoint_url: str, token: str, count: int) -> None:
        with httpx.Client(timeout=10) as client:
            for _ in range(count):
                self.serial += 1
                zone = make_zone(
                    format="TD3",
                    document_type="P",
                    issuing_state="IDN",
                    surname="SANTOSO",
                    given_names="BUDI",
                    document_number=f"D{self.serial:07d}",
                    nationality="IDN",
                    birth_date="850505",
                    sex="M",
                    expiry_date="340101",
                )
                body = {
                    "mrz": zone,
                    "direction": "entry",
                    "lane": "C1",
                    "flight": "GA1",
                    "credential": None,
                    "biometric_match": True,
                }
                response = client.post(
                    f"{checkpoint_url}/api/v1/crossings",
                    json=body,
                    headers={"Authorization": f"Bearer {token}"},
                )
                if response.status_code != 201:
                    raise AssertionError(f"crossing refused: {response.status_code} {response.text}")
                self.acknowledged.append(str(response.json()["id"]))


def center_crossing_ids(center_url: str, token: str, site: str = "CGK") -> list[str]:
    """Every crossing id the center holds for `site`, following the pages."""
    ids: list[str] = []
    cursor = None
    with httpx.Client(timeout=10, headers={"Authorization": f"Bearer {token}"}) as client:
        while True:
            params: dict[str, str | int] = {"site": site, "limit": 1000}
            if cursor:
                params["cursor"] = cursor
            page = client.get(f"{center_url}/api/v1/crossings", params=params).json()
            ids += [str(c["id"]) for c in page["crossings"]]
            cursor = page["next_cursor"]
            if cursor is None:
                return ids
