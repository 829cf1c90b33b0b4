"""HTTP route of the exchange check."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from oso_registry.brin import parse_brin
from oso_registry.settings import Settings
from oso_registry.toegang import SCHOOLROLLEN, BuitenBereik
from oso_registry.uitwisseling import service
from oso_registry.uitwisseling.schemas import Uitwisselcontrole, UitwisselcontroleAanvraag
from oso_shared.auth import Principal, Rol, get_token_service, require_roles
from oso_shared.db import SessionDep

router = APIRouter(prefix="/v1", tags=["uitwisselcontrole"])

Controleur = Annotated[Principal, Depends(require_roles(Rol.DIENST, Rol.ZORGCOORDINATOR, Rol.SCHOOLBEHEERDER))]


@router.post("/uitwisselcontroles", response_model=Uitwisselcontrole)
async def uitwisselcontrole(
    aanvraag: UitwisselcontroleAanvraag, session: SessionDep, principal: Controleur, request: Request
) -> Uitwisselcontrole:
    """May this school send this dienst to this aanleverpunt? Lists every missing setup step."""
    if principal.rol in SCHOOLROLLEN and parse_brin(aanvraag.bron.brin).brin4 != principal.school:
        raise BuitenBereik("Je mag alleen de uitwisseling van je eigen school controleren.")
    settings: Settings = request.app.state.settings
    ttl = dt.timedelta(seconds=settings.besluit_ttl_seconds)
    return await service.controleer(session, aanvraag, get_token_service(request), ttl)
