"""Table of received notifications; the fetched dossier is kept here (deferred, never loaded by accident)."""

from __future__ import annotations

import datetime as dt
import enum
import uuid

from sqlalchemy import DateTime, LargeBinary, String, func
from sqlalchemy.orm import Mapped, mapped_column

from oso_shared.db import utcnow
from swv_receiver.models import Base


class NotificatieStatus(enum.StrEnum):
    ONTVANGEN = "ontvangen"
    VERWERKT = "verwerkt"
    GEWEIGERD = "geweigerd"  # the gateway refused the fetch
    AFGEKEURD = "afgekeurd"  # the fetched dossier failed our checks
    SCHOOL_ONBEKEND = "school_onbekend"  # the school is not registered at this SWV


class Notificatie(Base):
    __tablename__ = "notificaties"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    koppelsleutel: Mapped[str] = mapped_column(String(200), unique=True)
    aanleverpunt_id: Mapped[str] = mapped_column(String(64))
    swv_code: Mapped[str] = mapped_column(String(16))
    bron_brin: Mapped[str] = mapped_column(String(4))
    bron_vestigingscode: Mapped[str | None] = mapped_column(String(2))
    ophaal_url: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(24), default=NotificatieStatus.ONTVANGEN)
    reden: Mapped[str | None] = mapped_column(String(200))
    dossier_xml: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True, deferred_raiseload=True)
    dossier_bytes: Mapped[int | None] = mapped_column()
    ontvangen_op: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    opgehaald_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    bijgewerkt_op: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now(), onupdate=utcnow
    )
