"""SQL of terugkoppelingen."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oso_gateway.terugkoppelingen.models import Terugkoppeling


async def get(session: AsyncSession, aanleverpunt_id: uuid.UUID, key: str) -> Terugkoppeling | None:
    """The terugkoppeling an aanleverpunt sent with this Idempotency-Key."""
    stmt = select(Terugkoppeling).where(
        Terugkoppeling.aanleverpunt_id == aanleverpunt_id, Terugkoppeling.idempotency_key == key
    )
    return (await session.scalars(stmt)).first()


def add(session: AsyncSession, terugkoppeling: Terugkoppeling) -> None:
    """Stage a new terugkoppeling."""
    session.add(terugkoppeling)
