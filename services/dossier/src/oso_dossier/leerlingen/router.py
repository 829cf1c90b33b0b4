"""HTTP API of leerlingen (`/v1/leerlingen`)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from fastapi import APIRouter, Query, Request, status

from oso_dossier.crypto import PgnVersleuteling
from oso_dossier.leerlingen import service
from oso_dossier.leerlingen.schemas import LeerlingDetail, LeerlingIn, LeerlingSamenvatting, LeerlingUit
from oso_dossier.toegang import ZorgcoordinatorDep
from oso_shared.db import SessionDep

router = APIRouter(prefix="/v1/leerlingen", tags=["leerlingen"])


def _crypto(request: Request) -> PgnVersleuteling:
    crypto = request.app.state.pgn
    assert isinstance(crypto, PgnVersleuteling)
    return crypto


@router.get("", response_model=list[LeerlingSamenvatting])
async def lijst(
    session: SessionDep, principal: ZorgcoordinatorDep, vestigingscode: str | None = Query(default=None)
) -> Sequence[LeerlingSamenvatting]:
    """Leerlingen of the caller's school."""
    return await service.lijst(session, principal, vestigingscode)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=LeerlingUit)
async def maak(request: Request, session: SessionDep, principal: ZorgcoordinatorDep, body: LeerlingIn) -> LeerlingUit:
    """Create a leerling at the caller's school."""
    leerling = await service.maak(session, principal, body, _crypto(request))
    return service.to_uit(leerling)


@router.get("/{leerling_id}", response_model=LeerlingDetail)
async def haal(
    request: Request, session: SessionDep, principal: ZorgcoordinatorDep, leerling_id: uuid.UUID
) -> LeerlingDetail:
    """One leerling with all data (incl. PGN, for the school's own use)."""
    leerling = await service.haal(session, principal, leerling_id)
    return service.detail(leerling, _crypto(request))


@router.put("/{leerling_id}", response_model=LeerlingUit)
async def wijzig(
    request: Request, session: SessionDep, principal: ZorgcoordinatorDep, leerling_id: uuid.UUID, body: LeerlingIn
) -> LeerlingUit:
    """Replace a leerling's data."""
    leerling = await service.wijzig(session, principal, leerling_id, body, _crypto(request))
    return service.to_uit(leerling)
