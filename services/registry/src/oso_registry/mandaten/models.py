"""Table of OSR mandates; revocation is soft (who/when kept), at most one active row per pair."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, ForeignKey, Index, String, func, text
from sqlalchemy.orm import Mapped, mapped_column

from oso_registry.models import Base


class Mandaat(Base):
    """A mandate of a school (BRIN4) for a (dienst, systeem) pair; active while ``ingetrokken_op`` is NULL."""

    __tablename__ = "mandaten"
    __table_args__ = (
        Index(
            "uq_mandaten_actief",
            "brin",
            "dienst",
            "systeem",
            unique=True,
            postgresql_where=text("ingetrokken_op IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    brin: Mapped[str] = mapped_column(ForeignKey("scholen.brin", ondelete="CASCADE"))
    dienst: Mapped[str] = mapped_column(ForeignKey("diensten.code"))
    systeem: Mapped[str] = mapped_column(ForeignKey("systemen.naam"))
    verleend_op: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    verleend_door: Mapped[str] = mapped_column(String(200))
    ingetrokken_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    ingetrokken_door: Mapped[str | None] = mapped_column(String(200))
