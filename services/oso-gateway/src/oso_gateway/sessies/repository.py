"""SQL for spent token ids."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oso_gateway.sessies.models import GebruiktToken


async def add(session: AsyncSession, aanleverpunt_id: uuid.UUID, jti: str, verloopt_op: dt.datetime) -> bool:
    """Record ``jti`` as spent; False when it was already spent."""
    stmt = (
        insert(GebruiktToken)
        .values(aanleverpunt_id=aanleverpunt_id, jti=jti, verloopt_op=verloopt_op)
        .on_conflict_do_nothing()
        .returning(GebruiktToken.jti)
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None


async def remove_expired(session: AsyncSession, before: dt.datetime) -> int:
    """Forget token ids whose tokens have expired (their replay is refused by ``exp`` anyway)."""
    result = await session.execute(delete(GebruiktToken).where(GebruiktToken.verloopt_op < before))
    return int(result.rowcount)  # type: ignore[attr-defined]
