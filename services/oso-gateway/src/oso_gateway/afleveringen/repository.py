"""SQL of deliveries and their content."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import delete, func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from oso_gateway.afleveringen.models import Aflevering, DossierInhoud


async def lock_key(session: AsyncSession, key: str) -> None:
    """Serialise concurrent calls with the same idempotency key until the transaction ends."""
    await session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key})


async def find_by_key_or_id(session: AsyncSession, key: str, aflevering_id: uuid.UUID) -> Aflevering | None:
    """A delivery with this idempotency key or id."""
    stmt = select(Aflevering).where(or_(Aflevering.idempotency_key == key, Aflevering.id == aflevering_id))
    return (await session.scalars(stmt)).first()


async def get(session: AsyncSession, aflevering_id: uuid.UUID, *, for_update: bool = False) -> Aflevering | None:
    """One delivery by id."""
    stmt = select(Aflevering).where(Aflevering.id == aflevering_id)
    if for_update:
        # Refresh an instance already in the session: what counts is the state under the lock.
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return (await session.scalars(stmt)).first()


async def get_by_hash(session: AsyncSession, koppelsleutel_hash: str, *, for_update: bool = False) -> Aflevering | None:
    """The delivery a koppelsleutel (by its hash) belongs to."""
    stmt = select(Aflevering).where(Aflevering.koppelsleutel_hash == koppelsleutel_hash)
    if for_update:
        # Refresh an instance already in the session: what counts is the state under the lock.
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return (await session.scalars(stmt)).first()


def add(session: AsyncSession, aflevering: Aflevering, inhoud: DossierInhoud) -> None:
    """Stage a new delivery with its content."""
    session.add(aflevering)
    session.add(inhoud)


async def content_head(session: AsyncSession, aflevering_id: uuid.UUID, length: int) -> tuple[int, bytes] | None:
    """Size of the stored XML and its first ``length`` bytes, or None when it has been dropped."""
    stmt = select(DossierInhoud.grootte, func.substring(DossierInhoud.xml, 1, length)).where(
        DossierInhoud.aflevering_id == aflevering_id
    )
    row = (await session.execute(stmt)).one_or_none()
    return None if row is None else (int(row[0]), bytes(row[1]))


async def content_chunk(session: AsyncSession, aflevering_id: uuid.UUID, offset: int, length: int) -> bytes | None:
    """``length`` bytes of the XML from ``offset`` (0-based), read in the database so big dossiers stream."""
    stmt = select(func.substring(DossierInhoud.xml, offset + 1, length)).where(
        DossierInhoud.aflevering_id == aflevering_id
    )
    value = (await session.execute(stmt)).scalar_one_or_none()
    return bytes(value) if value is not None else None


async def purge_content(session: AsyncSession, fetched_before: dt.datetime, created_before: dt.datetime) -> int:
    """Drop the XML of deliveries fetched before ``fetched_before`` or created before ``created_before``."""
    expired = select(Aflevering.id).where(
        Aflevering.inhoud_verwijderd_op.is_(None),
        or_(Aflevering.opgehaald_op < fetched_before, Aflevering.aangemaakt_op < created_before),
    )
    ids = list((await session.scalars(expired)).all())
    if not ids:
        return 0
    await session.execute(delete(DossierInhoud).where(DossierInhoud.aflevering_id.in_(ids)))
    await session.execute(update(Aflevering).where(Aflevering.id.in_(ids)).values(inhoud_verwijderd_op=func.now()))
    return len(ids)


async def list_recent(session: AsyncSession, limit: int) -> Sequence[Aflevering]:
    """Newest deliveries first."""
    stmt = select(Aflevering).order_by(Aflevering.aangemaakt_op.desc()).limit(limit)
    return (await session.scalars(stmt)).all()
