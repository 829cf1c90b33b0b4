"""Pages: the tabs of a leerling (read-only views of the dossier data and the imported inrichting)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Path
from fastapi.responses import HTMLResponse, Response

from oso_portal.deps import ZorgpaginaDep
from oso_portal.leerlingen.service import volledige_naam
from oso_portal.leerlingtabs import service

router = APIRouter(include_in_schema=False)

Tab = Literal["basisgegevens", "ouders-verzorgers", "contact", "vrije-info", "communicatie"]


@router.get("/leerlingen/{leerling_id}/mentoren-opties", response_class=HTMLResponse)
async def mentoren_opties(leerling_id: uuid.UUID, pagina: ZorgpaginaDep) -> Response:
    """``<option>`` elements of the pupil's mentors: the contactpersoon choices of a dossier (htmx fragment)."""
    inrichting = await service.inrichting(pagina.dossierdienst, pagina.gebruiker, leerling_id)
    return pagina.render("leerlingtabs/_mentoren_opties.html", {"mentoren": inrichting.mentoren})


@router.get("/leerlingen/{leerling_id}/{tab}")
async def tab(leerling_id: uuid.UUID, tab: Annotated[Tab, Path()], pagina: ZorgpaginaDep) -> Response:
    """One tab of the leerling page."""
    leerling = await pagina.dossierdienst.leerling(pagina.gebruiker, leerling_id)
    inrichting = await service.inrichting(pagina.dossierdienst, pagina.gebruiker, leerling_id)
    context = {
        "leerling": leerling,
        "naam": volledige_naam(leerling.gegevens),
        "inrichting": inrichting,
        "tabs": service.TABS,
        "tab": tab,
        "geslacht": service.GESLACHT,
        "mentorsoort": service.MENTORSOORT,
        "actief": "leerlingen",
    }
    return pagina.render(f"leerlingtabs/{tab}.html", context)
