"""SQL of deliveries and their content."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import String, case, cast, delete, func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from oso_gateway.afleveringen.models import Aflevering, AfleveringStatus, DossierInhoud


async def lock_key(session: AsyncSession, key: str) -> None:
    """Serialise concurrent calls with the same idempotency key until the transaction ends."""
    await session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key})


async def get_by_key_or_id(session: AsyncSession, key: str, aflevering_id: uuid.UUID) -> Aflevering | None:
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


async def get_by_hash(session: AsyncSession, koppelsleutel_hash: str) -> Aflevering | None:
    """The delivery a koppelsleutel (by its hash) belongs to (unlocked; the fetch locks with :func:`get_for_fetch`)."""
    stmt = select(Aflevering).where(Aflevering.koppelsleutel_hash == koppelsleutel_hash)
    return (await session.scalars(stmt)).first()


async def set_koppelsleutel_hash(session: AsyncSession, aflevering_id: uuid.UUID, koppelsleutel_hash: str) -> bool:
    """Replace the delivery's koppelsleutel (by its hash); False when the delivery no longer exists."""
    stmt = (
        update(Aflevering)
        .where(Aflevering.id == aflevering_id)
        .values(koppelsleutel_hash=koppelsleutel_hash)
        .returning(Aflevering.id)
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None


async def mark_notificatie_verzonden(session: AsyncSession, aflevering_id: uuid.UUID, op: dt.datetime) -> bool:
    """Record that the SWV took the notification, in one UPDATE; False when the delivery no longer exists.

    The status only moves forward (as ``advance_status`` does): from aangemaakt or mislukt to
    notificatie_verzonden, never back from opgehaald or teruggekoppeld. A mislukt before it is cleared.
    """
    status = Aflevering.status
    stmt = (
        update(Aflevering)
        .where(Aflevering.id == aflevering_id)
        .values(
            notificatie_verzonden_op=func.coalesce(Aflevering.notificatie_verzonden_op, op),
            mislukt_op=case((status == AfleveringStatus.MISLUKT, None), else_=Aflevering.mislukt_op),
            status=case(
                (
                    status.in_([AfleveringStatus.AANGEMAAKT, AfleveringStatus.MISLUKT]),
                    AfleveringStatus.NOTIFICATIE_VERZONDEN.value,
                ),
                else_=status,
            ),
        )
        .returning(Aflevering.id)
        .execution_options(synchronize_session=False)
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None


async def get_for_fetch(
    session: AsyncSession, koppelsleutel_hash: str, head_bytes: int
) -> tuple[Aflevering, tuple[int, bytes] | None] | None:
    """The delivery of a koppelsleutel, locked, with its XML's size and first ``head_bytes`` (None when dropped)."""
    stmt = (
        select(Aflevering, DossierInhoud.grootte, func.substring(DossierInhoud.xml, 1, head_bytes))
        .outerjoin(DossierInhoud, DossierInhoud.aflevering_id == Aflevering.id)
        .where(Aflevering.koppelsleutel_hash == koppelsleutel_hash)
        .with_for_update(of=Aflevering)
        # Refresh an instance already in the session: what counts is the state under the lock.
        .execution_options(populate_existing=True)
    )
    row = (await session.execute(stmt)).one_or_none()
    if row is None:
        return None
    aflevering, grootte, head = row
    return aflevering, (None if grootte is None else (int(grootte), bytes(head)))


def add(session: AsyncSession, aflevering: Aflevering, inhoud: DossierInhoud) -> None:
    """Stage a new delivery with its content."""
    session.add(aflevering)
    session.add(inhoud)


async def get_content_chunk(session: AsyncSession, aflevering_id: uuid.UUID, offset: int, length: int) -> bytes | None:
    """``length`` bytes of the XML from ``offset`` (0-based), read in the database so big dossiers stream."""
    stmt = select(func.substring(DossierInhoud.xml, offset + 1, length)).where(
        DossierInhoud.aflevering_id == aflevering_id
    )
    value = (await session.execute(stmt)).scalar_one_or_none()
    return bytes(value) if value is not None else None


async def remove_expired_content(
    session: AsyncSession, fetched_before: dt.datetime, created_before: dt.datetime
) -> int:
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


async def latency_histogram(session: AsyncSession, buckets: Sequence[float]) -> tuple[Sequence[int], int, float]:
    """Cumulative counts per bucket, total count and sum of (notificatie verzonden − aangemaakt) in seconds."""
    seconds = func.extract("epoch", Aflevering.notificatie_verzonden_op - Aflevering.aangemaakt_op)
    counts = [func.count().filter(seconds <= b) for b in buckets]
    stmt = select(*counts, func.count(), func.coalesce(func.sum(seconds), 0)).where(
        Aflevering.notificatie_verzonden_op.is_not(None)
    )
    values = tuple((await session.execute(stmt)).one())
    return [int(v) for v in values[: len(buckets)]], int(values[-2]), float(values[-1])


async def count_by_status(session: AsyncSession) -> dict[str, int]:
    """Deliveries per status."""
    stmt = select(cast(Aflevering.status, String), func.count()).group_by(Aflevering.status)
    return {str(s): int(n) for s, n in await session.execute(stmt)}
