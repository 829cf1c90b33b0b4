"""SQL of the audit log: append a change (``add``), read the entries in a scope (``list``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from oso_registry.audit.models import AuditRegel
from oso_registry.toegang import Actor


async def add(
    session: AsyncSession,
    actor: Actor,
    actie: str,
    entiteit: str,
    sleutel: str,
    *,
    voor: dict[str, Any] | None = None,
    na: dict[str, Any] | None = None,
    bestuur: str | None = None,
    swv: str | None = None,
    brin: str | None = None,
) -> None:
    """Append one audit row in the caller's transaction."""
    session.add(
        AuditRegel(
            wie=actor.wie,
            rol=actor.rol,
            actie=actie,
            entiteit=entiteit,
            sleutel=sleutel,
            bestuur_nummer=bestuur,
            swv_code=swv,
            brin=brin,
            voor=voor,
            na=na,
        )
    )


async def list(
    session: AsyncSession,
    *,
    bestuur: str | None = None,
    swv: str | None = None,
    brin: str | None = None,
    alles: bool = False,
    voor_id: int | None = None,
    limiet: int = 100,
) -> Sequence[AuditRegel]:
    """Newest first; entries concerning the given board, SWV or school (or all of them)."""
    stmt = select(AuditRegel).order_by(AuditRegel.id.desc()).limit(limiet)
    if not alles:
        filters = []
        if bestuur is not None:
            filters.append(AuditRegel.bestuur_nummer == bestuur)
        if swv is not None:
            filters.append(AuditRegel.swv_code == swv)
        if brin is not None:
            filters.append(AuditRegel.brin == brin)
        if not filters:
            return []
        stmt = stmt.where(or_(*filters))
    if voor_id is not None:
        stmt = stmt.where(AuditRegel.id < voor_id)
    return (await session.scalars(stmt)).all()
