"""HTTP routes of the audit log (readable by the board or SWV the changes concern)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from oso_registry.audit import service
from oso_registry.audit.schemas import AuditUit
from oso_registry.deps import PrincipalDep, SessionDep
from oso_registry.toegang import eis_bestuur_lezen, eis_swv_lezen

router = APIRouter(tags=["audit"])

Limiet = Annotated[int, Query(ge=1, le=500)]
VoorId = Annotated[int | None, Query(description="Alleen regels ouder dan dit id (bladeren).")]


@router.get("/besturen/{nummer}/audit", response_model=list[AuditUit])
async def bestuur_audit(
    nummer: str, session: SessionDep, principal: PrincipalDep, limiet: Limiet = 100, voor_id: VoorId = None
) -> list[AuditUit]:
    """Changes concerning this board's schools, newest first."""
    eis_bestuur_lezen(principal, nummer)
    return await service.list_entries(session, bestuur=nummer, voor_id=voor_id, limiet=limiet)


@router.get("/swvs/{code}/audit", response_model=list[AuditUit])
async def swv_audit(
    code: str, session: SessionDep, principal: PrincipalDep, limiet: Limiet = 100, voor_id: VoorId = None
) -> list[AuditUit]:
    """Changes concerning this SWV (its aanleverpunten and registrations), newest first."""
    eis_swv_lezen(principal, code)
    return await service.list_entries(session, swv=code, voor_id=voor_id, limiet=limiet)
