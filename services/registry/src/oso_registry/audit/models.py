"""Table of the audit log: one row per change, with the scope (board, SWV, school) it concerns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, DateTime, Identity, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from oso_registry.models import Base


class AuditRegel(Base):
    """Who (subject, role) did what when, with the state before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    op: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)
    wie: Mapped[str] = mapped_column(String(200))
    rol: Mapped[str] = mapped_column(String(40))
    actie: Mapped[str] = mapped_column(String(60))
    entiteit: Mapped[str] = mapped_column(String(40))
    sleutel: Mapped[str] = mapped_column(String(200))
    bestuur_nummer: Mapped[str | None] = mapped_column(String(5), index=True)
    swv_code: Mapped[str | None] = mapped_column(String(20), index=True)
    brin: Mapped[str | None] = mapped_column(String(4), index=True)
    voor: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    na: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
