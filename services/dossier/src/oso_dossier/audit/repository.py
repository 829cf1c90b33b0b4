"""SQL of the audit log."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from oso_dossier.audit.models import AuditRegel
from oso_shared.auth import Principal


async def add(
    session: AsyncSession,
    principal: Principal | None,
    actie: str,
    *,
    leerling_id: uuid.UUID | None = None,
    dossier_id: uuid.UUID | None = None,
    school: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Append an audit row in the caller's transaction."""
    session.add(
        AuditRegel(
            actor=principal.sub if principal else "systeem",
            rol=principal.rol.value if principal else "systeem",
            school=school or (principal.school if principal else None),
            actie=actie,
            leerling_id=leerling_id,
            dossier_id=dossier_id,
            details=details or {},
        )
    )
