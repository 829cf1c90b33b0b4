"""SQL of leerlingimporten and the inrichting they write (one school, one schooljaar, one vestiging at a time)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from oso_dossier.leerlingen.models import Leerling
from oso_dossier.leerlingimporten.models import (
    Groep,
    ImportLogregel,
    Inschrijving,
    LeerlingGroep,
    LeerlingImport,
    LeerlingMentor,
    Medewerker,
    Verzorger,
)
from oso_dossier.leerlingimporten.parsing import Melding

K = TypeVar("K", LeerlingGroep, LeerlingMentor, Verzorger)


async def get(session: AsyncSession, import_id: uuid.UUID, brin: str) -> LeerlingImport | None:
    """The import with this id of this school, or None."""
    stmt = select(LeerlingImport).where(LeerlingImport.id == import_id, LeerlingImport.brin == brin)
    return (await session.scalars(stmt)).first()


async def list(
    session: AsyncSession, *, brin: str, soort: str | None = None, limit: int = 100
) -> Sequence[LeerlingImport]:
    """The school's imports, newest first."""
    stmt = select(LeerlingImport).where(LeerlingImport.brin == brin)
    if soort is not None:
        stmt = stmt.where(LeerlingImport.soort == soort)
    return (await session.scalars(stmt.order_by(LeerlingImport.op.desc()).limit(limit))).all()


async def add(session: AsyncSession, leerlingimport: LeerlingImport, meldingen: Iterable[Melding]) -> None:
    """Store an import and its log in one multi-row insert."""
    session.add(leerlingimport)
    await session.flush()
    rijen = [
        {"import_id": leerlingimport.id, "regel": m.regel, "kolom": m.kolom, "soort": m.soort, "melding": m.melding}
        for m in meldingen
    ]
    if rijen:
        await session.execute(insert(ImportLogregel), rijen)


async def list_log(session: AsyncSession, import_id: uuid.UUID) -> Sequence[ImportLogregel]:
    """The log of one import in file order."""
    stmt = select(ImportLogregel).where(ImportLogregel.import_id == import_id).order_by(ImportLogregel.id)
    return (await session.scalars(stmt)).all()


async def list_leerlingen(session: AsyncSession, *, brin: str) -> Sequence[Leerling]:
    """Every leerling of the school (the file may name any of them)."""
    return (await session.scalars(select(Leerling).where(Leerling.brin == brin))).all()


async def list_inschrijvingen(session: AsyncSession, *, brin: str, schooljaar: str) -> Sequence[Inschrijving]:
    """The school's inschrijvingen of one schooljaar (all vestigingen: a pupil may move between them)."""
    stmt = select(Inschrijving).where(Inschrijving.brin == brin, Inschrijving.schooljaar == schooljaar)
    return (await session.scalars(stmt)).all()


async def list_medewerkers(session: AsyncSession, *, brin: str) -> Sequence[Medewerker]:
    """The school's medewerkers."""
    return (await session.scalars(select(Medewerker).where(Medewerker.brin == brin))).all()


async def list_groepen(session: AsyncSession, *, brin: str, schooljaar: str, vestigingscode: str) -> Sequence[Groep]:
    """The groepen of one vestiging and schooljaar, ended ones included (an import may revive them)."""
    stmt = select(Groep).where(
        Groep.brin == brin, Groep.schooljaar == schooljaar, Groep.vestigingscode == vestigingscode
    )
    return (await session.scalars(stmt.order_by(Groep.code))).all()


async def list_actief(
    session: AsyncSession, model: type[K], *, brin: str, schooljaar: str, vestigingscode: str
) -> Sequence[K]:
    """The links of one kind that have not ended, for one vestiging and schooljaar."""
    stmt = select(model).where(
        model.brin == brin,
        model.schooljaar == schooljaar,
        model.vestigingscode == vestigingscode,
        model.beeindigd_op.is_(None),
    )
    return (await session.scalars(stmt)).all()


async def end_groepkoppelingen(session: AsyncSession, groep_ids: Sequence[uuid.UUID], op: dt.datetime) -> None:
    """End the running pupil links of groepen that ended."""
    if groep_ids:
        stmt = update(LeerlingGroep).where(LeerlingGroep.groep_id.in_(groep_ids), LeerlingGroep.beeindigd_op.is_(None))
        await session.execute(stmt.values(beeindigd_op=op))


