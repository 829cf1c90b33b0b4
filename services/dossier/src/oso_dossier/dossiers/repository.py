"""SQL of dossiers and their timeline."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection, Sequence
from typing import cast

from sqlalchemy import Table, delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from oso_dossier.dossiers.models import AFGESLOTEN, Dossier, Gebeurtenis


async def get(
    session: AsyncSession, dossier_id: uuid.UUID, brin: str, *, for_update: bool = False, met_xml: bool = False
) -> Dossier | None:
    """The dossier of this school, or None (other schools' dossiers do not exist for the caller)."""
    stmt = select(Dossier).where(Dossier.id == dossier_id, Dossier.brin == brin)
    if met_xml:
        stmt = stmt.options(undefer(Dossier.xml))
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).first()


async def get_by_aflevering(
    session: AsyncSession, aflevering_id: uuid.UUID, *, for_update: bool = False
) -> Dossier | None:
    """The dossier of a gateway delivery."""
    stmt = select(Dossier).where(Dossier.aflevering_id == aflevering_id)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).first()


async def list_by_afleveringen(session: AsyncSession, aflevering_ids: Collection[uuid.UUID]) -> Sequence[Dossier]:
    """The dossiers of several gateway deliveries, locked in id order (two bundles never deadlock)."""
    if not aflevering_ids:
        return []
    stmt = select(Dossier).where(Dossier.aflevering_id.in_([*aflevering_ids])).order_by(Dossier.id).with_for_update()
    return (await session.scalars(stmt)).all()


async def get_xml(session: AsyncSession, dossier_id: uuid.UUID) -> bytes | None:
    """Only the stored XML of a dossier."""
    return (await session.execute(select(Dossier.xml).where(Dossier.id == dossier_id))).scalar_one_or_none()


async def list(session: AsyncSession, *, brin: str, leerling_id: uuid.UUID | None = None) -> Sequence[Dossier]:
    """Dossiers of a school (optionally of one leerling), newest first."""
    stmt = select(Dossier).where(Dossier.brin == brin)
    if leerling_id is not None:
        stmt = stmt.where(Dossier.leerling_id == leerling_id)
    return (await session.scalars(stmt.order_by(Dossier.aangemaakt_op.desc()))).all()


def add(session: AsyncSession, obj: Dossier | Gebeurtenis) -> None:
    """Stage a new row."""
    session.add(obj)


async def add_extern(session: AsyncSession, gebeurtenissen: Sequence[Gebeurtenis]) -> set[uuid.UUID]:
    """Insert gateway events in one statement, skipping ids seen before; returns the external ids inserted."""
    if not gebeurtenissen:
        return set()
    table = cast(Table, Gebeurtenis.__table__)
    stmt = (
        insert(table)
        .values(
            [
                {
                    "id": g.id,
                    "dossier_id": g.dossier_id,
                    "soort": g.soort,
                    "op": g.op,
                    "door": g.door,
                    "reden": g.reden,
                    "extern_id": g.extern_id,
                    "gegevens": g.gegevens,
                }
                for g in gebeurtenissen
            ]
        )
        .on_conflict_do_nothing(index_elements=["extern_id"])
        .returning(table.c.extern_id)
    )
    return set((await session.scalars(stmt)).all())


async def list_gebeurtenissen(session: AsyncSession, dossier_id: uuid.UUID) -> Sequence[Gebeurtenis]:
    """Timeline of a dossier, in order."""
    stmt = select(Gebeurtenis).where(Gebeurtenis.dossier_id == dossier_id).order_by(Gebeurtenis.op, Gebeurtenis.id)
    return (await session.scalars(stmt)).all()


async def remove(session: AsyncSession, dossier_id: uuid.UUID) -> None:
    """Delete a draft dossier and its timeline (bijlagen are removed by the caller first)."""
    await session.execute(delete(Gebeurtenis).where(Gebeurtenis.dossier_id == dossier_id))
    await session.execute(delete(Dossier).where(Dossier.id == dossier_id))


async def list_verlopen(session: AsyncSession, grens: dt.datetime, limit: int = 500) -> Sequence[Dossier]:
    """Closed dossiers past the retention limit whose content is still there."""
    stmt = (
        select(Dossier)
        .where(
            Dossier.status.in_([s.value for s in AFGESLOTEN]),
            Dossier.afgesloten_op < grens,
            Dossier.opgeschoond_op.is_(None),
        )
        .order_by(Dossier.afgesloten_op)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return (await session.scalars(stmt)).all()


async def clear_inhoud(session: AsyncSession, dossier_id: uuid.UUID, op: dt.datetime) -> None:
    """Drop the content of a dossier, keeping ids, states and timestamps."""
    await session.execute(
        update(Dossier)
        .where(Dossier.id == dossier_id)
        .values(xml=None, opties={}, school={}, terugkoppeling=None, validatie=None, opgeschoond_op=op)
    )
    # Terugkoppeling texts on the timeline are content too; the steps themselves stay.
    await session.execute(update(Gebeurtenis).where(Gebeurtenis.dossier_id == dossier_id).values(gegevens=None))
