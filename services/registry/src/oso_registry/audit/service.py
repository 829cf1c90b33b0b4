"""Reading the audit log within a board's or an SWV's scope."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from oso_registry.audit import repository
from oso_registry.audit.models import AuditRegel
from oso_registry.audit.schemas import AuditUit


def iso(value: dt.datetime | None) -> str | None:
    """ISO-8601 UTC for the before/after snapshots."""
    return value.astimezone(dt.UTC).isoformat() if value is not None else None


def audit_uit(r: AuditRegel) -> AuditUit:
    """Entry as returned by the API."""
    return AuditUit(
        id=r.id,
        op=r.op,
        wie=r.wie,
        rol=r.rol,
        actie=r.actie,
        entiteit=r.entiteit,
        sleutel=r.sleutel,
        bestuur=r.bestuur_nummer,
        swv=r.swv_code,
        brin=r.brin,
        voor=r.voor,
        na=r.na,
    )


async def list_entries(
    session: AsyncSession, *, bestuur: str | None = None, swv: str | None = None, voor_id: int | None, limiet: int
) -> list[AuditUit]:
    """Newest first, entries concerning this board or SWV."""
    return [
        audit_uit(r) for r in await repository.list(session, bestuur=bestuur, swv=swv, voor_id=voor_id, limiet=limiet)
    ]
