"""SQL of mandates."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oso_registry.mandaten.models import Mandaat


async def list(
    session: AsyncSession, brins: Sequence[str], *, inclusief_ingetrokken: bool = False
) -> Sequence[Mandaat]:
    """Mandates of these schools, oldest first."""
    stmt = (
        select(Mandaat)
        .where(Mandaat.brin.in_(brins))
        .order_by(Mandaat.brin, Mandaat.dienst, Mandaat.systeem, Mandaat.verleend_op)
    )
    if not inclusief_ingetrokken:
        stmt = stmt.where(Mandaat.ingetrokken_op.is_(None))
    return (await session.scalars(stmt)).all()


async def get_active(session: AsyncSession, brin: str, dienst: str, systeem: str) -> Mandaat | None:
    """The active mandate of this pair, locked for change."""
    stmt = (
        select(Mandaat)
        .where(
            Mandaat.brin == brin,
            Mandaat.dienst == dienst,
            Mandaat.systeem == systeem,
            Mandaat.ingetrokken_op.is_(None),
        )
        .with_for_update()
    )
    return (await session.scalars(stmt)).first()


async def list_active_pairs(session: AsyncSession, brins: Sequence[str]) -> dict[str, set[tuple[str, str]]]:
    """Per school the active (dienst, systeem) pairs."""
    stmt = select(Mandaat.brin, Mandaat.dienst, Mandaat.systeem).where(
        Mandaat.brin.in_(brins), Mandaat.ingetrokken_op.is_(None)
    )
    paren: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for brin, dienst, systeem in (await session.execute(stmt)).all():
        paren[brin].add((dienst, systeem))
    return paren


async def add(session: AsyncSession, brin: str, dienst: str, systeem: str, door: str) -> Mandaat | None:
    """Insert an active mandate unless one exists (race-safe); None when it was already there."""
    stmt = (
        insert(Mandaat)
        .values(id=uuid.uuid4(), brin=brin, dienst=dienst, systeem=systeem, verleend_door=door)
        .on_conflict_do_nothing(
            index_elements=["brin", "dienst", "systeem"], index_where=Mandaat.ingetrokken_op.is_(None)
        )
        .returning(Mandaat)
    )
    return (await session.scalars(stmt)).first()
