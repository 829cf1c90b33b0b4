"""SQL over the gateway outbox: admin listing and retry, and the figures behind ``/metrics``."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import String, cast, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from oso_gateway.afleveringen.models import Aflevering
from oso_gateway.notificaties.models import GatewayOutbox
from oso_shared.outbox import DEAD, PENDING


async def list_rows(session: AsyncSession, *, only_dead: bool, limit: int) -> Sequence[GatewayOutbox]:
    """Outbox rows (dead letters only, or all), newest first."""
    stmt = select(GatewayOutbox).order_by(GatewayOutbox.created_at.desc()).limit(limit)
    if only_dead:
        stmt = stmt.where(GatewayOutbox.status == DEAD)
    return (await session.scalars(stmt)).all()


async def retry_dead(session: AsyncSession, ids: Sequence[uuid.UUID] | None) -> int:
    """Back to pending with a fresh budget: all dead letters, or those whose row or aflevering id is given."""
    stmt = (
        update(GatewayOutbox)
        .where(GatewayOutbox.status == DEAD)
        .values(status=PENDING, attempts=0, next_attempt_at=func.now(), last_error=None)
    )
    if ids is not None:
        texts = [str(i) for i in ids]
        stmt = stmt.where(or_(GatewayOutbox.id.in_(ids), GatewayOutbox.payload["aflevering_id"].astext.in_(texts)))
    result = await session.execute(stmt)
    return int(result.rowcount)  # type: ignore[attr-defined]


async def outbox_figures(session: AsyncSession) -> list[tuple[str, str, int, int, int]]:
    """Per (kind, status): rows, summed attempts, summed failures."""
    stmt = select(
        GatewayOutbox.kind,
        GatewayOutbox.status,
        func.count(),
        func.coalesce(func.sum(GatewayOutbox.attempts), 0),
        func.coalesce(func.sum(GatewayOutbox.failures), 0),
    ).group_by(GatewayOutbox.kind, GatewayOutbox.status)
    rows = await session.execute(stmt)
    return [(str(k), str(s), int(n), int(a), int(f)) for k, s, n, a, f in rows]


async def latency_histogram(session: AsyncSession, buckets: Sequence[float]) -> tuple[list[int], int, float]:
    """Cumulative counts per bucket, total count and sum of (notificatie verzonden − aangemaakt) in seconds."""
    seconds = func.extract("epoch", Aflevering.notificatie_verzonden_op - Aflevering.aangemaakt_op)
    columns: list[Any] = [func.count().filter(seconds <= b) for b in buckets]
    columns += [func.count(), func.coalesce(func.sum(seconds), 0)]
    stmt = select(*columns).where(Aflevering.notificatie_verzonden_op.is_not(None))
    row = (await session.execute(stmt)).one()
    values = list(row)
    return [int(v) for v in values[: len(buckets)]], int(values[-2]), float(values[-1])


async def status_counts(session: AsyncSession) -> dict[str, int]:
    """Deliveries per status."""
    stmt = select(cast(Aflevering.status, String), func.count()).group_by(Aflevering.status)
    return {str(s): int(n) for s, n in await session.execute(stmt)}
