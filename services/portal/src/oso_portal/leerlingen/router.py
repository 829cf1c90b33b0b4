"""Pages: Leerlingen → a leerling (with its Overdrachtsdossiers)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from fastapi.responses import Response

from oso_portal.deps import ZorgpaginaDep
from oso_portal.dossiers import service as dossiers
from oso_portal.leerlingen import service

router = APIRouter(include_in_schema=False)


@router.get("/leerlingen")
async def lijst(pagina: ZorgpaginaDep) -> Response:
    """All leerlingen of the user's school."""
    leerlingen = await pagina.dossierdienst.leerlingen(pagina.gebruiker)
    return pagina.render("leerlingen/lijst.html", {"leerlingen": leerlingen, "actief": "leerlingen"})


@router.get("/leerlingen/{leerling_id}")
async def detail(leerling_id: uuid.UUID, pagina: ZorgpaginaDep) -> Response:
    """One leerling with the tab Overdrachtsdossier listing its dossiers."""
    leerling = await pagina.dossierdienst.leerling(pagina.gebruiker, leerling_id)
    lijst = await pagina.dossierdienst.dossiers(pagina.gebruiker, leerling_id)
    context = {
        "leerling": leerling,
        "naam": service.volledige_naam(leerling.gegevens),
        "dossiers": dossiers.regels(lijst),
        "actief": "leerlingen",
    }
    return pagina.render("leerlingen/detail.html", context)
