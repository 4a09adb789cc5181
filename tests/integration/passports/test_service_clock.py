"""The service clock on a real database: idempotent runs, refunds and extensions, outages, pickup."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from gerbang.kernel.clock import as_utc
from gerbang.passports.center.clock import service_clock
from gerbang.passports.center.clock.orm import DeadlineEventRow, NoticeRow
from gerbang.passports.center.orm import LedgerRow

WIB = ZoneInfo("Asia/Jakarta")
DIGEST = "ab" * 32


def wib(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WIB).astimezone(UTC)


def booked_and_paid(
    center: Any,
    serial: int,
    *,
    user: str = "ayu",
    service: str = "regular",
    day: date = date(2026, 6, 23),
    hour: int = 9,
    pay: bool = True,
) -> str:
    application = center.apply(user, center.person(serial, service=service))
    response = center.book(application["id"], user=user, day=day, hour=hour)
    assert response.status_code == 200, response.text
    billing = response.json()["billing"]
    if pay:
        paid = center.pay(
            {
                "transaction_id": f"T-{serial}",
                "billing_code": billing["code"],
                "amount_idr": billing["amount_idr"],
                "paid_at": center.clock.now().isoformat(),
            }
        )
        assert paid.json()["outcome"] == "applied", paid.text
    return str(application["id"])


def interview(center: Any, application_id: str) -> None:
    body = {"photo_sha256": DIGEST, "fingerprints_sha256": DIGEST}
    response = center.officer(application_id, "interview", body)
    assert response.status_code == 200, response.text


def run(center: Any) -> dict[str, object]:
    return service_clock.run_once(center.database, center.clock)


STEP_KINDS = ("submitted", "payment_received", "rescheduled")


def state(center: Any) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every refund, deadline event and notice, to compare before and after."""
    with center.database.transaction() as session:
        refunds = [
            (str(r.application_id), r.amount_idr)
            for r in session.execute(
                select(LedgerRow).where(LedgerRow.kind == "refund").order_by(LedgerRow.seq)
            ).scalars()
        ]
        events = [
            (str(e.application_id), e.key, as_utc(e.due_at) if e.due_at else None)
            for e in session.execute(select(DeadlineEventRow).order_by(DeadlineEventRow.seq)).scalars()
        ]
        notices = [
            (str(n.application_id), n.kind, n.subject_id, n.subject_en)
            for n in session.execute(
                # The applicant's own steps (filed, paid, moved) have their notices too; not the clock's.
                select(NoticeRow).where(NoticeRow.kind.not_in(STEP_KINDS)).order_by(NoticeRow.id)
            ).scalars()
        ]
    return refunds, events, notices


def test_same_day_passport_not_delivered_that_day_refunds_the_surcharge_once(center: Any) -> None:
    app = booked_and_paid(center, 1, service="same-day")
    center.move_to(wib(2026, 6, 23, 9, 30))
    interview(center, app)
    run(center)
    assert state(center)[0] == []  # the day is not over yet
    center.move_to(wib(2026, 6, 24, 0, 5))
    run(center)
    first = state(center)
    run(center)
    assert state(center) == first  # the second run changes nothing
    refunds, _events, notices = first
    assert refunds == [(app, 1_000_000)]
    assert [(n[0], n[1]) for n in notices] == [(app, "surcharge_refunded")]
    assert "Rp 1.000.000" in notices[0][2]
    assert "Rp 1,000,000" in notices[0][3]
    assert center.get(app)["refund_owed_idr"] == 1_000_000
    inbox = center.client.get("/api/v1/passports/inbox", headers=center.as_("ayu")).json()
    assert inbox[0]["body_id"].startswith("Paspor percepatan Anda tidak selesai")
    assert inbox[0]["body_en"].startswith("Your same-day passport was not ready")
    assert center.client.get("/api/v1/passports/inbox", headers=center.as_("ben")).json() == []


def test_a_missed_regular_deadline_gets_a_new_due_time_and_a_collection_slot(center: Any) -> None:
    app = booked_and_paid(center, 2)
    center.move_to(wib(2026, 6, 23, 9, 30))
    interview(center, app)
    center.move_to(wib(2026, 6, 26, 23, 0))
    run(center)
    assert state(center)[1] == []  # due at the end of Friday 26 June: not yet
    center.move_to(wib(2026, 6, 27, 1, 0))
    run(center)
    run(center)
    refunds, events, notices = state(center)
    assert refunds == []
    assert [(e[1], e[2]) for e in events] == [("missed:" + wib(2026, 6, 27).isoformat(), wib(2026, 7, 1))]
    assert [n[1] for n in notices] == ["due_extended"]
    body = center.client.get("/api/v1/passports/inbox?lang=en", headers=center.as_("ayu")).json()[0]["body"]
    assert "the end of 2026-06-30" in body
    assert "2026-07-01 from 08:00" in body


def _declare(center: Any, key: str | None = "incident-1") -> Any:
    body = {
        "starts_at": "2026-06-23T10:00:00+07:00",
        "ends_at": "2026-06-24T12:00:00+07:00",
        "reason": "ransomware at the national data center",
    } | ({"key": key} if key else {})
    return center.client.post("/api/v1/passports/outages", headers=center.as_("ops"), json=body)


