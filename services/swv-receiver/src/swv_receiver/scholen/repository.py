"""SQL of the school registrations."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from swv_receiver.scholen.models import AangemeldeSchool


async def list(session: AsyncSession, swv_code: str) -> Sequence[AangemeldeSchool]:
    """Registrations of one SWV."""
    stmt = (
        select(AangemeldeSchool)
        .where(AangemeldeSchool.swv_code == swv_code)
        .order_by(AangemeldeSchool.brin, AangemeldeSchool.vestigingscode)
    )
    return (await session.scalars(stmt)).all()


async def add(
    session: AsyncSession, swv_code: str, brin: str, vestigingscode: str | None, naam: str | None
) -> uuid.UUID | None:
    """Register a school; None when it was registered already."""
    stmt = (
        insert(AangemeldeSchool)
        .values(id=uuid.uuid4(), swv_code=swv_code, brin=brin, vestigingscode=vestigingscode, naam=naam)
        .on_conflict_do_nothing()
        .returning(AangemeldeSchool.id)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def get(session: AsyncSession, school_id: uuid.UUID) -> AangemeldeSchool | None:
    """One registration."""
    return await session.get(AangemeldeSchool, school_id)


async def get_covering(
    session: AsyncSession, swv_code: str, brin: str, vestigingscode: str | None
) -> AangemeldeSchool | None:
    """The registration covering this school: the exact vestiging, else the whole BRIN."""
    stmt = (
        select(AangemeldeSchool)
        .where(
            AangemeldeSchool.swv_code == swv_code,
            AangemeldeSchool.brin == brin,
            or_(AangemeldeSchool.vestigingscode.is_(None), AangemeldeSchool.vestigingscode == vestigingscode),
        )
        .order_by(AangemeldeSchool.vestigingscode.nulls_last())
        .limit(1)
    )
    return (await session.scalars(stmt)).first()
