"""Request and response models of the passport API."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from gerbang.passports.domain.lifecycle import Status
from gerbang.passports.domain.nik import Sex
from gerbang.passports.domain.policy import Kind, Service


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GuardianCreate(StrictModel):
    """The parent or guardian who consents to a child's application, as on their e-KTP."""

    name: str = Field(default="", max_length=200)
    relationship: str = Field(default="", max_length=12, description="parent or guardian.")
    nik: str = Field(default="", max_length=20, description="The 16-digit NIK on their e-KTP.")
    consent: bool = Field(default=False, description="They consent and take responsibility.")


class ApplicationCreate(StrictModel):
    """An application for one person (oneself or a family member) as on the e-KTP."""

    nik: str = Field(min_length=16, max_length=20, description="The 16-digit NIK on the e-KTP.")
    name: str = Field(min_length=1, max_length=200)
    birth_date: date
    sex: Sex
    kind: Kind = Field(description="ordinary or electronic.")
    validity_years: int = Field(default=5, description="5, or 10 where the fee schedule offers it.")
    service: Service = Field(default=Service.REGULAR, description="regular, same-day or priority.")
    married: bool = Field(default=False, description="A married applicant under 17 needs no guardian.")
    guardian: GuardianCreate | None = Field(
        default=None, description="Required for an applicant under 17 and not married."
    )


class BookingCreate(StrictModel):
    office: str = Field(min_length=2, max_length=12, description="Office code, from GET /offices.")
    day: date
    hour: int = Field(ge=0, le=23, description="The hour of the interview slot, such as 9 for 09:00.")


class ReasonCreate(StrictModel):
    reason: str = Field(min_length=3, max_length=500)


class InterviewRecordCreate(StrictModel):
    photo_sha256: str | None = Field(default=None, description="SHA-256 of the photo kept at the office.")
    fingerprints_sha256: str | None = Field(default=None, description="SHA-256 of the fingerprint record.")


class StepRead(BaseModel):
    status: Status
    at: datetime
    actor: str
    note: str | None


class BookingRead(BaseModel):
    office: str
    day: date
    hour: int
    service: str
    rescheduled: bool = Field(description="True once the one free reschedule is used.")


class BillingRead(BaseModel):
    code: str = Field(description="The 15-digit billing code to pay at a bank, post office or shop.")
    amount_idr: int
    issued_at: datetime
    expires_at: datetime


class DrawRead(BaseModel):
    office: str
    day: date
    results_at: datetime
    outcome: str | None = Field(description="granted, refused or withdrawn; null until the draw.")
    reason: str | None
    message: str


class ApplicationRead(BaseModel):
    id: uuid.UUID
    nik: str
    name: str
    birth_date: date
    sex: Sex
    kind: Kind
    validity_years: int
    service: Service
    fee_idr: int = Field(description="Whole rupiah, from the fee schedule in force when applying.")
    fee_source: str
    status: Status
    created_at: datetime
    history: list[StepRead]
    booking: BookingRead | None
    billing: BillingRead | None
    draw: DrawRead | None
    paid_idr: int
    refund_owed_idr: int
    ready_on: date | None


class ApplicationPage(BaseModel):
    applications: list[ApplicationRead]
    next_before: uuid.UUID | None


class OfficeRead(BaseModel):
    code: str
    name: str
    city: str
    timezone: str
    electronic: bool
    daily_quota: dict[str, int]


class PaymentCallback(StrictModel):
    """What the bank sends when a billing code is paid (signed with X-Signature)."""

    transaction_id: str = Field(min_length=1, max_length=64)
    billing_code: str = Field(pattern=r"^[0-9]{15}$")
    # A trillion rupiah is far above any fee; larger numbers do not fit the ledger's columns.
    amount_idr: int = Field(ge=0, le=10**12)
    paid_at: datetime

    @field_validator("paid_at")
    @classmethod
    def _a_time_of_this_century(cls, moment: datetime) -> datetime:
        # Year 9999 is a valid timestamp, but the deadline arithmetic on it overflows: refused here.
        try:
            utc = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
        except OverflowError:
            raise ValueError("the time is out of range") from None
        if not 2000 <= utc.year <= 2100:
            raise ValueError("the payment time must fall between the years 2000 and 2100")
        return utc


class PaymentAck(BaseModel):
    outcome: str
    application_id: uuid.UUID | None
    status: Status | None


# One statement carries at most a day of a busy bank's passport payments; longer periods come in parts.
STATEMENT_ENTRIES = 5000


class StatementEntry(PaymentCallback):
    """One payment in the bank's statement: as its callback said, with the payer's address if known."""

    payer_email: str | None = Field(
        default=None, min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
    )


class BankStatement(StrictModel):
    """The bank's list of the payments it made in a period (signed with X-Signature like a callback).

    After a restore, the center asks for the statement since its restore point: a payment it lost is
    applied again, or owed back when no application holds its billing code any more.
    """

    statement_id: str = Field(min_length=1, max_length=64)
    entries: list[StatementEntry] = Field(max_length=STATEMENT_ENTRIES)


class RefundClaimRead(BaseModel):
    transaction_id: str
    billing_code: str
    amount_idr: int
    paid_at: datetime
    found_by: str
    payer_told: bool


class StatementAck(BaseModel):
    """What the statement changed: payments by outcome, and every refund owed for it."""

    statement_id: str
    outcomes: dict[str, int]
    refunds_owed: list[RefundClaimRead]


class OutageCreate(StrictModel):
    starts_at: datetime
    ends_at: datetime | None = None
    reason: str = Field(min_length=3, max_length=500)
    key: str | None = Field(
        default=None,
        min_length=1,
        max_length=120,
        description="Idempotency key (the status node sends its incident id); also as Idempotency-Key.",
    )


class OutageClose(StrictModel):
    ended_at: datetime


class OutageRead(BaseModel):
    id: uuid.UUID
    starts_at: datetime
    ends_at: datetime | None
    reason: str
    declared_by: str
    declared_at: datetime


class NoticeRead(BaseModel):
    """A notice in the applicant's inbox: `subject`/`body` in their language, both languages alongside."""

    id: uuid.UUID
    application_id: uuid.UUID | None
    kind: str
    language: str
    subject: str
    body: str
    subject_id: str
    body_id: str
    subject_en: str
    body_en: str
    created_at: datetime
    read_at: datetime | None


class ContactUpdate(StrictModel):
    email: str | None = Field(default=None, max_length=254, description="Where notices are mailed.")
    language: str = Field(default="id", pattern="^(id|en)$", description="id (Indonesian) or en (English).")


class ContactRead(BaseModel):
    email: str | None
    language: str
