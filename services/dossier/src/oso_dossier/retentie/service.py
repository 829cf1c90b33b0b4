"""Retention: after the configured period, purge content and bijlagen of closed dossiers; the audit trail stays."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from oso_dossier.audit import repository as audit
from oso_dossier.bijlagen import repository as bijlagen_repo
from oso_dossier.dossiers import repository as dossiers_repo
from oso_dossier.settings import Settings
from oso_shared.db import Database, utcnow


async def schoon_op(session: AsyncSession, bewaartermijn: dt.timedelta, nu: dt.datetime | None = None) -> int:
    """Purge closed dossiers older than ``bewaartermijn``; returns how many were purged."""
    nu = nu or utcnow()
    aantal = 0
    for dossier in await dossiers_repo.list_verlopen(session, nu - bewaartermijn):
        for bijlage in await bijlagen_repo.list(session, dossier.id):
            await bijlagen_repo.remove(session, bijlage)
        await dossiers_repo.clear_inhoud(session, dossier.id, nu)
        await audit.add(session, None, "retentie_opgeschoond", dossier_id=dossier.id, school=dossier.brin)
        aantal += 1
    return aantal


async def run(settings: Settings) -> int:
    """The ``oso-dossier retentie`` command body: one transaction per run."""
    db = Database(settings.resolved_database_url(), pool_size=1, max_overflow=0)
    try:
        async with db.transaction() as session:
            return await schoon_op(session, dt.timedelta(days=settings.bewaartermijn_dagen))
    finally:
        await db.dispose()
