"""Request and response models of the status API."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, Field, field_validator

from gerbang.web.schemas import StrictModel


class TextCreate(StrictModel):
    """Words in both languages: the public reads Indonesian first, visitors English."""

    text_id: str = Field(min_length=3, max_length=4000)
    text_en: str = Field(min_length=3, max_length=4000)


class IncidentCreate(TextCreate):
    title_id: str = Field(min_length=3, max_length=300)
    title_en: str = Field(min_length=3, max_length=300)
    components: list[str] = Field(min_length=1, max_length=50)


class UpdateCreate(TextCreate):
    resolve: bool = False


class MaintenanceCreate(IncidentCreate):
    starts_at: AwareDatetime
    ends_at: AwareDatetime

    @field_validator("starts_at", "ends_at")
    @classmethod
    def _a_time_of_this_century(cls, moment: datetime) -> datetime:
        # 0001-01-01T00:00+14:00 is a valid timestamp that has no UTC form: refused here, not a 500 later.
        try:
            utc = moment.astimezone(UTC)
        except OverflowError:
            raise ValueError("the time is out of range") from None
        if not 2000 <= utc.year <= 2100:
            raise ValueError("the time must fall between the years 2000 and 2100")
        return utc


class SubscriberCreate(StrictModel):
    kind: Literal["email", "webhook"]
    address: str = Field(min_length=3, max_length=500)


class SubscriptionRead(BaseModel):
    kind: str
    confirmation: str = Field(description="What confirms the subscription; nothing is sent before it.")
    unsubscribe_url: str | None = Field(
        description="A new webhook only, shown once (an email's link comes in every email)."
    )
    secret: str | None = Field(
        description="A new webhook only, shown once: the HMAC-SHA256 key of X-Gerbang-Signature."
    )


class ConfirmCreate(StrictModel):
    token: str = Field(min_length=1, max_length=300)


class CreatedRead(BaseModel):
    id: uuid.UUID


class DeliveryRead(BaseModel):
    """One line of the delivery log: who by id only, never the address."""

    id: uuid.UUID
    subscriber_id: uuid.UUID
    update_id: uuid.UUID
    event: str
    attempts: int
    next_attempt_at: datetime
    delivered_at: datetime | None
    failed_at: datetime | None
    last_error: str | None
