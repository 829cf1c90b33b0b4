"""Tables of samenwerkingsverbanden, their aanleverpunten and their school registrations."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column, relationship

from oso_registry.models import Base


class Samenwerkingsverband(Base):
    """An SWV: code, name and the (SWV) system it uses."""

    __tablename__ = "samenwerkingsverbanden"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    naam: Mapped[str] = mapped_column(String(200))
    systeem: Mapped[str] = mapped_column(ForeignKey("systemen.naam"))
    # The SWV's region as postcode prefixes ("30", "3112"): a school outside it needs its board's confirmation.
    regio: Mapped[list[str]] = mapped_column(ARRAY(String(4)), default=list, server_default="{}")

    aanleverpunten: Mapped[list[Aanleverpunt]] = relationship(
        back_populates="swv", lazy="raise", order_by="Aanleverpunt.nummer"
    )


class Aanleverpunt(Base):
    """A numbered delivery point of an SWV (ending in 500) with endpoint, OIN and Ed25519 public key."""

    __tablename__ = "aanleverpunten"
    __table_args__ = (
        CheckConstraint("nummer ~ '^[0-9]{4}[0-9]{0,2}500$'", name="nummer"),
        CheckConstraint("routeringskenmerk ~ '^[0-9A-Z]{20}$'", name="routeringskenmerk"),
        CheckConstraint("oin ~ '^[0-9]{20}$'", name="oin"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    swv_code: Mapped[str] = mapped_column(ForeignKey("samenwerkingsverbanden.code", ondelete="CASCADE"), index=True)
    nummer: Mapped[str] = mapped_column(String(12), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    routeringskenmerk: Mapped[str] = mapped_column(String(20), unique=True)
    endpoint: Mapped[str] = mapped_column(String(500))
    oin: Mapped[str] = mapped_column(String(20))
    publieke_sleutel: Mapped[str] = mapped_column(Text)

    swv: Mapped[Samenwerkingsverband] = relationship(back_populates="aanleverpunten", lazy="raise")


REGISTRATIE_AANGEVRAAGD = "aangevraagd"
REGISTRATIE_ACTIEF = "actief"
REGISTRATIE_AFGEWEZEN = "afgewezen"


class SwvRegistratie(Base):
    """Step 1: the SWV registered a school by BRIN4, or a vestiging with its own environment by BRIN6.

    ``brin`` is deliberately not a foreign key: SWVs also register external schools we do not know. Only an
    ``actief`` registration counts; one outside the SWV's region is ``aangevraagd`` until the board decides.
    """

    __tablename__ = "swv_registraties"
    __table_args__ = (
        UniqueConstraint("swv_code", "brin", "vestigingscode", postgresql_nulls_not_distinct=True),
        CheckConstraint("brin ~ '^[0-9]{2}[A-Z]{2}$'", name="brin"),
        CheckConstraint("vestigingscode ~ '^[0-9]{2}$'", name="vestigingscode"),
        CheckConstraint("status IN ('aangevraagd', 'actief', 'afgewezen')", name="status"),
        Index("ix_swv_registraties_brin", "brin"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    swv_code: Mapped[str] = mapped_column(ForeignKey("samenwerkingsverbanden.code", ondelete="CASCADE"))
    brin: Mapped[str] = mapped_column(String(4))
    vestigingscode: Mapped[str | None] = mapped_column(String(2))
    geregistreerd_op: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    geregistreerd_door: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12), default=REGISTRATIE_ACTIEF, server_default=REGISTRATIE_ACTIEF)
    beoordeeld_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    beoordeeld_door: Mapped[str | None] = mapped_column(String(200))
