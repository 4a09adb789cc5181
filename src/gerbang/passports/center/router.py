"""Passport JSON API at the center: applications, offices and booking, payments, officer steps, outages."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Annotated, TypeVar

import anyio.to_thread
from fastapi import APIRouter, Depends, Header, Query, Request, Response
from pydantic import ValidationError

from gerbang.infra.accounts import Principal
from gerbang.infra.database import Database
from gerbang.infra.roles import Permission
from gerbang.kernel.errors import InvalidInput
from gerbang.passports.center import applications, interviews, issuance
from gerbang.passports.center.booking import quotas
from gerbang.passports.center.booking import requests as booking_requests
from gerbang.passports.center.clock import outages, service_clock
from gerbang.passports.center.payments import callbacks as payments
from gerbang.passports.center.payments import claims, statement
from gerbang.passports.center.schemas import (
    ApplicationCreate,
    ApplicationPage,
    ApplicationRead,
    BankStatement,
    BillingRead,
    BookingCreate,
    BookingRead,
    DrawRead,
    InterviewRecordCreate,
    OfficeRead,
    OutageClose,
    OutageCreate,
    OutageRead,
    PaymentAck,
    PaymentCallback,
    ReasonCreate,
    RefundClaimRead,
    StatementAck,
    StepRead,
)
from gerbang.passports.center.views import ApplicationView
from gerbang.passports.domain.lifecycle import Status
from gerbang.web.deps import Caller, ClockDep, SessionDep, caller_with, get_database, require, require_any

router = APIRouter(prefix="/api/v1/passports", tags=["passports"])

_P = Permission
Applicant = Annotated[Principal, Depends(require(_P.APPLICATIONS_OWN))]
Officer = Annotated[Principal, Depends(require(_P.APPLICATIONS_PROCESS))]
Reader = Annotated[Principal, Depends(require_any(_P.APPLICATIONS_OWN, _P.APPLICATIONS_PROCESS))]
IdempotencyKey = Annotated[
    str | None,
    Header(alias=booking_requests.HEADER, description="Makes a retried booking safe: any unique value."),
]
Declarer = Annotated[Principal, Depends(require(_P.OUTAGES_DECLARE))]
_Body = TypeVar("_Body", PaymentCallback, BankStatement)
RefundReader = Annotated[Principal, Depends(require_any(_P.APPLICATIONS_PROCESS, _P.STATUS_OPERATE))]
OutageReader = Annotated[
    Principal, Depends(require_any(_P.OUTAGES_DECLARE, _P.STATUS_OPERATE, _P.APPLICATIONS_PROCESS))
]


async def bank_body(
    request: Request, signature: Annotated[str | None, Header(alias="X-Signature")] = None
) -> bytes:
    """The exact bytes the bank sent, once their HMAC-SHA256 signature holds; read before any parsing."""
    body = await request.body()
    payments.verify_signature(request.app.state.payment_secret, body, signature)
    return body


BankBody = Annotated[bytes, Depends(bank_body)]


@router.post("/applications", response_model=ApplicationRead, status_code=201)
def apply(
    body: ApplicationCreate, session: SessionDep, clock: ClockDep, applicant: Applicant
) -> ApplicationRead:
    """Apply for oneself or a family member; one account files for at most five people at a time."""
    view = applications.apply(
        session,
        applicant=applicant,
        nik=body.nik,
        name=body.name,
        birth_date=body.birth_date,
        sex=body.sex,
        kind=body.kind,
        validity_years=body.validity_years,
        service=body.service,
        at=clock.now(),
        married=body.married,
        guardian=applications.GuardianGiven(**body.guardian.model_dump()) if body.guardian else None,
    )
    return application_read(view)


@router.get("/applications", response_model=ApplicationPage)
def list_applications(
    session: SessionDep,
    principal: Reader,
    status: Status | None = None,
    before: Annotated[uuid.UUID | None, Query(description="next_before of the previous page.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> ApplicationPage:
    """Newest first: applicants see their own, office officers everyone's."""
    views = applications.list_applications(
        session, principal=principal, status=status, before=before, limit=limit
    )
    return ApplicationPage(
        applications=[application_read(v) for v in views],
        next_before=views[-1].id if len(views) == limit else None,
    )


@router.get("/applications/{application_id}", response_model=ApplicationRead)
def get_application(application_id: uuid.UUID, session: SessionDep, principal: Reader) -> ApplicationRead:
    return application_read(
        applications.get_application(session, application_id=application_id, principal=principal)
    )


@router.get("/offices", response_model=list[OfficeRead])
def list_offices(session: SessionDep, _reader: Reader) -> list[OfficeRead]:
    """Passport offices and their daily quota per service."""
    return [
        OfficeRead(
            code=o.code,
            name=o.name,
            city=o.city,
            timezone=o.timezone,
            electronic=o.electronic,
            daily_quota=o.quotas,
        )
        for o in quotas.list_offices(session)
    ]


