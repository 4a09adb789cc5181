"""Compensation without anyone asking: surcharge refunds, later due times, new slots, each explained."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from gerbang.infra import audit
from gerbang.kernel.calendar import WorkingCalendar
from gerbang.kernel.clock import as_utc
from gerbang.kernel.errors import Conflict
from gerbang.passports.center.booking import slots
from gerbang.passports.center.clock import repository as store
from gerbang.passports.center.clock.orm import DeadlineEventRow
from gerbang.passports.center.notices import notifications
from gerbang.passports.center.orm import ApplicationRow, OutageRow
from gerbang.passports.center.payments import ledger
from gerbang.passports.domain import deadlines as rules
from gerbang.passports.domain.lifecycle import Status
from gerbang.passports.domain.policy import Service
from gerbang.passports.packaged_policy import load_policy

ACTOR = "system:service-clock"
SURCHARGE_KEY = "surcharge_refund"
# Applications being worked on after the interview, whose passport has a due time.
IN_WORK = (Status.INTERVIEWED, Status.APPROVED, Status.PRINTED)
# Same-day applications whose surcharge is paid and whose passport is not yet ready.
SAME_DAY_OPEN = (Status.PAID, *IN_WORK)
# Applications holding an interview slot that is still to come.
WAITING = (Status.AWAITING_PAYMENT, Status.PAID)
# How far ahead a displaced appointment looks for a free place.
SLOT_SEARCH_DAYS = 10


@dataclass
class Compensated:
    """What one pass did, in numbers (for logs and tests)."""

    refunds: int = 0
    extensions: int = 0
    slots: int = 0


def calendar() -> WorkingCalendar:
    return WorkingCalendar()


def local(moment: datetime, zone: ZoneInfo) -> str:
    return as_utc(moment).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def outage_params(outage: OutageRow, zone: ZoneInfo) -> dict[str, str]:
    end = local(outage.ends_at, zone) if outage.ends_at else "… (masih berlangsung / still ongoing)"
    return {"outage_from": local(outage.starts_at, zone), "outage_to": end}


def surcharge_refunded(session: Session, application: ApplicationRow) -> bool:
    return store.has_event(session, application.id, SURCHARGE_KEY)


def refund_surcharge(
    session: Session,
    application: ApplicationRow,
    place: store.Placement,
    *,
    cause: str,
    at: datetime,
    outage: OutageRow | None = None,
) -> bool:
    """Owe back the same-day surcharge once (an append-only ledger row) and tell the applicant why."""
    surcharge = load_policy().period(as_utc(application.created_at).date()).same_day_surcharge_idr
    amount = min(surcharge, ledger.refundable(session, application))
    if amount <= 0:
        return False
    event = DeadlineEventRow(
        application_id=application.id,
        key=SURCHARGE_KEY,
        kind="surcharge_refund",
        due_at=None,
        outage_id=outage.id if outage else None,
        note=cause,
        at=at,
    )
    if not store.add_event(session, event):
        return False
    ledger.owe_refund(session, application, amount, note=f"same-day surcharge refunded: {cause}", at=at)
    audit.record(
        session,
        actor=ACTOR,
        action="passport.surcharge_refund",
        record_type="passport_application",
        record_id=str(application.id),
        details={"amount_idr": amount, "cause": cause},
        at=at,
    )
    params = {
        "cause": cause,
        "day": place.day.isoformat(),
        "office": place.office.name,
        "amount_id": notifications.rupiah(amount, "id"),
        "amount_en": notifications.rupiah(amount, "en"),
    }
    if outage is not None:
        params |= outage_params(outage, place.zone)
    notifications.notify(
        session, application=application, kind="surcharge_refunded", key=SURCHARGE_KEY, params=params, at=at
    )
    return True


def current_due(
    session: Session, application: ApplicationRow, place: store.Placement, interviewed_at: datetime
) -> datetime:
    """The due time in force: the last extension, else the service level counted from the interview."""
    extended = store.latest_due(session, application.id)
    if extended is not None:
        return extended
    if application.service == Service.SAME_DAY and not surcharge_refunded(session, application):
        return rules.same_day_due(interviewed_at, place.zone)
    # A refunded same-day application continues at regular speed.
    service = Service.REGULAR if application.service == Service.SAME_DAY else Service(application.service)
    days = load_policy().services[service].ready_working_days
    return rules.regular_due(interviewed_at, place.zone, calendar(), days)


def extend_due(
    session: Session,
    application: ApplicationRow,
    place: store.Placement,
    *,
    keys: list[str],
    old_due: datetime,
    cause: str,
    at: datetime,
    outage: OutageRow | None = None,
) -> bool:
    """Move the due time one working day per new key, record each step, and offer a collection slot."""
    due = old_due
    new_keys = [k for k in keys if not store.has_event(session, application.id, k)]
    for key in new_keys:
        days = rules.MISSED_EXTENSION_WORKING_DAYS if cause == "missed" else 1
        due = rules.extend(due, days, place.zone, calendar())
        event = DeadlineEventRow(
            application_id=application.id,
            key=key,
            kind="due_extended",
            due_at=due,
            outage_id=outage.id if outage else None,
            note=cause,
            at=at,
        )
        store.add_event(session, event)
    if not new_keys:
        return False
    new_day = rules.due_day(due, place.zone)
    params = {
        "cause": cause,
        "days": len(new_keys),
        "old_due": rules.due_day(old_due, place.zone).isoformat(),
        "new_due": new_day.isoformat(),
        "collect_day": rules.next_open_day(new_day, calendar()).isoformat(),
        "collect_hour": f"{place.office.first_hour:02d}:00",
        "office": place.office.name,
    }
    if outage is not None:
        params |= outage_params(outage, place.zone)
    notifications.notify(
        session,
        application=application,
        kind="due_extended",
        key=f"due:{due.isoformat()}",
        params=params,
        at=at,
    )
    return True


def move_appointment(
    session: Session, application: ApplicationRow, place: store.Placement, *, outage: OutageRow, at: datetime
) -> bool:
    """Hold a new slot on a following working day for an interview the outage made impossible."""
    key = f"slot:{outage.id}:{place.booking.id}"
    if store.has_event(session, application.id, key):
        return False
    _, end = store.window(outage).until(at)
    day = max(rules.local_day(end, place.zone), place.day)
    found = None
    for _ in range(SLOT_SEARCH_DAYS):
        day = rules.next_open_day(day, calendar())
        try:
            with session.begin_nested():
                quota = slots.ensure_quota(session, place.office, day, Service(application.service), at=at)
                slots.free(session, place.booking, reason="outage", at=at)
                # Not a reschedule by the applicant: they keep their one free reschedule.
                slots.hold(session, application, quota, place.hour, at=at)
        except Conflict:
            continue
        found = day
        break
    note = f"moved to {found.isoformat()} {place.hour:02d}:00" if found else "no free place found"
    event = DeadlineEventRow(
        application_id=application.id,
        key=key,
        kind="slot_offered",
        due_at=None,
        outage_id=outage.id,
        note=note,
        at=at,
    )
    if not store.add_event(session, event):
        return False
    params = outage_params(outage, place.zone) | {
        "old_day": place.day.isoformat(),
        "old_hour": f"{place.hour:02d}:00",
        "new_day": found.isoformat() if found else "",
        "new_hour": f"{place.hour:02d}:00",
        "office": place.office.name,
    }
    notifications.notify(session, application=application, kind="slot_offered", key=key, params=params, at=at)
    return True
