"""SQL of besturen, scholen and vestigingen."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from oso_registry.organisaties.models import Bestuur, Dienst, School, Systeem, Vestiging


async def list_besturen(session: AsyncSession, nummer: str | None = None) -> Sequence[Bestuur]:
    """All boards (or just one) ordered by number."""
    stmt = select(Bestuur).order_by(Bestuur.nummer)
    if nummer is not None:
        stmt = stmt.where(Bestuur.nummer == nummer)
    return (await session.scalars(stmt)).all()


async def get_bestuur(session: AsyncSession, nummer: str) -> Bestuur | None:
    """One board with its schools."""
    stmt = select(Bestuur).where(Bestuur.nummer == nummer).options(selectinload(Bestuur.scholen))
    return (await session.scalars(stmt)).first()


async def list_scholen(
    session: AsyncSession,
    *,
    bestuur: str | None = None,
    brin: str | None = None,
    brins: Sequence[str] | None = None,
    met_vestigingen: bool = False,
) -> Sequence[School]:
    """Schools, optionally of one board, one BRIN or a set of BRINs, with board (and vestigingen) loaded."""
    stmt = select(School).order_by(School.brin).options(selectinload(School.bestuur))
    if met_vestigingen:
        stmt = stmt.options(selectinload(School.vestigingen))
    if bestuur is not None:
        stmt = stmt.where(School.bestuur_nummer == bestuur)
    if brin is not None:
        stmt = stmt.where(School.brin == brin)
    if brins is not None:
        stmt = stmt.where(School.brin.in_(brins))
    return (await session.scalars(stmt)).all()


async def get_school(session: AsyncSession, brin: str, *, voor_wijziging: bool = False) -> School | None:
    """One school with board and vestigingen; ``voor_wijziging`` locks the row."""
    stmt = (
        select(School)
        .where(School.brin == brin)
        .options(selectinload(School.bestuur), selectinload(School.vestigingen))
    )
    if voor_wijziging:
        stmt = stmt.with_for_update(of=School)
    return (await session.scalars(stmt)).first()


async def get_vestiging(session: AsyncSession, brin: str, vestigingscode: str) -> Vestiging | None:
    """One vestiging, locked for change."""
    stmt = select(Vestiging).where(Vestiging.brin == brin, Vestiging.vestigingscode == vestigingscode).with_for_update()
    return (await session.scalars(stmt)).first()


async def get_systeem(session: AsyncSession, naam: str) -> Systeem | None:
    """A system by name."""
    return await session.get(Systeem, naam)


async def get_dienst(session: AsyncSession, code: str) -> Dienst | None:
    """A dienst by code."""
    return await session.get(Dienst, code)


async def list_systemen(session: AsyncSession) -> Sequence[Systeem]:
    """All systems."""
    return (await session.scalars(select(Systeem).order_by(Systeem.naam))).all()
