"""Center only, for `gerbang up`: a day of demo appointments and some ready passports at one office."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from gerbang.infra.clock import new_id
from gerbang.passports.center import history, repository
from gerbang.passports.center.booking import slots
from gerbang.passports.center.orm import ApplicationRow, InterviewRow
from gerbang.passports.domain.lifecycle import Status
from gerbang.passports.domain.policy import Kind, Service
from gerbang.passports.packaged_policy import load_policy
from gerbang.sync.center.versions import bump_version

GIVEN = ["Budi", "Siti", "Agus", "Dewi", "Rudi", "Rina", "Andi", "Sri", "Hendra", "Wati", "Joko", "Putri"]
FAMILY = ["Santoso", "Lestari", "Wijaya", "Rahayu", "Hidayat", "Kusuma", "Saputra", "Pratiwi", "Nugroho"]
DONE_BEFORE_READY = (Status.INTERVIEWED, Status.APPROVED, Status.PRINTED, Status.READY)
ACTOR = "shell:gerbang-up"


def nik_for(serial: int, birth: date, *, female: bool) -> str:
    """A well-formed Jakarta Selatan NIK (31 74 05) for a demo person."""
    day = birth.day + (40 if female else 0)
    return f"317405{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def seed_office(
    session: Session, *, office_code: str, account_id: uuid.UUID, at: datetime, per_hour: int = 2
) -> dict[str, Any]:
    """Paid appointments today and tomorrow, and ready passports (one a child's), booked directly as rows.

    Rows are written directly rather than through booking and payment: those follow the quota release
    calendar and the bank, and a demo must show a full day at the counter from the first start.
    """
    office = slots.office(session, office_code)
    today = slots.local_now(office, at).date()
    hours = range(office.first_hour, office.last_hour + 1)
    plan = [(today, h, Status.PAID) for h in hours for _ in range(per_hour)]
    plan += [(today + timedelta(days=1), h, Status.PAID) for h in hours[:2]]
    plan += [(today - timedelta(days=10), office.first_hour + n, Status.READY) for n in range(6)]
    people: dict[str, list[dict[str, Any]]] = {"appointments": [], "ready": []}
    for serial, (day, hour, status) in enumerate(plan, start=1):
        child = status is Status.READY and serial == len(plan)
        birth = date(2015, 8, 17) if child else date(1970 + serial % 30, 1 + serial % 12, 1 + serial % 28)
        female = serial % 2 == 0
        name = f"{GIVEN[serial % len(GIVEN)]} {FAMILY[serial % len(FAMILY)]}"
        row = _application(session, account_id, nik_for(serial, birth, female=female), name, birth, at)
        quota = slots.ensure_quota(session, office, day, Service.REGULAR, at=at)
        slots.hold(session, row, quota, hour, at=at)
        for step in (Status.AWAITING_PAYMENT, Status.PAID):
            history.append(session, row.id, step, actor=ACTOR, at=at, note="demo")
        if status is Status.READY:
            digest = hashlib.sha256(f"demo-{serial}".encode()).hexdigest()
            interview = InterviewRow(
                application_id=row.id, photo_sha256=digest, fingerprints_sha256=digest, officer=ACTOR, at=at
            )
            repository.add(session, interview)
            for step in DONE_BEFORE_READY:
                history.append(session, row.id, step, actor=ACTOR, at=at, note="demo")
        person: dict[str, Any] = {
            "application_id": str(row.id),
            "name": name,
            "nik": row.nik,
            "birth_date": birth.isoformat(),
            "slot": f"{day.isoformat()} {hour:02d}:00",
        }
        if child:
            parent = date(1984, 3, 9)
            person["collector"] = {
                "collector_kind": "authorised",
                "nik": nik_for(9001, parent, female=True),
                "name": f"Ibu {FAMILY[0]}",
                "birth_date": parent.isoformat(),
                "relationship": "parent",
                "family_card": "3174050101090001",
            }
        people["ready" if status is Status.READY else "appointments"].append(person)
    bump_version(session, reason=f"demo passport appointments at {office.code}", at=at)
    return {"office": office.code, **people}


def _application(
    session: Session, account_id: uuid.UUID, nik: str, name: str, birth: date, at: datetime
) -> ApplicationRow:
    fee = load_policy().fee(Kind.ELECTRONIC, 5, Service.REGULAR, at.date())
    row = ApplicationRow(
        id=new_id(at),
        account_id=account_id,
        nik=nik,
        name=name,
        birth_date=birth,
        sex="female" if int(nik[6:8]) > 40 else "male",
        kind=Kind.ELECTRONIC.value,
        validity_years=5,
        service=Service.REGULAR.value,
        fee_idr=fee.total_idr,
        fee_source=fee.source,
        created_at=at,
    )
    repository.add(session, row)
    history.append(session, row.id, Status.SUBMITTED, actor=ACTOR, at=at, note="demo")
    return row
