"""Tables of the school's inrichting from Magister exports, per schooljaar and vestiging, and the import log.

Foreign keys are checked at commit (DEFERRABLE INITIALLY DEFERRED): one import adds pupils, medewerkers, groepen
and their links in one flush, whose insert order the ORM does not derive from plain foreign keys.

Links (inschrijving, verzorger, mentor, groep) are never deleted by an import: a link absent from a newer snapshot
gets ``beeindigd_op``; a pupil absent from the file gets ``uitgeschreven``. Only "inrichting verwijderen" deletes the
links of one schooljaar; leerlingen and their dossiers always stay.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from oso_dossier.models import Base
from oso_shared.db import utcnow


def _tijdstip() -> Mapped[dt.datetime]:
    return mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())


class _PerSchooljaar:
    """Columns every inrichting row carries: school, vestiging, schooljaar and the import that wrote it last."""

    brin: Mapped[str] = mapped_column(String(4), index=True)
    vestigingscode: Mapped[str] = mapped_column(String(2))
    schooljaar: Mapped[str] = mapped_column(String(9))
    import_id: Mapped[uuid.UUID | None] = mapped_column()


class _Koppeling(_PerSchooljaar):
    """A link that an import ends (``beeindigd_op``) when a newer snapshot no longer has it."""

    leerling_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("leerlingen.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED"), index=True
    )
    begonnen_op: Mapped[dt.datetime] = _tijdstip()
    beeindigd_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Inschrijving(_PerSchooljaar, Base):
    """A pupil's Magister data for one schooljaar: vestiging, ILT-code, leerjaar, klas, e-mail, vertrek."""

    __tablename__ = "leerling_inschrijvingen"
    __table_args__ = (UniqueConstraint("leerling_id", "schooljaar"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    leerling_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("leerlingen.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED"), index=True
    )
    ilt_code: Mapped[str | None] = mapped_column(String(200))
    leerjaar: Mapped[str | None] = mapped_column(String(200))
    klas: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))
    vertrekdatum: Mapped[dt.date | None] = mapped_column(Date)
    uitgeschreven: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    gewijzigd_op: Mapped[dt.datetime] = _tijdstip()


class Medewerker(Base):
    """A teacher or mentor of the school, keyed by the Magister stamnummer (docent nummer)."""

    __tablename__ = "medewerkers"
    __table_args__ = (UniqueConstraint("brin", "nummer"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    brin: Mapped[str] = mapped_column(String(4), index=True)
    nummer: Mapped[str] = mapped_column(String(200))
    roepnaam: Mapped[str | None] = mapped_column(String(200))
    tussenvoegsel: Mapped[str | None] = mapped_column(String(200))
    achternaam: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))


class Groep(_PerSchooljaar, Base):
    """A lesgroep or klas of one vestiging and schooljaar, with its docent."""

    __tablename__ = "groepen"
    __table_args__ = (UniqueConstraint("brin", "schooljaar", "vestigingscode", "code"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    code: Mapped[str] = mapped_column(String(200))
    docent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("medewerkers.id", ondelete="SET NULL", deferrable=True, initially="DEFERRED")
    )
    begonnen_op: Mapped[dt.datetime] = _tijdstip()
    beeindigd_op: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class LeerlingGroep(_Koppeling, Base):
    """Pupil ↔ groep (the koppel file)."""

    __tablename__ = "leerling_groepen"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    groep_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("groepen.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED"), index=True
    )


class LeerlingMentor(_Koppeling, Base):
    """Pupil ↔ mentor: ``soort`` is ``klassementor`` (1 and 2) or ``persoonlijk``."""

    __tablename__ = "leerling_mentoren"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    medewerker_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("medewerkers.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED"), index=True
    )
    soort: Mapped[str] = mapped_column(String(20))
    volgnummer: Mapped[int] = mapped_column(Integer)


class Verzorger(_Koppeling, Base):
    """Ouder/verzorger 1, 2 or 3 of a pupil as Magister exports them."""

    __tablename__ = "verzorgers"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    volgnummer: Mapped[int] = mapped_column(Integer)
    voorletters: Mapped[str | None] = mapped_column(String(200))
    tussenvoegsel: Mapped[str | None] = mapped_column(String(200))
    achternaam: Mapped[str] = mapped_column(String(200))
    geslacht: Mapped[str | None] = mapped_column(String(1))
    email: Mapped[str | None] = mapped_column(String(200))
    post_ontvangen: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")


class LeerlingImport(Base):
    """One import (tested or read in): who, when, which file (hash only), the outcome and the counts."""

    __tablename__ = "leerlingimporten"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    brin: Mapped[str] = mapped_column(String(4), index=True)
    vestigingscode: Mapped[str] = mapped_column(String(2))
    schooljaar: Mapped[str] = mapped_column(String(9))
    soort: Mapped[str] = mapped_column(String(20))
    modus: Mapped[str] = mapped_column(String(10))
    tekenset: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    regels: Mapped[int] = mapped_column(Integer)
    aantallen: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    bestand_sha256: Mapped[str] = mapped_column(String(64))
    door: Mapped[str] = mapped_column(String(200))
    op: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now(), index=True
    )


class ImportLogregel(Base):
    """One line of an import's log: the file's line number, the column, Fout/Waarschuwing/Info and the text."""

    __tablename__ = "leerlingimport_logregels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    import_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("leerlingimporten.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED"), index=True
    )
    regel: Mapped[int] = mapped_column(Integer)
    kolom: Mapped[str | None] = mapped_column(String(80))
    soort: Mapped[str] = mapped_column(String(12))
    melding: Mapped[str] = mapped_column(Text)
