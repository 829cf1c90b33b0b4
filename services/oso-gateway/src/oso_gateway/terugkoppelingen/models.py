"""Terugkoppelingen received from SWV systems."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from oso_gateway.models import Base
from oso_shared.db import utcnow


class Terugkoppeling(Base):
    """One feedback message; unique per (aanleverpunt, Idempotency-Key)."""

    __tablename__ = "terugkoppelingen"
    __table_args__ = (UniqueConstraint("aanleverpunt_id", "idempotency_key"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    aflevering_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("afleveringen.id", ondelete="CASCADE"), index=True)
    aanleverpunt_id: Mapped[uuid.UUID] = mapped_column()
    idempotency_key: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(100))
    bericht: Mapped[str] = mapped_column(Text)
    referentie: Mapped[str | None] = mapped_column(String(200))
    antwoord: Mapped[dict[str, Any]] = mapped_column(JSONB)
    ontvangen_op: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
