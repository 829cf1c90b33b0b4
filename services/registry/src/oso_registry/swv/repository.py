"""SQL of SWVs, aanleverpunten and SWV registrations."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from oso_registry.organisaties.models import Vestiging
from oso_registry.swv.models import REGISTRATIE_ACTIEF, Aanleverpunt, Samenwerkingsverband, SwvRegistratie


async def list_swvs(session: AsyncSession) -> Sequence[Samenwerkingsverband]:
    """All SWVs by code."""
    return (await session.scalars(select(Samenwerkingsverband).order_by(Samenwerkingsverband.code))).all()


async def get_swv(session: AsyncSession, code: str) -> Samenwerkingsverband | None:
    """One SWV with its aanleverpunten."""
    stmt = (
        select(Samenwerkingsverband)
        .where(Samenwerkingsverband.code == code)
        .options(selectinload(Samenwerkingsverband.aanleverpunten))
    )
    return (await session.scalars(stmt)).first()


async def get_aanleverpunt(session: AsyncSession, ap_id: uuid.UUID) -> Aanleverpunt | None:
    """One aanleverpunt with its SWV."""
    stmt = select(Aanleverpunt).where(Aanleverpunt.id == ap_id).options(selectinload(Aanleverpunt.swv))
    return (await session.scalars(stmt)).first()


async def aanleverpunt_exists(session: AsyncSession, ap_id: uuid.UUID | None, nummer: str) -> bool:
    """Is the id or the number already taken?"""
    cond = Aanleverpunt.nummer == nummer
    if ap_id is not None:
        cond = or_(cond, Aanleverpunt.id == ap_id)
    return (await session.scalars(select(Aanleverpunt.id).where(cond).limit(1))).first() is not None


async def list_aanleverpunten(
    session: AsyncSession, *, brin4: str, vestigingscode: str | None
) -> Sequence[Aanleverpunt]:
    """SWV points (ending in 500) of SWVs whose registration covers this school or vestiging.

    Same rule as the exchange check: a BRIN4 registration covers every vestiging; a BRIN6 registration
    covers only that vestiging, and only while it has its own environment.
    """
    dekking: ColumnElement[bool] = SwvRegistratie.vestigingscode.is_(None)
    if vestigingscode is not None:
        eigen = (
            select(Vestiging.brin)
            .where(Vestiging.brin == brin4, Vestiging.vestigingscode == vestigingscode, Vestiging.eigen_omgeving)
            .exists()
        )
        dekking = or_(dekking, and_(SwvRegistratie.vestigingscode == vestigingscode, eigen))
    geregistreerd = (
        select(SwvRegistratie.id)
        .where(
            SwvRegistratie.swv_code == Aanleverpunt.swv_code,
            SwvRegistratie.brin == brin4,
            SwvRegistratie.status == REGISTRATIE_ACTIEF,
            dekking,
        )
        .exists()
    )
    stmt = (
        select(Aanleverpunt)
        .where(geregistreerd, Aanleverpunt.nummer.like("%500"))
        .options(selectinload(Aanleverpunt.swv))
        .order_by(Aanleverpunt.nummer)
    )
    return (await session.scalars(stmt)).all()


async def list_registraties(
    session: AsyncSession, *, swv_code: str | None = None, brins: Sequence[str] | None = None
) -> Sequence[SwvRegistratie]:
    """Registrations of one SWV, or of a set of schools."""
    stmt = select(SwvRegistratie).order_by(SwvRegistratie.brin, SwvRegistratie.vestigingscode.nulls_first())
    if swv_code is not None:
        stmt = stmt.where(SwvRegistratie.swv_code == swv_code)
    if brins is not None:
        stmt = stmt.where(SwvRegistratie.brin.in_(brins))
    return (await session.scalars(stmt)).all()


async def get_registratie(
    session: AsyncSession, swv_code: str, brin4: str, vestigingscode: str | None
) -> SwvRegistratie | None:
    """One registration, locked for change."""
    vc = (
        SwvRegistratie.vestigingscode.is_(None)
        if vestigingscode is None
        else (SwvRegistratie.vestigingscode == vestigingscode)
    )
    stmt = (
        select(SwvRegistratie)
        .where(SwvRegistratie.swv_code == swv_code, SwvRegistratie.brin == brin4, vc)
        .with_for_update()
    )
    return (await session.scalars(stmt)).first()


async def get_registratie_op_id(session: AsyncSession, registratie_id: uuid.UUID) -> SwvRegistratie | None:
    """One registration by id, locked for the board's decision."""
    stmt = select(SwvRegistratie).where(SwvRegistratie.id == registratie_id).with_for_update()
    return (await session.scalars(stmt)).first()


async def add_registratie(
    session: AsyncSession,
    swv_code: str,
    brin4: str,
    vestigingscode: str | None,
    door: str,
    status: str = REGISTRATIE_ACTIEF,
) -> SwvRegistratie | None:
    """Insert unless it exists (race-safe); returns the new row, or None when it was already there."""
    waarden = {"swv_code": swv_code, "brin": brin4, "vestigingscode": vestigingscode, "geregistreerd_door": door}
    stmt = (
        insert(SwvRegistratie)
        .values(id=uuid.uuid4(), status=status, **waarden)
        .on_conflict_do_nothing()
        .returning(SwvRegistratie)
    )
    return (await session.scalars(stmt)).first()


def add_aanleverpunt(session: AsyncSession, aanleverpunt: Aanleverpunt) -> None:
    """Stage a new aanleverpunt in the caller's transaction."""
    session.add(aanleverpunt)


async def remove_registratie(session: AsyncSession, registratie: SwvRegistratie) -> None:
    """Delete a registration in the caller's transaction."""
    await session.delete(registratie)