@router.post("/applications/{application_id}/booking", response_model=ApplicationRead)
async def book(
    application_id: uuid.UUID,
    body: BookingCreate,
    database: Annotated[Database, Depends(get_database)],
    clock: ClockDep,
    caller: Annotated[Caller, Depends(caller_with(_P.APPLICATIONS_OWN))],
    idempotency_key: IdempotencyKey = None,
) -> ApplicationRead:
    """Book an interview slot; inside a release window the request joins a fair draw instead.

    With an Idempotency-Key header, a repeat of the request (a retry after a lost answer or a 503)
    returns the first answer instead of booking again or being told the application is booked.
    """
    at = clock.now()
    if idempotency_key is not None:
        key = idempotency_key

        def keyed() -> ApplicationRead:
            return ApplicationRead.model_validate(
                booking_requests.book_once(
                    database,
                    applicant=caller.resolve(),
                    key=key,
                    application_id=application_id,
                    office_code=body.office,
                    day=body.day,
                    hour=body.hour,
                    at=at,
                    render=lambda view: application_read(view).model_dump(mode="json"),
                )
            )

        return await anyio.to_thread.run_sync(keyed)

    def work() -> ApplicationView:
        return quotas.book_request(
            database,
            applicant=caller.resolve,
            application_id=application_id,
            office_code=body.office,
            day=body.day,
            hour=body.hour,
            at=at,
        )

    # The hot path of a quota day: authentication and the database work in one worker-thread hop,
    # which holds no lock while it waits for the thread; a full day is refused from one read.
    return application_read(await anyio.to_thread.run_sync(work))


@router.post("/applications/{application_id}/reschedule", response_model=ApplicationRead)
def reschedule(
    application_id: uuid.UUID, body: BookingCreate, session: SessionDep, clock: ClockDep, applicant: Applicant
) -> ApplicationRead:
    """Move the booking once, up to the day before the interview."""
    view = quotas.reschedule(
        session,
        applicant=applicant,
        application_id=application_id,
        office_code=body.office,
        day=body.day,
        hour=body.hour,
        at=clock.now(),
    )
    return application_read(view)


@router.post("/applications/{application_id}/cancel", response_model=ApplicationRead)
def cancel(
    application_id: uuid.UUID, session: SessionDep, clock: ClockDep, applicant: Applicant
) -> ApplicationRead:
    """Withdraw; the slot returns to the quota and money paid is owed back."""
    return application_read(
        quotas.cancel(session, applicant=applicant, application_id=application_id, at=clock.now())
    )


@router.post("/payments/callback", response_model=PaymentAck)
def payment_callback(body: BankBody, session: SessionDep, clock: ClockDep) -> PaymentAck:
    """The bank's notice of a payment, signed with HMAC-SHA256; repeating it changes nothing."""
    notice = _parsed(PaymentCallback, body)
    result = payments.record_payment(
        session,
        transaction_id=notice.transaction_id,
        billing_code=notice.billing_code,
        amount_idr=notice.amount_idr,
        paid_at=notice.paid_at,
        at=clock.now(),
    )
    return PaymentAck(outcome=result.outcome, application_id=result.application_id, status=result.status)


@router.post("/payments/statement", response_model=StatementAck)
def payment_statement(body: BankBody, session: SessionDep, clock: ClockDep) -> StatementAck:
    """The bank's signed statement of the payments it made: after a restore it gives back what was lost.

    Every payment goes through the callback's own matching, so sending a statement twice, or one that
    overlaps callbacks already received, changes nothing. The answer lists every refund owed for it.
    """
    sent = _parsed(BankStatement, body)
    done = statement.reconcile(session, statement_id=sent.statement_id, entries=sent.entries, at=clock.now())
    return StatementAck(
        statement_id=sent.statement_id,
        outcomes=done.outcomes,
        refunds_owed=[_refund_read(claim) for claim in done.refunds],
    )


@router.get("/payments/refund-claims", response_model=list[RefundClaimRead])
def refund_claims(
    session: SessionDep, _reader: RefundReader, limit: Annotated[int, Query(ge=1, le=1000)] = 200
) -> list[RefundClaimRead]:
    """Payments no application holds, newest first: each is owed back in full."""
    return [_refund_read(claim) for claim in claims.owed(session, limit=limit)]


def _parsed(model: type[_Body], body: bytes) -> _Body:
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or None
        raise InvalidInput(
            "form.field_problem", field=field, what=field or "body", problem=first["msg"]
        ) from None


def _refund_read(claim: claims.RefundClaim) -> RefundClaimRead:
    return RefundClaimRead(**dataclasses.asdict(claim))


@router.post("/applications/{application_id}/interview", response_model=ApplicationRead)
def interview(
    application_id: uuid.UUID,
    body: InterviewRecordCreate,
    session: SessionDep,
    clock: ClockDep,
    officer: Officer,
) -> ApplicationRead:
    """Record the interview with the digests of the photo and fingerprints."""
    view = interviews.record_interview(
        session,
        application_id=application_id,
        officer=officer,
        photo_sha256=body.photo_sha256,
        fingerprints_sha256=body.fingerprints_sha256,
        at=clock.now(),
    )
    return application_read(view)


