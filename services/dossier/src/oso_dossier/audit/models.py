"""Audit log: one row per action, without personal data (ids and codes only); survives retention."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import DateTime, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from oso_dossier.models import Base
from oso_shared.db import utcnow


class AuditRegel(Base):
    """Who did what, when, to which leerling or dossier."""

    __tablename__ = "audit"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    op: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now(), index=True
    )
    actor: Mapped[str] = mapped_column(String(200))
    rol: Mapped[str] = mapped_column(String(40))
    school: Mapped[str | None] = mapped_column(String(4), index=True)
    actie: Mapped[str] = mapped_column(String(60))
    leerling_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    dossier_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
