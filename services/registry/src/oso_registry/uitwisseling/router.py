"""HTTP route of the exchange check."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter

from oso_registry.brin import parse_brin
from oso_registry.deps import ControleurDep, SessionDep, SettingsDep, TokensDep
from oso_registry.problems import BuitenBereik
from oso_registry.toegang import SCHOOLROLLEN
from oso_registry.uitwisseling import service
from oso_shared.contracts.route import Uitwisselcontrole, UitwisselcontroleAanvraag

router = APIRouter(tags=["uitwisselcontrole"])


@router.post("/uitwisselcontroles", response_model=Uitwisselcontrole)
async def uitwisselcontrole(
    aanvraag: UitwisselcontroleAanvraag,
    session: SessionDep,
    principal: ControleurDep,
    settings: SettingsDep,
    tokens: TokensDep,
) -> Uitwisselcontrole:
    """May this school send this dienst to this aanleverpunt? Lists every missing setup step."""
    if principal.rol in SCHOOLROLLEN and parse_brin(aanvraag.bron.brin).brin4 != principal.school:
        raise BuitenBereik("Je mag alleen de uitwisseling van je eigen school controleren.")
    ttl = dt.timedelta(seconds=settings.besluit_ttl_seconds)
    return await service.controleer(session, aanvraag, tokens, ttl)
