"""Service-to-service API: events from the oso-gateway, one or a bundle per call (idempotent per event)."""

from __future__ import annotations

from fastapi import APIRouter, status

from oso_dossier.deps import DienstDep, SessionDep
from oso_dossier.dossiers import flows
from oso_shared.contracts.gebeurtenissen import (
    GebeurtenisBundelIn,
    GebeurtenisBundelUit,
    GebeurtenisIn,
    GebeurtenisUit,
)

router = APIRouter(prefix="/intern", tags=["intern"])


@router.post("/gebeurtenissen", status_code=status.HTTP_202_ACCEPTED, response_model=GebeurtenisUit)
async def gebeurtenis(session: SessionDep, principal: DienstDep, body: GebeurtenisIn) -> GebeurtenisUit:
    """Store a delivery event (notificatie_verzonden, opgehaald, mislukt, teruggekoppeld) once."""
    nieuw, status_ = await flows.verwerk_gebeurtenis(session, principal, body)
    return GebeurtenisUit(verwerkt=nieuw, status=status_)


@router.post("/gebeurtenisbundels", response_model=GebeurtenisBundelUit)
async def gebeurtenisbundel(
    session: SessionDep, principal: DienstDep, body: GebeurtenisBundelIn
) -> GebeurtenisBundelUit:
    """Store several delivery events in one transaction; an event the service refuses is reported, not fatal."""
    resultaten = await flows.verwerk_gebeurtenissen(session, principal, body.gebeurtenissen)
    return GebeurtenisBundelUit(resultaten=resultaten)
