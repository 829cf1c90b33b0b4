"""Pages: Leerlingen → a leerling (with its Overdrachtsdossiers)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import Response

from oso_portal.deps import DossierDep, WebDep, ZorgcoordinatorDep
from oso_portal.dossiers import service as dossiers
from oso_portal.leerlingen import service

router = APIRouter(include_in_schema=False)


@router.get("/leerlingen")
async def lijst(request: Request, gebruiker: ZorgcoordinatorDep, dossierdienst: DossierDep, web: WebDep) -> Response:
    """All leerlingen of the user's school."""
    leerlingen = await dossierdienst.leerlingen(gebruiker)
    return web.render(
        request, "leerlingen/lijst.html", {"leerlingen": leerlingen, "actief": "leerlingen"}, gebruiker=gebruiker
    )


@router.get("/leerlingen/{leerling_id}")
async def detail(
    request: Request, leerling_id: uuid.UUID, gebruiker: ZorgcoordinatorDep, dossierdienst: DossierDep, web: WebDep
) -> Response:
    """One leerling with the tab Overdrachtsdossier listing its dossiers."""
    leerling = await dossierdienst.leerling(gebruiker, leerling_id)
    lijst = await dossierdienst.dossiers(gebruiker, leerling_id)
    return web.render(
        request,
        "leerlingen/detail.html",
        {
            "leerling": leerling,
            "naam": service.volledige_naam(leerling.gegevens),
            "dossiers": dossiers.regels(lijst),
            "actief": "leerlingen",
        },
        gebruiker=gebruiker,
    )
