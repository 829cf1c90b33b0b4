"""SQL of bijlagen, including the PostgreSQL large-object calls that hold their bytes (transactional)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from oso_dossier.bijlagen.models import Bijlage


async def list(session: AsyncSession, dossier_id: uuid.UUID) -> Sequence[Bijlage]:
    """Bijlagen of a dossier, oldest first."""
    stmt = select(Bijlage).where(Bijlage.dossier_id == dossier_id).order_by(Bijlage.aangemaakt_op, Bijlage.id)
    return (await session.scalars(stmt)).all()


async def get(session: AsyncSession, dossier_id: uuid.UUID, bijlage_id: uuid.UUID) -> Bijlage | None:
    """One bijlage of a dossier."""
    stmt = select(Bijlage).where(Bijlage.id == bijlage_id, Bijlage.dossier_id == dossier_id)
    return (await session.scalars(stmt)).first()


async def get_totale_grootte(session: AsyncSession, dossier_id: uuid.UUID) -> int:
    """Sum of the sizes of a dossier's bijlagen."""
    stmt = select(func.coalesce(func.sum(Bijlage.grootte), 0)).where(Bijlage.dossier_id == dossier_id)
    return int((await session.execute(stmt)).scalar_one())


def add(session: AsyncSession, bijlage: Bijlage) -> None:
    """Stage a new bijlage row."""
    session.add(bijlage)


async def remove(session: AsyncSession, bijlage: Bijlage) -> None:
    """Delete the row and its large object."""
    await lo_unlink(session, bijlage.lo_oid)
    await session.execute(delete(Bijlage).where(Bijlage.id == bijlage.id))


async def lo_create(session: AsyncSession) -> int:
    """A new, empty large object; rolled back with the transaction."""
    return int((await session.execute(text("SELECT lo_create(0)"))).scalar_one())


async def lo_put(session: AsyncSession, oid: int, offset: int, data: bytes) -> None:
    """Write ``data`` at ``offset`` of the large object."""
    await session.execute(text("SELECT lo_put(:oid, :off, :data)"), {"oid": oid, "off": offset, "data": data})


async def lo_get(session: AsyncSession, oid: int, offset: int, length: int) -> bytes:
    """Read up to ``length`` bytes from ``offset``."""
    result = await session.execute(text("SELECT lo_get(:oid, :off, :len)"), {"oid": oid, "off": offset, "len": length})
    return bytes(result.scalar_one())


async def lo_unlink(session: AsyncSession, oid: int) -> None:
    """Drop a large object."""
    await session.execute(text("SELECT lo_unlink(:oid)"), {"oid": oid})
