"""Booking under the daily quota: never over it under concurrency, one per NIK, one reschedule, the draw."""

from __future__ import annotations

import random
import threading
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from gerbang.infra import accounts
from gerbang.infra.accounts import account_principal
from gerbang.infra.roles import Role
from gerbang.kernel.errors import Conflict
from gerbang.passports.center import applications as service
from gerbang.passports.center.booking import quotas
from gerbang.passports.center.booking.slots import seed_offices
from gerbang.passports.center.orm import OfficeRow, QuotaRow
from gerbang.passports.domain.nik import Sex
from gerbang.passports.domain.policy import Kind, Service


def test_concurrent_bookings_never_exceed_a_small_quota(center: Any) -> None:
    database, at = center.database, center.clock.now()
    with database.transaction() as session:
        session.add(OfficeRow(**(seed_offices()[0] | {"code": "TINY", "quota_regular": 3})))
    principals, applications = [], []
    with database.transaction() as session:
        for n in range(4):
            account = accounts.create_account(
                session,
                username=f"family{n}",
                password=center.password,
                roles=frozenset({Role.APPLICANT}),
                display_name=None,
                actor="test",
                at=at,
            )
            principals.append(account_principal(account))
    for n, principal in enumerate(principals):
        for k in range(5):
            with database.transaction() as session:
                body = center.person(100 + n * 5 + k)
                view = service.apply(
                    session,
                    applicant=principal,
                    nik=body["nik"],
                    name=body["name"],
                    birth_date=date(1985, 1, 2),
                    sex=Sex.MALE,
                    kind=Kind.ORDINARY,
                    validity_years=5,
                    service=Service.REGULAR,
                    at=at,
                )
                applications.append((principal, view.id))
    barrier = threading.Barrier(len(applications))
    results: list[str] = []

    def attempt(principal: Any, application_id: Any) -> None:
        barrier.wait()
        try:
            with database.transaction() as session:
                quotas.book(
                    session,
                    applicant=principal,
                    application_id=application_id,
                    office_code="TINY",
                    day=center.day,
                    hour=9,
                    at=at,
                )
            results.append("booked")
        except Conflict:
            results.append("full")

    threads = [threading.Thread(target=attempt, args=pair) for pair in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count("booked") == 3
    assert results.count("full") == 17
    with database.transaction() as session:
        quota = session.execute(select(QuotaRow).where(QuotaRow.office_code == "TINY")).scalar_one()
        assert (quota.booked, quota.capacity) == (3, 3)


def test_one_active_booking_per_nik_and_a_billing_code_of_fifteen_digits(center: Any) -> None:
    application = center.apply()
    booked = center.book(application["id"])
    assert booked.status_code == 200, booked.text
    body = booked.json()
    assert body["status"] == "awaiting_payment"
    assert len(body["billing"]["code"]) == 15
    assert body["billing"]["code"].isdigit()
    expires = datetime.fromisoformat(body["billing"]["expires_at"]) - datetime.fromisoformat(
        body["billing"]["issued_at"]
    )
    assert expires == timedelta(hours=2)
    again = center.book(application["id"], day=center.day + timedelta(days=1))
    assert again.status_code == 409


def test_reschedule_once_up_to_the_day_before(center: Any) -> None:
    application = center.apply()
    center.book(application["id"])
    path = f"/api/v1/passports/applications/{application['id']}/reschedule"
    moved = center.client.post(
        path, headers=center.as_("ayu"), json={"office": "SBY", "day": "2026-06-24", "hour": 10}
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["booking"] == {
        "office": "SBY",
        "day": "2026-06-24",
        "hour": 10,
        "service": "regular",
        "rescheduled": True,
    }
    second = center.client.post(
        path, headers=center.as_("ayu"), json={"office": "SBY", "day": "2026-06-25", "hour": 10}
    )
    assert second.status_code == 409
    assert "once" in second.json()["message"]


def test_no_reschedule_on_the_interview_day(center: Any) -> None:
    application = center.apply()
    center.book(application["id"])
    center.move_to(datetime(2026, 6, 23, 1, 0, tzinfo=UTC))  # 08:00 in Jakarta on the day
    path = f"/api/v1/passports/applications/{application['id']}/reschedule"
    late = center.client.post(
        path, headers=center.as_("ayu"), json={"office": "JKS", "day": "2026-06-25", "hour": 10}
    )
    assert late.status_code == 409
    assert "day before" in late.json()["message"]


def test_requests_in_the_release_window_go_into_a_draw_not_first_come(center: Any) -> None:
    day = date(2026, 7, 6)  # released 14 days before at 09:00 in Jakarta (02:00 UTC)
    center.move_to(datetime(2026, 6, 22, 1, 59, tzinfo=UTC))
    application = center.apply()
    early = center.book(application["id"], day=day)
    assert early.status_code == 409
    assert "opens at 2026-06-22 09:00" in early.json()["message"]
    center.clock.current = datetime(2026, 6, 22, 2, 1, tzinfo=UTC)
    in_draw = center.book(application["id"], day=day).json()
    assert in_draw["status"] == "submitted"
    assert in_draw["draw"]["message"].startswith("your request is in the draw for 2026-07-06")
    assert "results at 2026-06-22 02:10" in in_draw["draw"]["message"]
    center.clock.current = datetime(2026, 6, 22, 2, 11, tzinfo=UTC)
    with center.database.transaction() as session:
        results = quotas.allocate_due_releases(session, rng=random.Random(7), at=center.clock.now())
    assert [(r.granted, r.refused) for r in results] == [(1, 0)]
    drawn = center.get(application["id"])
    assert drawn["status"] == "awaiting_payment"
    assert drawn["draw"]["outcome"] == "granted"
    assert drawn["booking"]["day"] == "2026-07-06"


def test_a_full_day_and_a_weekend_are_refused_with_reasons(center: Any) -> None:
    application = center.apply()
    weekend = center.book(application["id"], day=date(2026, 6, 27))
    assert weekend.status_code == 422
    assert weekend.json()["field"] == "day"
    bad_hour = center.book(application["id"], hour=20)
    assert bad_hour.status_code == 422
    assert bad_hour.json()["field"] == "hour"
    unknown = center.book(application["id"], office="XXX")
    assert unknown.status_code == 404


def test_a_full_day_is_refused_without_waiting_for_the_write_lock(center: Any) -> None:
    with center.database.transaction() as session:
        session.add(OfficeRow(**(seed_offices()[0] | {"code": "ONE", "quota_regular": 1})))
    assert center.book(center.apply()["id"], office="ONE").status_code == 200
    late = center.apply("ben", center.person(7))["id"]
    answers: list[Any] = []
    asking = threading.Thread(target=lambda: answers.append(center.book(late, user="ben", office="ONE")))
    # Another booking holds the lock on the quota (the whole database, on SQLite) while Ben asks: a
    # refusal that needed the lock would wait for it, and in a burst every refusal would queue.
    with center.database.transaction() as session:
        session.execute(select(QuotaRow).where(QuotaRow.office_code == "ONE").with_for_update()).scalar_one()
        asking.start()
        asking.join(timeout=10)
        answered_while_locked = not asking.is_alive()
    asking.join()
    assert answered_while_locked
    assert answers[0].status_code == 409
    assert "is full" in answers[0].json()["message"]
    assert center.get(late, user="ben")["status"] == "submitted"
