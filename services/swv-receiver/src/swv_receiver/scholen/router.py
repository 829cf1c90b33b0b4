"""``/v1/scholen``: the schools an SWV registered."""

from __future__ import annotations

from fastapi import APIRouter

from swv_receiver.deps import SessionDep, SwvDep
from swv_receiver.scholen import service
from swv_receiver.scholen.schemas import SchoolIn, SchoolUit

router = APIRouter(prefix="/scholen", tags=["scholen"])


@router.get("", response_model=list[SchoolUit])
async def lijst_scholen(swv: SwvDep, session: SessionDep) -> list[SchoolUit]:
    """The schools registered at the caller's SWV."""
    return [SchoolUit.model_validate(s) for s in await service.list_scholen(session, swv)]


@router.post("", status_code=201, response_model=SchoolUit)
async def meld_school_aan(body: SchoolIn, swv: SwvDep, session: SessionDep) -> SchoolUit:
    """Register a school at the caller's SWV."""
    return SchoolUit.model_validate(await service.meld_aan(session, swv, body))