async def remove_inrichting(
    session: AsyncSession, *, brin: str, schooljaar: str, vestigingscode: str | None
) -> dict[str, int]:
    """Delete the inrichting of one schooljaar (optionally one vestiging); leerlingen and dossiers stay."""
    aantallen: dict[str, int] = {}
    tabellen: tuple[Any, ...] = (LeerlingGroep, LeerlingMentor, Verzorger, Groep, Inschrijving)
    for model in tabellen:
        stmt = delete(model).where(model.brin == brin, model.schooljaar == schooljaar)
        if vestigingscode is not None:
            stmt = stmt.where(model.vestigingscode == vestigingscode)
        result = await session.execute(stmt.returning(model.id))
        aantallen[model.__tablename__] = len(result.all())
    return aantallen


async def list_export_leerlingen(
    session: AsyncSession, *, brin: str, schooljaar: str, vestigingscode: str
) -> Sequence[tuple[Leerling, Inschrijving]]:
    """Pupils with a current inschrijving at this vestiging and schooljaar, by number."""
    stmt = (
        select(Leerling, Inschrijving)
        .join(Inschrijving, Inschrijving.leerling_id == Leerling.id)
        .where(
            Inschrijving.brin == brin,
            Inschrijving.schooljaar == schooljaar,
            Inschrijving.vestigingscode == vestigingscode,
            Inschrijving.uitgeschreven.is_(False),
        )
        .order_by(Leerling.leerlingnummer)
    )
    return [(row[0], row[1]) for row in (await session.execute(stmt)).all()]


async def list_medewerkers_by_id(session: AsyncSession, ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, Medewerker]:
    """Medewerkers by id (docenten of groepen, mentors of pupils)."""
    gezocht = {i for i in ids if i is not None}
    if not gezocht:
        return {}
    stmt = select(Medewerker).where(Medewerker.id.in_(gezocht))
    return {m.id: m for m in (await session.scalars(stmt)).all()}


async def list_export_koppel(
    session: AsyncSession, *, brin: str, schooljaar: str, vestigingscode: str
) -> Sequence[tuple[str, str]]:
    """(groep code, leerlingnummer) of the running pupil links of one vestiging and schooljaar."""
    stmt = (
        select(Groep.code, Leerling.leerlingnummer)
        .join(LeerlingGroep, LeerlingGroep.groep_id == Groep.id)
        .join(Leerling, Leerling.id == LeerlingGroep.leerling_id)
        .where(
            Groep.brin == brin,
            Groep.schooljaar == schooljaar,
            Groep.vestigingscode == vestigingscode,
            LeerlingGroep.beeindigd_op.is_(None),
            Groep.beeindigd_op.is_(None),
        )
        .order_by(Groep.code, Leerling.leerlingnummer)
    )
    return [(row[0], row[1]) for row in (await session.execute(stmt)).all()]


async def list_voor_leerling(session: AsyncSession, model: type[K], leerling_id: uuid.UUID) -> Sequence[K]:
    """The running links of one kind of one pupil (all schooljaren), newest first."""
    stmt = select(model).where(model.leerling_id == leerling_id, model.beeindigd_op.is_(None))
    return (await session.scalars(stmt.order_by(model.schooljaar.desc()))).all()


async def list_inschrijvingen_van(session: AsyncSession, leerling_id: uuid.UUID) -> Sequence[Inschrijving]:
    """One pupil's inschrijvingen, newest schooljaar first."""
    stmt = select(Inschrijving).where(Inschrijving.leerling_id == leerling_id)
    return (await session.scalars(stmt.order_by(Inschrijving.schooljaar.desc()))).all()


async def list_groepen_van(session: AsyncSession, leerling_id: uuid.UUID) -> Sequence[Groep]:
    """The groepen a pupil is in now (running links of running groepen)."""
    stmt = (
        select(Groep)
        .join(LeerlingGroep, LeerlingGroep.groep_id == Groep.id)
        .where(
            LeerlingGroep.leerling_id == leerling_id,
            LeerlingGroep.beeindigd_op.is_(None),
            Groep.beeindigd_op.is_(None),
        )
        .order_by(Groep.schooljaar.desc(), Groep.code)
    )
    return (await session.scalars(stmt)).all()
