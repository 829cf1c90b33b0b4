"""SQL over the gateway outbox: admin listing and retry, and the figures behind ``/metrics``."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from oso_gateway.outbox.models import Outbox
from oso_shared.outbox import DEAD, PENDING


async def list(session: AsyncSession, *, only_dead: bool, limit: int) -> Sequence[Outbox]:
    """Outbox rows (dead letters only, or all), newest first."""
    stmt = select(Outbox).order_by(Outbox.created_at.desc()).limit(limit)
    if only_dead:
        stmt = stmt.where(Outbox.status == DEAD)
    return (await session.scalars(stmt)).all()


async def retry_dead(session: AsyncSession, ids: Sequence[uuid.UUID] | None) -> int:
    """Back to pending with a fresh budget: all dead letters, or those whose row or aflevering id is given."""
    stmt = (
        update(Outbox)
        .where(Outbox.status == DEAD)
        .values(status=PENDING, attempts=0, next_attempt_at=func.now(), last_error=None)
    )
    if ids is not None:
        texts = [str(i) for i in ids]
        stmt = stmt.where(or_(Outbox.id.in_(ids), Outbox.payload["aflevering_id"].astext.in_(texts)))
    result = await session.execute(stmt)
    return int(result.rowcount)  # type: ignore[attr-defined]


async def figures(session: AsyncSession) -> Sequence[tuple[str, str, int, int, int]]:
    """Per (kind, status): rows, summed attempts, summed failures."""
    stmt = select(
        Outbox.kind,
        Outbox.status,
        func.count(),
        func.coalesce(func.sum(Outbox.attempts), 0),
        func.coalesce(func.sum(Outbox.failures), 0),
    ).group_by(Outbox.kind, Outbox.status)
    rows = await session.execute(stmt)
    return [(str(k), str(s), int(n), int(a), int(f)) for k, s, n, a, f in rows]
