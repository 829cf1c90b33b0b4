"""SQL of hulpvragen, bijlagen and terugkoppelingen."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import cast

from sqlalchemy import Table, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload, undefer

from swv_receiver.hulpvragen.models import Bijlage, Hulpvraag, Terugkoppeling


async def list(
    session: AsyncSession, swv_code: str, status: str | None, limit: int, offset: int
) -> tuple[Sequence[Hulpvraag], int]:
    """A page of one SWV's hulpvragen, newest first, and the total count."""
    where = [Hulpvraag.swv_code == swv_code]
    if status is not None:
        where.append(Hulpvraag.status == status)
    stmt = select(Hulpvraag).where(*where).order_by(Hulpvraag.aangemaakt_op.desc(), Hulpvraag.id).limit(limit)
    rows = (await session.scalars(stmt.offset(offset))).all()
    totaal = (await session.execute(select(func.count()).select_from(Hulpvraag).where(*where))).scalar_one()
    return rows, int(totaal)


async def get(session: AsyncSession, hulpvraag_id: uuid.UUID, *, for_update: bool = False) -> Hulpvraag | None:
    """One hulpvraag with its bijlagen and terugkoppelingen."""
    stmt = (
        select(Hulpvraag)
        .where(Hulpvraag.id == hulpvraag_id)
        .options(selectinload(Hulpvraag.bijlagen), selectinload(Hulpvraag.terugkoppelingen))
    )
    if for_update:
        stmt = stmt.with_for_update(of=Hulpvraag)
    return (await session.scalars(stmt)).first()


async def add(session: AsyncSession, **velden: object) -> uuid.UUID | None:
    """Insert the hulpvraag of a notification; None when that notification already has one."""
    tabel = cast(Table, Hulpvraag.__table__)  # a Core insert: the ORM-enabled one costs far more CPU
    stmt = (
        insert(tabel)
        .values(id=uuid.uuid4(), **velden)
        .on_conflict_do_nothing(index_elements=["notificatie_id"])
        .returning(tabel.c.id)
    )
    return cast(uuid.UUID | None, (await session.execute(stmt)).scalar_one_or_none())


async def get_bijlage(session: AsyncSession, hulpvraag_id: uuid.UUID, bijlage_id: uuid.UUID) -> Bijlage | None:
    """One bijlage with its content."""
    stmt = (
        select(Bijlage)
        .where(Bijlage.id == bijlage_id, Bijlage.hulpvraag_id == hulpvraag_id)
        .options(undefer(Bijlage.inhoud))
    )
    return (await session.scalars(stmt)).first()


async def get_terugkoppeling_for_send(session: AsyncSession, terugkoppeling_id: uuid.UUID) -> Terugkoppeling | None:
    """A terugkoppeling with its hulpvraag and notification (for the koppelsleutel), locked."""
    stmt = (
        select(Terugkoppeling)
        .where(Terugkoppeling.id == terugkoppeling_id)
        .options(selectinload(Terugkoppeling.hulpvraag).selectinload(Hulpvraag.notificatie))
        .with_for_update(of=Terugkoppeling)
    )
    return (await session.scalars(stmt)).first()


def add_bijlage(session: AsyncSession, bijlage: Bijlage) -> None:
    """Stage a new bijlage in the caller's transaction."""
    session.add(bijlage)


def add_terugkoppeling(session: AsyncSession, terugkoppeling: Terugkoppeling) -> None:
    """Stage a new terugkoppeling in the caller's transaction."""
    session.add(terugkoppeling)