@router.post("/applications/{application_id}/approve", response_model=ApplicationRead)
def approve(
    application_id: uuid.UUID, session: SessionDep, clock: ClockDep, officer: Officer
) -> ApplicationRead:
    return application_read(
        issuance.approve(session, application_id=application_id, officer=officer, at=clock.now())
    )


@router.post("/applications/{application_id}/reject", response_model=ApplicationRead)
def reject(
    application_id: uuid.UUID, body: ReasonCreate, session: SessionDep, clock: ClockDep, officer: Officer
) -> ApplicationRead:
    view = issuance.reject(
        session, application_id=application_id, officer=officer, reason=body.reason, at=clock.now()
    )
    return application_read(view)


@router.post("/applications/{application_id}/printed", response_model=ApplicationRead)
def printed(
    application_id: uuid.UUID, session: SessionDep, clock: ClockDep, officer: Officer
) -> ApplicationRead:
    view = issuance.mark_printed(session, application_id=application_id, officer=officer, at=clock.now())
    return application_read(view)


@router.post("/applications/{application_id}/ready", response_model=ApplicationRead)
def ready(
    application_id: uuid.UUID, session: SessionDep, clock: ClockDep, officer: Officer
) -> ApplicationRead:
    view = issuance.mark_ready(session, application_id=application_id, officer=officer, at=clock.now())
    return application_read(view)


@router.post("/outages", response_model=OutageRead, status_code=201)
def declare_outage(
    body: OutageCreate,
    response: Response,
    session: SessionDep,
    clock: ClockDep,
    declarer: Declarer,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key", max_length=120)] = None,
) -> OutageRead:
    """Declare an outage window (leave ends_at out while it lasts); the same key twice changes nothing.

    Every application it touches is compensated at once: see service_clock.handle_outage.
    """
    if body.key and idempotency_key and body.key != idempotency_key:
        raise InvalidInput("request.idempotency_differs", field="key")
    view, created = outages.declare_once(
        session,
        key=body.key or idempotency_key or None,
        declared_by=declarer,
        starts_at=body.starts_at,
        ends_at=body.ends_at,
        reason=body.reason,
        at=clock.now(),
    )
    if not created:
        response.status_code = 200
    service_clock.handle_outage(session, outages.outage_row(session, view.id), at=clock.now())
    return OutageRead(**view.__dict__)


@router.post("/outages/{outage_id}/close", response_model=OutageRead)
def close_outage(
    outage_id: uuid.UUID, body: OutageClose, session: SessionDep, clock: ClockDep, declarer: Declarer
) -> OutageRead:
    """Close an open outage at ended_at; what it owes is settled at once for the whole window."""
    view = outages.close_outage(
        session, outage_id=outage_id, ended_at=body.ended_at, closed_by=declarer, at=clock.now()
    )
    service_clock.handle_outage(session, outages.outage_row(session, view.id), at=clock.now())
    return OutageRead(**view.__dict__)


@router.get("/outages", response_model=list[OutageRead])
def list_outages(session: SessionDep, _reader: OutageReader) -> list[OutageRead]:
    return [OutageRead(**view.__dict__) for view in outages.list_outages(session)]


def application_read(view: ApplicationView) -> ApplicationRead:
    draw = None
    if view.draw is not None:
        d = view.draw
        message = (
            f"your request is in the draw for {d.day.isoformat()} at {d.office_code}; "
            f"results at {d.results_at:%Y-%m-%d %H:%M} UTC"
            if d.outcome is None
            else f"the draw for {d.day.isoformat()} is done: {d.outcome}"
            + (f" ({d.reason})" if d.reason else "")
        )
        draw = DrawRead(
            office=d.office_code,
            day=d.day,
            results_at=d.results_at,
            outcome=d.outcome,
            reason=d.reason,
            message=message,
        )
    b = view.booking
    return ApplicationRead(
        id=view.id,
        nik=view.nik,
        name=view.name,
        birth_date=view.birth_date,
        sex=view.sex,
        kind=view.kind,
        validity_years=view.validity_years,
        service=view.service,
        fee_idr=view.fee_idr,
        fee_source=view.fee_source,
        status=view.status,
        created_at=view.created_at,
        history=[StepRead(status=s.status, at=s.at, actor=s.actor, note=s.note) for s in view.history],
        booking=BookingRead(
            office=b.office_code, day=b.day, hour=b.hour, service=b.service, rescheduled=b.rescheduled
        )
        if b
        else None,
        billing=BillingRead(**view.billing.__dict__) if view.billing else None,
        draw=draw,
        paid_idr=view.paid_idr,
        refund_owed_idr=view.refund_owed_idr,
        ready_on=view.ready_on,
    )
