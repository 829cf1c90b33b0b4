"""Tables of VO-SWV dossiers and their timeline (the outbox towards the oso-gateway is in ``oso_dossier.outbox``)."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, deferred, mapped_column

from oso_dossier.models import Base
from oso_shared.db import utcnow


class Status(enum.StrEnum):
    """The states of a dossier, from concept to the end of its exchange."""

    CONCEPT = "concept"
    GEVALIDEERD = "gevalideerd"
    OPVRAAGBAAR = "opvraagbaar"
    NOTIFICATIE_VERZONDEN = "notificatie_verzonden"
    OPGEHAALD = "opgehaald"
    TERUGGEKOPPELD = "teruggekoppeld"
    MISLUKT = "mislukt"


# Order of the exchange states: gateway events only ever move a dossier forward.
RANG = {
    Status.CONCEPT: 0,
    Status.GEVALIDEERD: 1,
    Status.OPVRAAGBAAR: 2,
    Status.NOTIFICATIE_VERZONDEN: 3,
    Status.OPGEHAALD: 4,
    Status.TERUGGEKOPPELD: 5,
    Status.MISLUKT: 6,
}
BEVROREN = frozenset(
    {Status.OPVRAAGBAAR, Status.NOTIFICATIE_VERZONDEN, Status.OPGEHAALD, Status.TERUGGEKOPPELD, Status.MISLUKT}
)
AFGESLOTEN = frozenset({Status.OPGEHAALD, Status.TERUGGEKOPPELD, Status.MISLUKT})


class Dossier(Base):
    """A VO-SWV dossier of one leerling, sent to one SWV aanleverpunt."""

    __tablename__ = "dossiers"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    leerling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("leerlingen.id"), index=True)
    brin: Mapped[str] = mapped_column(String(4), index=True)
    vestigingscode: Mapped[str] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(32), default=Status.CONCEPT)
    # Snapshot of the registry's school/vestiging (huidigeschool) and the chosen aanleverpunt doel.
    school: Mapped[dict[str, Any]] = mapped_column(JSONB)
    aanleverpunt: Mapped[dict[str, Any]] = mapped_column(JSONB)
    opties: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    categorieen: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    vorige_dossier_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("dossiers.id"))
    voltooid_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    xml: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    xml_sha256: Mapped[str | None] = mapped_column(String(64))
    xml_grootte: Mapped[int | None] = mapped_column(Integer)
    gegenereerd_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # Hash of the inputs (leerling, dossier choices, bijlagen) the XML was generated from.
    bron_hash: Mapped[str | None] = mapped_column(String(64))
    validatie: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    gevalideerd_xml_sha256: Mapped[str | None] = mapped_column(String(64))
    aflevering_id: Mapped[uuid.UUID | None] = mapped_column(unique=True)
    mislukt_reden: Mapped[str | None] = mapped_column(Text)
    terugkoppeling: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    aangemaakt_door: Mapped[str] = mapped_column(String(200))
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    gewijzigd_op: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    afgesloten_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    opgeschoond_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Gebeurtenis(Base):
    """One step on a dossier's timeline: state reached, when, by whom, and why (mislukt)."""

    __tablename__ = "dossier_gebeurtenissen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id"), index=True)
    soort: Mapped[str] = mapped_column(String(40))
    op: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    door: Mapped[str] = mapped_column(String(200))
    reden: Mapped[str | None] = mapped_column(Text)
    # Set for events received from the gateway: makes POST /v1/intern/gebeurtenissen idempotent.
    extern_id: Mapped[uuid.UUID | None] = mapped_column(unique=True)
    gegevens: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
