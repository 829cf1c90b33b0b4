"""Table of leerlingen: identifying columns, the encrypted PGN, the dossier data as JSON and the school's notes."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import DateTime, LargeBinary, String, Text, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from oso_dossier.models import Base
from oso_shared.db import utcnow


class Leerling(Base):
    """A pupil of one school (BRIN4) and vestiging; ``gegevens`` follows ``LeerlingGegevens``."""

    __tablename__ = "leerlingen"
    __table_args__ = (UniqueConstraint("brin", "leerlingnummer"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    brin: Mapped[str] = mapped_column(String(4), index=True)
    vestigingscode: Mapped[str] = mapped_column(String(2))
    leerlingnummer: Mapped[str] = mapped_column(String(40))
    bsn_versleuteld: Mapped[bytes | None] = mapped_column(LargeBinary)
    onderwijsnummer_versleuteld: Mapped[bytes | None] = mapped_column(LargeBinary)
    gegevens: Mapped[dict[str, Any]] = mapped_column(JSONB)
    # The school's own notes: outside ``gegevens`` so no dossier (XML, PDF, snapshot) ever carries them.
    vrije_info: Mapped[str | None] = mapped_column(Text)
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    gewijzigd_op: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
