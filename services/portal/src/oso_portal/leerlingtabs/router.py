"""Pages: the tabs of a leerling (the dossier data, the school's vrije info and the imported inrichting)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated, Any, Literal

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
    return await _tab_pagina(pagina, leerling_id, tab)


async def _tab_pagina(
    pagina: ZorgpaginaDep, leerling_id: uuid.UUID, tab: Tab, extra: dict[str, Any] | None = None, status_code: int = 200
) -> Response:
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
        "basis": service.Basisgegevens.van(leerling),
        "uit_magister": service.UIT_MAGISTER,
        "vrije_info": leerling.vrije_info or "",
        "vrije_info_max": service.VRIJE_INFO_MAX,
        "fouten": {},
        **(extra or {}),
    }
    return pagina.render(f"leerlingtabs/{tab}.html", context, status_code=status_code)


async def _bewaar(
    pagina: ZorgpaginaDep, leerling_id: uuid.UUID, tab: str, wijzig: Callable[[dict[str, Any]], None], ok: str
) -> Response:
    terug = f"/leerlingen/{leerling_id}/{tab}"
    try:
        await service.wijzig_gegevens(pagina.dossierdienst, pagina.gebruiker, leerling_id, wijzig)
    except DienstFout as fout:
        if fout.upstream_status != 422:
            raise
        return pagina.redirect(terug, ("fout", f"Niet opgeslagen: {fout.detail}"))
    return pagina.redirect(terug, ("ok", ok))


def _verwijder(sleutel: str, index: int) -> Callable[[dict[str, Any]], None]:
    def wijzig(gegevens: dict[str, Any]) -> None:
        lijst = list(gegevens.get(sleutel) or [])
        if index < len(lijst):
            del lijst[index]
        gegevens[sleutel] = lijst

    return wijzig


def _voeg_toe(sleutel: str, item: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    def wijzig(gegevens: dict[str, Any]) -> None:
        gegevens[sleutel] = [*(gegevens.get(sleutel) or []), item]

    return wijzig


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
    if actie == "verwijderen":
        return await _bewaar(pagina, leerling_id, "communicatie", _verwijder("communicatie", index), "Verwijderd.")
    if not nummer.strip():
        return pagina.redirect(f"/leerlingen/{leerling_id}/communicatie", ("fout", "Vul een nummer of adres in."))
    item = {"soort": soort, "aanduiding": aanduiding, "nummer": nummer.strip(), "geheim": geheim == "ja"}
    return await _bewaar(pagina, leerling_id, "communicatie", _voeg_toe("communicatie", item), "Toegevoegd.")


@router.post("/leerlingen/{leerling_id}/verzorgers")
async def verzorgers(
    leerling_id: uuid.UUID,
    pagina: ZorgpaginaDep,
    _: CsrfDep,
    actie: Annotated[Literal["toevoegen", "verwijderen"], Form()],
    voorletters: Annotated[str, Form(max_length=40)] = "",
    voorvoegsel: Annotated[str, Form(max_length=40)] = "",
    achternaam: Annotated[str, Form(max_length=200)] = "",
    geslacht: Annotated[Literal["", "1", "2"], Form()] = "",
    email: Annotated[str, Form(max_length=200)] = "",
    wettig: Annotated[str | None, Form()] = None,
    index: Annotated[int, Form(ge=0)] = 0,
) -> Response:
    """Ouders/verzorgers tab: add or remove an ouder/verzorger (the next Magister import refreshes imported ones)."""
    tab = "ouders-verzorgers"
    if actie == "verwijderen":
        return await _bewaar(pagina, leerling_id, tab, _verwijder("verzorgers", index), "Verwijderd.")
    if not achternaam.strip():
        return pagina.redirect(f"/leerlingen/{leerling_id}/{tab}", ("fout", "Vul de achternaam in."))
    velden = {"voorletters": voorletters, "voorvoegsel": voorvoegsel, "geslacht": geslacht}
    item: dict[str, Any] = {k: v.strip() for k, v in velden.items() if v.strip()}
    item.update(achternaam=achternaam.strip(), wettigevertegenwoordiger=wettig == "ja")
    if email.strip():
        item["communicatie"] = [{"soort": "e-mail", "nummer": email.strip()}]
    return await _bewaar(pagina, leerling_id, tab, _voeg_toe("verzorgers", item), "Toegevoegd.")


@router.post("/leerlingen/{leerling_id}/basisgegevens")
async def basisgegevens(
    leerling_id: uuid.UUID,
    pagina: ZorgpaginaDep,
    _: CsrfDep,
    invoer: Annotated[service.Basisgegevens, Form()],
) -> Response:
    """Basisgegevens tab: change the pupil's person data, PGN and address (a Magister import rewrites its fields)."""
    wijziging = service.Basiswijziging(invoer)
    if wijziging.fouten:
        extra = {
            "basis": invoer,
            "fouten": wijziging.fouten,
            "fout": "Niet opgeslagen: verbeter de gemarkeerde velden.",
        }
        return await _tab_pagina(pagina, leerling_id, "basisgegevens", extra, status_code=422)
    try:
        await service.wijzig_gegevens(
            pagina.dossierdienst, pagina.gebruiker, leerling_id, wijziging.wijzig, pgn=wijziging.pgn
        )
    except DienstFout as fout:
        if fout.upstream_status != 422:
            raise
        extra = {"basis": invoer, "fouten": service.basis_veldfouten(fout), "fout": f"Niet opgeslagen: {fout.detail}"}
        return await _tab_pagina(pagina, leerling_id, "basisgegevens", extra, status_code=422)
    return pagina.redirect(f"/leerlingen/{leerling_id}/basisgegevens", ("ok", "De basisgegevens zijn opgeslagen."))


@router.post("/leerlingen/{leerling_id}/vrije-info")
async def vrije_info(
    leerling_id: uuid.UUID,
    pagina: ZorgpaginaDep,
    _: CsrfDep,
    # Room for CRLF line breaks: the limit the dossier keeps is checked on the text with LF line breaks.
    tekst: Annotated[str, Form(max_length=2 * service.VRIJE_INFO_MAX)] = "",
) -> Response:
    """Vrije info tab: replace the school's free text on the pupil (never part of an OSO dossier)."""
    schoon, fout = service.vrije_info_tekst(tekst)
    if fout is None:
        try:
            await service.bewaar_vrije_info(pagina.dossierdienst, pagina.gebruiker, leerling_id, schoon)
        except DienstFout as dienstfout:
            if dienstfout.upstream_status != 422:
                raise
            fout = f"Niet opgeslagen: {dienstfout.detail}"
    if fout is not None:
        extra = {"vrije_info": tekst, "fouten": {"vrije_info": fout}, "fout": fout}
        return await _tab_pagina(pagina, leerling_id, "vrije-info", extra, status_code=422)
    melding = "De vrije info is opgeslagen." if schoon else "De vrije info is leeggemaakt."
    return pagina.redirect(f"/leerlingen/{leerling_id}/vrije-info", ("ok", melding))
