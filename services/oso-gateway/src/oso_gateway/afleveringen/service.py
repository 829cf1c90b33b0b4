"""Plain rules about a delivery: the stored form of a koppelsleutel, its status order, its retention."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy.ext.asyncio import AsyncSession

from oso_gateway.afleveringen import repository
from oso_gateway.afleveringen.models import Aflevering, AfleveringStatus
from oso_gateway.sessies import repository as sessies_repository
from oso_gateway.settings import Settings
from oso_shared.db import utcnow

# Later states win; "mislukt" only replaces states before the notification went out.
_RANK = {
    AfleveringStatus.AANGEMAAKT: 0,
    AfleveringStatus.MISLUKT: 1,
    AfleveringStatus.NOTIFICATIE_VERZONDEN: 2,
    AfleveringStatus.OPGEHAALD: 3,
    AfleveringStatus.TERUGGEKOPPELD: 4,
}


def hash_koppelsleutel(koppelsleutel: str) -> str:
    """The stored form of a koppelsleutel."""
    return hashlib.sha256(koppelsleutel.encode()).hexdigest()


def advance_status(aflevering: Aflevering, status: AfleveringStatus) -> None:
    """Move the delivery forward; never back (events may be processed out of order)."""
    if _RANK[status] > _RANK[AfleveringStatus(aflevering.status)]:
        aflevering.status = status


async def purge(session: AsyncSession, settings: Settings) -> int:
    """Drop dossier content past its retention and forget expired token ids; returns deliveries purged."""
    now = utcnow()
    purged = await repository.remove_expired_content(
        session,
        fetched_before=now - dt.timedelta(seconds=settings.retention_after_fetch_seconds),
        created_before=now - dt.timedelta(seconds=settings.retention_max_seconds),
    )
    await sessies_repository.remove_expired(session, now)
    return purged
