"""Hulpvragen, their bijlagen and the terugkoppelingen sent back to the school."""

from __future__ import annotations

import datetime as dt
import enum
import uuid

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from oso_shared.db import utcnow
from swv_receiver.models import Base
from swv_receiver.notificaties.models import Notificatie

NIEUWE_TITEL = "Nog in te vullen…"


class HulpvraagStatus(enum.StrEnum):
    NIEUW = "nieuw"
    TOEGEKEND = "toegekend"
    TERUGGEKOPPELD = "teruggekoppeld"


class AfleverStatus(enum.StrEnum):
    IN_WACHTRIJ = "in_wachtrij"
    VERZONDEN = "verzonden"
    GEWEIGERD = "geweigerd"


class Hulpvraag(Base):
    __tablename__ = "hulpvragen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    # Unique: one notification (one koppelsleutel) yields at most one hulpvraag, whatever the retries.
    notificatie_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("notificaties.id"), unique=True)
    swv_code: Mapped[str] = mapped_column(String(16), index=True)
    aanleverpunt_id: Mapped[str] = mapped_column(String(64))
    brin: Mapped[str] = mapped_column(String(4))
    vestigingscode: Mapped[str | None] = mapped_column(String(2))
    schoolnaam: Mapped[str | None] = mapped_column(String(200))
    overstap: Mapped[str | None] = mapped_column(String(10))
    leerling_naam: Mapped[str | None] = mapped_column(String(300))
    titel: Mapped[str] = mapped_column(String(200), default=NIEUWE_TITEL)
    omschrijving: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=HulpvraagStatus.NIEUW)
    toegekend_door: Mapped[str | None] = mapped_column(String(200))
    toegekend_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    bijgewerkt_op: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now(), onupdate=utcnow
    )

    notificatie: Mapped[Notificatie] = relationship(lazy="raise")
    bijlagen: Mapped[list[Bijlage]] = relationship(
        lazy="raise", back_populates="hulpvraag", order_by="Bijlage.toegevoegd_op"
    )
    terugkoppelingen: Mapped[list[Terugkoppeling]] = relationship(
        lazy="raise", back_populates="hulpvraag", order_by="Terugkoppeling.aangemaakt_op"
    )


class Bijlage(Base):
    __tablename__ = "bijlagen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    hulpvraag_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("hulpvragen.id"), index=True)
    bestandsnaam: Mapped[str] = mapped_column(String(255))
    mediatype: Mapped[str] = mapped_column(String(120))
    grootte: Mapped[int] = mapped_column(Integer)
    inhoud: Mapped[bytes] = mapped_column(LargeBinary, deferred=True, deferred_raiseload=True)
    toegevoegd_door: Mapped[str] = mapped_column(String(200))
    toegevoegd_op: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )

    hulpvraag: Mapped[Hulpvraag] = relationship(lazy="raise", back_populates="bijlagen")


class Terugkoppeling(Base):
    __tablename__ = "terugkoppelingen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    hulpvraag_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("hulpvragen.id"), index=True)
    status: Mapped[str] = mapped_column(String(50))
    bericht: Mapped[str] = mapped_column(Text)
    referentie: Mapped[str | None] = mapped_column(String(200))
    aangemaakt_door: Mapped[str] = mapped_column(String(200))
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    aflevering: Mapped[str] = mapped_column(String(20), default=AfleverStatus.IN_WACHTRIJ)
    reden: Mapped[str | None] = mapped_column(String(200))
    verzonden_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    hulpvraag: Mapped[Hulpvraag] = relationship(lazy="raise", back_populates="terugkoppelingen")
