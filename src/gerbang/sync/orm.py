"""Tables of synchronisation: the edge's outbox and the center's view of each edge node."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from gerbang.infra.orm import Base

_BIGINT = BigInteger().with_variant(Integer(), "sqlite")


class OutboxRow(Base):
    """A record waiting to reach the center, written in the same transaction as the record itself."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(_BIGINT, primary_key=True, autoincrement=True)
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None] = mapped_column(index=True)


class SyncNodeRow(Base):
    """The center's running account of what each edge node has uploaded."""

    __tablename__ = "sync_nodes"

    node: Mapped[str] = mapped_column(String(120), primary_key=True)
    records_received: Mapped[int] = mapped_column(_BIGINT, default=0)
    duplicates_received: Mapped[int] = mapped_column(_BIGINT, default=0)
    held_through_seq: Mapped[int] = mapped_column(_BIGINT, default=0)
    last_batch_at: Mapped[datetime | None]


class ReferenceStateRow(Base):
    """The center's reference-data version, raised whenever a signed dataset changes."""

    __tablename__ = "reference_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(_BIGINT)
    changed_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(String(200))
