"""Pages: the tabs of a leerling (read-only views of the dossier data and the imported inrichting)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Path
from fastapi.responses import HTMLResponse, Response

from oso_portal.deps import CsrfDep, ZorgpaginaDep
from oso_portal.leerlingen.service import volledige_naam
from oso_portal.leerlingtabs import service
from oso_portal.problems import DienstFout

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


@router.post("/leerlingen/{leerling_id}/communicatie")
async def communicatie(
    leerling_id: uuid.UUID,
    pagina: ZorgpaginaDep,
    _: CsrfDep,
    actie: Annotated[Literal["toevoegen", "verwijderen"], Form()],
    soort: Annotated[Literal["telefoon", "e-mail"], Form()] = "telefoon",
    aanduiding: Annotated[Literal["prive", "werk", "overig"], Form()] = "prive",
    nummer: Annotated[str, Form(max_length=200)] = "",
    geheim: Annotated[str | None, Form()] = None,
    index: Annotated[int, Form(ge=0)] = 0,
) -> Response:
    """Communicatie tab: add a telefoonnummer or e-mailadres, or remove one (saved on the pupil in the dossier)."""
    terug = f"/leerlingen/{leerling_id}/communicatie"
    if actie == "toevoegen" and not nummer.strip():
        return pagina.redirect(terug, ("fout", "Vul een telefoonnummer of e-mailadres in."))

    def wijzig(lijst: list[dict[str, object]]) -> None:
        if actie == "toevoegen":
            item = {"soort": soort, "aanduiding": aanduiding, "nummer": nummer.strip(), "geheim": geheim == "ja"}
            lijst.append(item)
        elif index < len(lijst):
            del lijst[index]

    try:
        await service.wijzig_communicatie(pagina.dossierdienst, pagina.gebruiker, leerling_id, wijzig)
    except DienstFout as fout:
        if fout.upstream_status != 422:
            raise
        return pagina.redirect(terug, ("fout", f"Niet opgeslagen: {fout.detail}"))
    tekst = "Toegevoegd." if actie == "toevoegen" else "Verwijderd."
    return pagina.redirect(terug, ("ok", tekst))
