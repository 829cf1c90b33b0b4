"""Schools registered at an SWV; a missing vestigingscode registers the whole BRIN."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from oso_shared.db import utcnow
from swv_receiver.models import Base


class AangemeldeSchool(Base):
    __tablename__ = "scholen"
    __table_args__ = (UniqueConstraint("swv_code", "brin", "vestigingscode", postgresql_nulls_not_distinct=True),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    swv_code: Mapped[str] = mapped_column(String(16))
    brin: Mapped[str] = mapped_column(String(4))
    vestigingscode: Mapped[str | None] = mapped_column(String(2))
    naam: Mapped[str | None] = mapped_column(String(200))
    aangemeld_op: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
