"""Tables of a delivery: its routing and state, and (separately, so it is never loaded by accident) its XML."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from oso_gateway.models import Base
from oso_shared.db import utcnow


class AfleveringStatus(enum.StrEnum):
    AANGEMAAKT = "aangemaakt"
    NOTIFICATIE_VERZONDEN = "notificatie_verzonden"
    OPGEHAALD = "opgehaald"
    TERUGGEKOPPELD = "teruggekoppeld"
    MISLUKT = "mislukt"


class Aflevering(Base):
    """One dossier made opvraagbaar for one SWV aanleverpunt."""

    __tablename__ = "afleveringen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    dossier_id: Mapped[str] = mapped_column(String(100))
    dienst: Mapped[str] = mapped_column(String(40))
    bron_brin: Mapped[str] = mapped_column(String(4))
    bron_vestigingscode: Mapped[str | None] = mapped_column(String(2))
    bron_systeem: Mapped[str] = mapped_column(String(100))
    aanleverpunt_id: Mapped[uuid.UUID] = mapped_column(index=True)
    aanleverpunt_nummer: Mapped[str] = mapped_column(String(40))
    routeringskenmerk: Mapped[str] = mapped_column(String(40))
    swv_code: Mapped[str] = mapped_column(String(40))
    endpoint: Mapped[str] = mapped_column(String(2000))
    # sha256 (hex) of the koppelsleutel: the key itself is never stored in this table.
    koppelsleutel_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(32), default=AfleveringStatus.AANGEMAAKT)
    # The 201 body, replayed verbatim (with 200) for a repeated Idempotency-Key.
    antwoord: Mapped[dict[str, Any]] = mapped_column(JSONB)
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    notificatie_verzonden_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    opgehaald_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    teruggekoppeld_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    mislukt_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    inhoud_verwijderd_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class DossierInhoud(Base):
    """The OSO dossier XML of a delivery; the row is deleted when the retention has passed."""

    __tablename__ = "dossierinhoud"

    aflevering_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("afleveringen.id", ondelete="CASCADE"), primary_key=True
    )
    xml: Mapped[bytes] = mapped_column(LargeBinary)
    grootte: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
