"""Table of bijlagen; the bytes live in a PostgreSQL large object (streamed in and out, never whole in memory)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column

from oso_dossier.models import Base
from oso_shared.db import utcnow


class Bijlage(Base):
    """A document attached to a draft dossier."""

    __tablename__ = "bijlagen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"), index=True)
    bestandsnaam: Mapped[str] = mapped_column(String(255))
    omschrijving: Mapped[str | None] = mapped_column(String(500))
    soort: Mapped[str] = mapped_column(String(10))
    mediatype: Mapped[str] = mapped_column(String(120))
    grootte: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    lo_oid: Mapped[int] = mapped_column(BigInteger)
    aangemaakt_door: Mapped[str] = mapped_column(String(200))
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
