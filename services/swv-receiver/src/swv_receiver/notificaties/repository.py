"""SQL of the notifications."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import cast

from sqlalchemy import Table, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from oso_shared.outbox import DEAD, PENDING
from swv_receiver.notificaties.models import Notificatie, NotificatieStatus
from swv_receiver.outbox.models import Outbox


async def add(
    session: AsyncSession,
    *,
    koppelsleutel: str,
    aanleverpunt_id: str,
    swv_code: str,
    bron_brin: str,
    bron_vestigingscode: str | None,
    ophaal_url: str,
) -> uuid.UUID | None:
    """Insert a notification unless its koppelsleutel is known; the new id, or None for a repeat."""
    tabel = cast(Table, Notificatie.__table__)  # a Core insert: the ORM-enabled one costs far more CPU
    stmt = (
        insert(tabel)
        .values(
            id=uuid.uuid4(),
            koppelsleutel=koppelsleutel,
            aanleverpunt_id=aanleverpunt_id,
            swv_code=swv_code,
            bron_brin=bron_brin,
            bron_vestigingscode=bron_vestigingscode,
            ophaal_url=ophaal_url,
            status=NotificatieStatus.ONTVANGEN,
        )
        .on_conflict_do_nothing(index_elements=["koppelsleutel"])
        .returning(tabel.c.id)
    )
    return cast(uuid.UUID | None, (await session.execute(stmt)).scalar_one_or_none())


async def get_for_update(session: AsyncSession, notificatie_id: uuid.UUID) -> Notificatie | None:
    """The notification with its stored dossier, locked for this transaction."""
    stmt = (
        select(Notificatie)
        .where(Notificatie.id == notificatie_id)
        .options(undefer(Notificatie.dossier_xml))
        .with_for_update()
    )
    return (await session.scalars(stmt)).first()


async def get(session: AsyncSession, notificatie_id: uuid.UUID) -> Notificatie | None:
    """The notification (without its dossier)."""
    return await session.get(Notificatie, notificatie_id)


async def get_dossier_xml(session: AsyncSession, notificatie_id: uuid.UUID) -> bytes | None:
    """Only the stored dossier bytes."""
    stmt = select(Notificatie.dossier_xml).where(Notificatie.id == notificatie_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def list(session: AsyncSession, swv_code: str, status: str | None, limit: int) -> Sequence[Notificatie]:
    """Newest notifications of one SWV."""
    stmt = select(Notificatie).where(Notificatie.swv_code == swv_code)
    if status is not None:
        stmt = stmt.where(Notificatie.status == status)
    stmt = stmt.order_by(Notificatie.ontvangen_op.desc(), Notificatie.id).limit(limit)
    return (await session.scalars(stmt)).all()


async def requeue_fetch(session: AsyncSession, notificatie_id: uuid.UUID) -> bool:
    """Put the notification's dead fetch back in the queue with a fresh attempt budget; False if it was not dead."""
    stmt = (
        update(Outbox)
        .where(Outbox.key == f"ophalen:{notificatie_id}", Outbox.status == DEAD)
        .values(status=PENDING, attempts=0, next_attempt_at=func.now(), last_error=None)
    )
    result = await session.execute(stmt)
    return bool(result.rowcount)  # type: ignore[attr-defined]