def test_a_declared_outage_compensates_exactly_the_applications_it_touches(center: Any) -> None:
    same_day = booked_and_paid(center, 3, service="same-day")
    regular = booked_and_paid(center, 4)
    waiting = booked_and_paid(center, 5, day=date(2026, 6, 24), hour=10)
    later = booked_and_paid(center, 6, day=date(2026, 6, 30), hour=10)
    unpaid = booked_and_paid(center, 7, user="ben", day=date(2026, 7, 1), pay=False)
    center.move_to(wib(2026, 6, 23, 9, 30))
    interview(center, same_day)
    interview(center, regular)
    center.move_to(wib(2026, 6, 24, 13, 0))
    response = _declare(center)
    assert response.status_code == 201, response.text
    refunds, events, notices = state(center)
    assert refunds == [(same_day, 1_000_000)]
    extended = [e for e in events if e[0] == regular]
    # Tuesday and Wednesday were lost: due at the end of Monday 29, then of Tuesday 30 June.
    assert [e[2] for e in extended] == [wib(2026, 6, 30), wib(2026, 7, 1)]
    # The refunded same-day passport continues at regular speed, so it learns its new date too.
    assert {(n[0], n[1]) for n in notices} == {
        (same_day, "surcharge_refunded"),
        (same_day, "due_extended"),
        (regular, "due_extended"),
        (waiting, "slot_offered"),
    }
    moved = center.get(waiting)["booking"]
    assert (moved["day"], moved["hour"], moved["rescheduled"]) == ("2026-06-25", 10, False)
    assert center.get(later)["booking"]["day"] == "2026-06-30"
    assert center.get(unpaid, user="ben")["status"] == "awaiting_payment"
    before = state(center)
    again = _declare(center)
    assert again.status_code == 200
    assert again.json()["id"] == response.json()["id"]
    run(center)
    assert state(center) == before
    assert len(center.client.get("/api/v1/passports/outages", headers=center.as_("ops")).json()) == 1


def test_an_open_outage_is_closed_by_its_key_or_by_id_and_never_declared_twice(center: Any) -> None:
    opened = center.client.post(
        "/api/v1/passports/outages",
        headers={**center.as_("ops"), "Idempotency-Key": "inc-9"},
        json={"starts_at": "2026-06-20T04:15:00+00:00", "reason": "center down"},
    )
    assert opened.status_code == 201
    assert opened.json()["ends_at"] is None
    closed = center.client.post(
        "/api/v1/passports/outages",
        headers={**center.as_("ops"), "Idempotency-Key": "inc-9"},
        json={
            "starts_at": "2026-06-20T04:15:00+00:00",
            "ends_at": "2026-06-20T08:00:00+00:00",
            "reason": "center down",
        },
    )
    assert closed.status_code == 200
    assert closed.json()["ends_at"].startswith("2026-06-20T08:00")
    other = center.client.post(
        "/api/v1/passports/outages",
        headers=center.as_("ops"),
        json={"starts_at": "2026-06-20T09:00:00+00:00", "reason": "bank link down"},
    )
    path = f"/api/v1/passports/outages/{other.json()['id']}/close"
    body = {"ended_at": "2026-06-20T10:00:00+00:00"}
    assert center.client.post(path, headers=center.as_("ops"), json=body).status_code == 200
    assert center.client.post(path, headers=center.as_("ops"), json=body).status_code == 200
    later = {"ended_at": "2026-06-20T11:00:00+00:00"}
    assert center.client.post(path, headers=center.as_("ops"), json=later).status_code == 409
    early = center.client.post(
        path.replace(other.json()["id"], opened.json()["id"]),
        headers=center.as_("ops"),
        json={"ended_at": "2026-06-20T03:00:00+00:00"},
    )
    assert early.status_code in (409, 422)
    assert center.client.post(path, headers=center.as_("ayu"), json=body).status_code == 403
    assert len(center.client.get("/api/v1/passports/outages", headers=center.as_("ops")).json()) == 2


def test_an_uncollected_passport_is_reminded_at_14_and_25_days_and_cancelled_at_30(center: Any) -> None:
    app = booked_and_paid(center, 8)
    center.move_to(wib(2026, 6, 23, 9, 30))
    interview(center, app)
    for step in ("approve", "printed", "ready"):
        assert center.officer(app, step).status_code == 200
    ready = center.clock.now()
    kinds = []
    for days in (13, 14, 20, 25, 29, 30, 31):
        center.move_to(ready + timedelta(days=days, minutes=1))
        run(center)
        run(center)
        kinds.append([n[1] for n in state(center)[2]])
    assert kinds[0] == []
    assert kinds[1] == kinds[2] == ["pickup_reminder"]
    assert kinds[3] == kinds[4] == ["pickup_reminder"] * 2
    assert kinds[5] == kinds[6] == ["pickup_reminder"] * 2 + ["pickup_cancelled"]
    assert center.get(app)["status"] == "expired"
