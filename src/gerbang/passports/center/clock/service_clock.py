"""The service clock: a center loop that handles every due event once, however often it runs."""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from gerbang.infra.database import Database
from gerbang.kernel.clock import Clock, as_utc
from gerbang.passports.center import history
from gerbang.passports.center import repository as repo
from gerbang.passports.center.booking import quotas
from gerbang.passports.center.clock import compensation as comp
from gerbang.passports.center.clock import repository as store
from gerbang.passports.center.clock.orm import DeadlineEventRow
from gerbang.passports.center.notices import notifications
from gerbang.passports.center.orm import OutageRow
from gerbang.passports.center.payments import callbacks as payments
from gerbang.passports.domain import deadlines as rules
from gerbang.passports.domain.lifecycle import Status
from gerbang.passports.domain.policy import Service

log = logging.getLogger("gerbang.passports")

# Outages that ended this long ago are settled; the clock stops looking at them.
OUTAGE_LOOKBACK = timedelta(days=7)


def handle_outage(session: Session, outage: OutageRow, *, at: datetime) -> comp.Compensated:
    """Everything an outage owes, at once: refunds, later due times, new slots (again: nothing new)."""
    done = comp.Compensated()
    window = store.window(outage)
    for application in store.applications_in(session, comp.SAME_DAY_OPEN, [Service.SAME_DAY.value]):
        place = store.placement(session, application.id)
        if place is None or comp.surcharge_refunded(session, application):
            continue
        if rules.spans_service_day(window, at, place.day, place.office.first_hour, place.zone):
            application = history.locked(session, application.id)
            done.refunds += comp.refund_surcharge(
                session, application, place, cause="outage", outage=outage, at=at
            )
    for application in store.applications_in(session, comp.IN_WORK):
        place = store.placement(session, application.id)
        interview = repo.interview_of(session, application.id)
        if place is None or interview is None:
            continue
        if application.service == Service.SAME_DAY and not comp.surcharge_refunded(session, application):
            continue  # a same-day passport is owed its surcharge back, not a later date
        application = history.locked(session, application.id)
        due = comp.current_due(session, application, place, as_utc(interview.at))
        days = rules.days_to_extend(
            window,
            at,
            interviewed_at=as_utc(interview.at),
            due_at=due,
            zone=place.zone,
            calendar=comp.calendar(),
        )
        keys = [f"outage:{outage.id}:{day.isoformat()}" for day in days]
        done.extensions += comp.extend_due(
            session, application, place, keys=keys, old_due=due, cause="outage", outage=outage, at=at
        )
    for application in store.applications_in(session, comp.WAITING):
        booking = repo.active_booking(session, application.id)
        place = store.placement(session, application.id)
        if booking is None or place is None or place.booking.id != booking.id:
            continue
        if rules.appointment_hit(window, at, rules.appointment_start(place.day, place.hour, place.zone)):
            application = history.locked(session, application.id)
            done.slots += comp.move_appointment(session, application, place, outage=outage, at=at)
    return done


def handle_outages(session: Session, *, at: datetime) -> comp.Compensated:
    """Outages open or recently closed: an open one keeps growing, so it is looked at on every run."""
    total = comp.Compensated()
    for outage in store.outages_since(session, at - OUTAGE_LOOKBACK):
        done = handle_outage(session, outage, at=at)
        total.refunds += done.refunds
        total.extensions += done.extensions
        total.slots += done.slots
    return total


def missed_deadlines(session: Session, *, at: datetime) -> comp.Compensated:
    """A same-day passport not ready by the end of its day: refund; a late regular one: a new date."""
    done = comp.Compensated()
    for application in store.applications_in(session, comp.IN_WORK):
        place = store.placement(session, application.id)
        interview = repo.interview_of(session, application.id)
        if place is None or interview is None:
            continue
        due = comp.current_due(session, application, place, as_utc(interview.at))
        if at < due:
            continue
        application = history.locked(session, application.id)
        if application.service == Service.SAME_DAY and not comp.surcharge_refunded(session, application):
            done.refunds += comp.refund_surcharge(session, application, place, cause="missed", at=at)
            continue
        done.extensions += comp.extend_due(
            session,
            application,
            place,
            keys=[f"missed:{due.isoformat()}"],
            old_due=due,
            cause="missed",
            at=at,
        )
    return done


def pickups(session: Session, *, at: datetime) -> int:
    """Remind at 14 and 25 days; cancel an uncollected passport at 30 (the law), allowing for outages."""
    acted = 0
    windows = None
    for application in store.applications_in(session, [Status.READY]):
        ready_at = store.step_at(session, application.id, Status.READY)
        place = store.placement(session, application.id)
        if ready_at is None or place is None:
            continue
        if windows is None:
            windows = store.windows_since(session, at - timedelta(days=rules.PICKUP_LIMIT_DAYS + 30))
        milestones = rules.pickup_milestones(ready_at, windows, at)
        milestone = rules.due_milestone(milestones, at)
        if milestone is None:
            continue
        key = "pickup:cancelled" if milestone.cancel else f"pickup:{milestone.days}"
        if store.has_event(session, application.id, key):
            continue
        application = history.locked(session, application.id)
        event = DeadlineEventRow(
            application_id=application.id,
            key=key,
            kind="pickup",
            due_at=None,
            outage_id=None,
            note=None,
            at=at,
        )
        if not store.add_event(session, event):
            continue
        if milestone.cancel:
            history.advance(
                session,
                application,
                Status.EXPIRED,
                actor=comp.ACTOR,
                at=at,
                note="not collected within 30 days; cancelled by law",
            )
        zone = place.zone
        params = {
            "office": place.office.name,
            "ready_day": rules.local_day(ready_at, zone).isoformat(),
            "days": milestone.days,
            "deadline": rules.local_day(milestones[-1].at, zone).isoformat(),
        }
        kind = "pickup_cancelled" if milestone.cancel else "pickup_reminder"
        notifications.notify(session, application=application, kind=kind, key=key, params=params, at=at)
        acted += 1
    return acted


def _jobs() -> list[tuple[str, Callable[[Session, datetime], object]]]:
    return [
        ("expire_unpaid", lambda s, at: payments.expire_unpaid(s, at=at)),
        ("draws", lambda s, at: quotas.allocate_due_releases(s, rng=random.Random(), at=at)),
        ("outages", lambda s, at: handle_outages(s, at=at)),
        ("deadlines", lambda s, at: missed_deadlines(s, at=at)),
        ("pickups", lambda s, at: pickups(s, at=at)),
    ]


def run_once(database: Database, clock: Clock) -> dict[str, object]:
    """Every job once, each in its own transaction, so one failing job does not hold up the others."""
    results: dict[str, object] = {}
    for name, job in _jobs():
        try:
            with database.transaction() as session:
                results[name] = job(session, clock.now())
        except Exception:  # logged and retried on the next run; the clock must keep going
            log.exception("service clock job %s failed", name)
            results[name] = None
    return results


def service_clock_loop(
    database: Database, clock: Clock, *, every: float = 60.0
) -> Callable[[threading.Event], None]:
    """A background loop for the center: run every job each `every` seconds until stopped."""

    def loop(stop: threading.Event) -> None:
        # Wait first: the app has only just started, and one period late is within the rules.
        while not stop.wait(every):
            run_once(database, clock)

    return loop
