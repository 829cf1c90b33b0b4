"""HTTP API of leerlingen (`/v1/leerlingen`)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from fastapi import APIRouter, Query, status

from oso_dossier.deps import PgnDep, SessionDep, ZorgcoordinatorDep
from oso_dossier.leerlingen import service
from oso_dossier.leerlingen.schemas import LeerlingDetail, LeerlingIn, LeerlingSamenvatting, LeerlingUit, VrijeInfo

router = APIRouter(prefix="/leerlingen", tags=["leerlingen"])


@router.get("", response_model=list[LeerlingSamenvatting])
async def lijst(
    session: SessionDep, principal: ZorgcoordinatorDep, vestigingscode: str | None = Query(default=None)
) -> Sequence[LeerlingSamenvatting]:
    """Leerlingen of the caller's school."""
    return await service.lijst(session, principal, vestigingscode)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=LeerlingUit)
async def maak(session: SessionDep, principal: ZorgcoordinatorDep, pgn: PgnDep, body: LeerlingIn) -> LeerlingUit:
    """Create a leerling at the caller's school."""
    leerling = await service.maak(session, principal, body, pgn)
    return service.to_uit(leerling)


@router.get("/{leerling_id}", response_model=LeerlingDetail)
async def haal(
    session: SessionDep, principal: ZorgcoordinatorDep, pgn: PgnDep, leerling_id: uuid.UUID
) -> LeerlingDetail:
    """One leerling with all data (incl. PGN, for the school's own use)."""
    return await service.bekijk(session, principal, leerling_id, pgn)


@router.put("/{leerling_id}", response_model=LeerlingUit)
async def wijzig(
    session: SessionDep, principal: ZorgcoordinatorDep, pgn: PgnDep, leerling_id: uuid.UUID, body: LeerlingIn
) -> LeerlingUit:
    """Replace a leerling's data."""
    leerling = await service.wijzig(session, principal, leerling_id, body, pgn)
    return service.to_uit(leerling)


@router.put("/{leerling_id}/vrije-info", response_model=VrijeInfo)
async def wijzig_vrije_info(
    session: SessionDep, principal: ZorgcoordinatorDep, leerling_id: uuid.UUID, body: VrijeInfo
) -> VrijeInfo:
    """Replace the school's vrije info on a pupil (read it on `GET /v1/leerlingen/{id}`); never part of a dossier."""
    return await service.wijzig_vrije_info(session, principal, leerling_id, body)
