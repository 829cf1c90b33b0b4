"""Tables of systemen, diensten, besturen, scholen and vestigingen."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from oso_registry.models import Base

SOORT_SCHOOL = "school"
SOORT_SWV = "swv"


class Systeem(Base):
    """A vendor system that can hold a mandate: a school system (Magister) or an SWV system (Kindkans)."""

    __tablename__ = "systemen"
    __table_args__ = (CheckConstraint("soort IN ('school', 'swv')", name="soort"),)

    naam: Mapped[str] = mapped_column(String(60), primary_key=True)
    soort: Mapped[str] = mapped_column(String(10))


class Dienst(Base):
    """An OSO service a mandate is granted for (OSO-SWV, OSO-OV)."""

    __tablename__ = "diensten"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    omschrijving: Mapped[str] = mapped_column(String(200))


class Bestuur(Base):
    """A school board (bevoegd gezag), keyed by its bevoegd-gezagnummer."""

    __tablename__ = "besturen"
    __table_args__ = (CheckConstraint("nummer ~ '^[0-9]{5}$'", name="nummer"),)

    nummer: Mapped[str] = mapped_column(String(5), primary_key=True)
    naam: Mapped[str] = mapped_column(String(200))

    scholen: Mapped[list[School]] = relationship(back_populates="bestuur", lazy="raise", order_by="School.brin")


class School(Base):
    """A school (BRIN4) of a board; ``oso_swv_geregistreerd_*`` is step 3: BRIN registered for OSO-SWV."""

    __tablename__ = "scholen"
    __table_args__ = (CheckConstraint("brin ~ '^[0-9]{2}[A-Z]{2}$'", name="brin"),)

    brin: Mapped[str] = mapped_column(String(4), primary_key=True)
    naam: Mapped[str] = mapped_column(String(200))
    bestuur_nummer: Mapped[str] = mapped_column(ForeignKey("besturen.nummer"), index=True)
    oso_swv_geregistreerd_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    oso_swv_geregistreerd_door: Mapped[str | None] = mapped_column(String(200))

    bestuur: Mapped[Bestuur] = relationship(back_populates="scholen", lazy="raise")
    vestigingen: Mapped[list[Vestiging]] = relationship(
        back_populates="school", lazy="raise", order_by="Vestiging.vestigingscode"
    )


class Vestiging(Base):
    """A location of a school (BRIN6 = BRIN4 + vestigingscode) with its OSO aanleverpunt and address."""

    __tablename__ = "vestigingen"
    __table_args__ = (
        CheckConstraint("vestigingscode ~ '^[0-9]{2}$'", name="vestigingscode"),
        CheckConstraint("aanleverpuntnummer >= 0 AND aanleverpuntnummer <= 99999", name="aanleverpuntnummer"),
    )

    brin: Mapped[str] = mapped_column(ForeignKey("scholen.brin", ondelete="CASCADE"), primary_key=True)
    vestigingscode: Mapped[str] = mapped_column(String(2), primary_key=True)
    naam: Mapped[str] = mapped_column(String(200))
    eigen_omgeving: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    aanleverpuntnummer: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # NULL means the school has not set the aanleverpunt yet (step 3), even though the number defaults to 0.
    aanleverpunt_ingesteld_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    straat: Mapped[str | None] = mapped_column(String(200))
    huisnummer: Mapped[str | None] = mapped_column(String(20))
    postcode: Mapped[str | None] = mapped_column(String(7))
    plaats: Mapped[str | None] = mapped_column(String(100))
    telefoon: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))
    gewijzigd_op: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    school: Mapped[School] = relationship(back_populates="vestigingen", lazy="raise")
