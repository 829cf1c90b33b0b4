"""SQL of besturen, scholen and vestigingen."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from oso_registry.organisaties.models import Bestuur, Dienst, School, Systeem, Vestiging


async def besturen(session: AsyncSession, nummer: str | None = None) -> Sequence[Bestuur]:
    """All boards (or just one) ordered by number."""
    stmt = select(Bestuur).order_by(Bestuur.nummer)
    if nummer is not None:
        stmt = stmt.where(Bestuur.nummer == nummer)
    return (await session.scalars(stmt)).all()


async def bestuur(session: AsyncSession, nummer: str) -> Bestuur | None:
    """One board with its schools."""
    stmt = select(Bestuur).where(Bestuur.nummer == nummer).options(selectinload(Bestuur.scholen))
    return (await session.scalars(stmt)).first()


async def scholen(
    session: AsyncSession, *, bestuur: str | None = None, brin: str | None = None, met_vestigingen: bool = False
) -> Sequence[School]:
    """Schools, optionally of one board or one BRIN, with board (and vestigingen) loaded."""
    stmt = select(School).order_by(School.brin).options(selectinload(School.bestuur))
    if met_vestigingen:
        stmt = stmt.options(selectinload(School.vestigingen))
    if bestuur is not None:
        stmt = stmt.where(School.bestuur_nummer == bestuur)
    if brin is not None:
        stmt = stmt.where(School.brin == brin)
    return (await session.scalars(stmt)).all()


async def school(session: AsyncSession, brin: str, *, voor_wijziging: bool = False) -> School | None:
    """One school with board and vestigingen; ``voor_wijziging`` locks the row."""
    stmt = (
        select(School)
        .where(School.brin == brin)
        .options(selectinload(School.bestuur), selectinload(School.vestigingen))
    )
    if voor_wijziging:
        stmt = stmt.with_for_update(of=School)
    return (await session.scalars(stmt)).first()


async def scholen_met_brins(session: AsyncSession, brins: Sequence[str]) -> Sequence[School]:
    """The schools among ``brins`` with vestigingen loaded."""
    stmt = select(School).where(School.brin.in_(brins)).options(selectinload(School.vestigingen))
    return (await session.scalars(stmt)).all()


async def vestiging(session: AsyncSession, brin: str, vestigingscode: str) -> Vestiging | None:
    """One vestiging, locked for change."""
    stmt = select(Vestiging).where(Vestiging.brin == brin, Vestiging.vestigingscode == vestigingscode).with_for_update()
    return (await session.scalars(stmt)).first()


async def systeem(session: AsyncSession, naam: str) -> Systeem | None:
    """A system by name."""
    return await session.get(Systeem, naam)


async def dienst(session: AsyncSession, code: str) -> Dienst | None:
    """A dienst by code."""
    return await session.get(Dienst, code)


async def systemen(session: AsyncSession) -> Sequence[Systeem]:
    """All systems."""
    return (await session.scalars(select(Systeem).order_by(Systeem.naam))).all()
