"""SQL of leerlingen."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oso_dossier.leerlingen.models import Leerling


async def get(session: AsyncSession, leerling_id: uuid.UUID, brin: str, *, for_update: bool = False) -> Leerling | None:
    """The leerling with this id at this school, or None (other schools' pupils do not exist for the caller)."""
    stmt = select(Leerling).where(Leerling.id == leerling_id, Leerling.brin == brin)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).first()


async def get_any(session: AsyncSession, leerling_id: uuid.UUID) -> Leerling | None:
    """The leerling with this id regardless of school (internal use)."""
    return await session.get(Leerling, leerling_id)


async def get_by_nummer(session: AsyncSession, brin: str, leerlingnummer: str) -> Leerling | None:
    """The leerling with this local number at this school."""
    stmt = select(Leerling).where(Leerling.brin == brin, Leerling.leerlingnummer == leerlingnummer)
    return (await session.scalars(stmt)).first()


async def list(session: AsyncSession, *, brin: str, vestigingscode: str | None = None) -> Sequence[Leerling]:
    """Leerlingen of a school (optionally one vestiging), by number."""
    stmt = select(Leerling).where(Leerling.brin == brin)
    if vestigingscode is not None:
        stmt = stmt.where(Leerling.vestigingscode == vestigingscode)
    return (await session.scalars(stmt.order_by(Leerling.leerlingnummer))).all()


def add(session: AsyncSession, leerling: Leerling) -> None:
    """Stage a new leerling."""
    session.add(leerling)
