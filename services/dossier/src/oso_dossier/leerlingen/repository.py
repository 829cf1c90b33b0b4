"""SQL of leerlingen."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
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


def _niet_onder(column: Any, prefix: bytes) -> ColumnElement[bool]:
    return and_(column.is_not(None), func.substring(column, 1, len(prefix)) != prefix)


async def list_niet_actueel(session: AsyncSession, prefix: bytes, *, limit: int) -> Sequence[Leerling]:
    """Leerlingen with a BSN or onderwijsnummer not stored under the key ``prefix`` names, locked, by id."""
    stmt = (
        select(Leerling)
        .where(
            or_(
                _niet_onder(Leerling.bsn_versleuteld, prefix),
                _niet_onder(Leerling.onderwijsnummer_versleuteld, prefix),
            )
        )
        .order_by(Leerling.id)
        .limit(limit)
        .with_for_update()
    )
    return (await session.scalars(stmt)).all()
