"""Tables of the portal's own accounts, server-side sessions and the sign-in attempts of the rate limits."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ARRAY, Boolean, DateTime, ForeignKey, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from oso_portal.models import Base
from oso_shared.db import utcnow


class Gebruiker(Base):
    """A person who signs in to the portal with one role scoped to one board, SWV or school."""

    __tablename__ = "gebruikers"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    gebruikersnaam: Mapped[str] = mapped_column(String(80), unique=True)
    naam: Mapped[str] = mapped_column(String(200))
    wachtwoord_hash: Mapped[str] = mapped_column(String(200))
    rol: Mapped[str] = mapped_column(String(40))
    bestuur: Mapped[str | None] = mapped_column(String(20), nullable=True)
    swv: Mapped[str | None] = mapped_column(String(20), nullable=True)
    school: Mapped[str | None] = mapped_column(String(4), nullable=True)
    rechten: Mapped[list[str]] = mapped_column(ARRAY(String(60)), default=list)
    actief: Mapped[bool] = mapped_column(Boolean, default=True)
    mislukte_pogingen: Mapped[int] = mapped_column(Integer, default=0)
    geblokkeerd_tot: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Sessie(Base):
    """A signed-in browser; the cookie holds a random token, the table only its SHA-256."""

    __tablename__ = "sessies"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    gebruiker_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("gebruikers.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    verloopt_op: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Aanmeldpoging(Base):
    """A sign-in attempt not (yet) proven right, counted by the sliding-window rate limits.

    ``sleutel`` is the SHA-256 of ``account:<name>`` or ``adres:<client address>``: the limits need only
    equality, so the table holds neither user names nor addresses in the clear. A successful sign-in removes its
    own rows, so only wrong attempts keep counting (a school's staff behind one address can all sign in).
    """

    __tablename__ = "aanmeldpogingen"
    __table_args__ = (Index("ix_aanmeldpogingen_sleutel_tijdstip", "sleutel", "tijdstip"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    sleutel: Mapped[str] = mapped_column(String(64))
    tijdstip: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
