"""Pages of the zorgcoördinator's Overdrachtsdossier: create, tabs, actions, bijlagen and the timeline."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from oso_portal.accounts.service import Aangemeld
from oso_portal.clients.dossier import DossierClient, DossierIn
from oso_portal.deps import CsrfDep, DossierDep, SettingsDep, WebDep, ZorgcoordinatorDep, controleer_csrf
from oso_portal.dossiers import flows, service
from oso_portal.leerlingen.service import volledige_naam
from oso_portal.problems import DienstFout
from oso_portal.web import Web, redirect

router = APIRouter(include_in_schema=False)

ACTIES = {
    "valideren": "valideren",
    "opvraagbaar-maken": "opvraagbaar-maken",
    "genereren": "genereren",
}


# ------------------------------------------------------------------------------------------------ nieuw dossier


async def _nieuw_pagina(
    request: Request,
    gebruiker: Aangemeld,
    dossierdienst: DossierClient,
    web: Web,
    leerling_id: uuid.UUID,
    *,
    fout: str | None = None,
    keuze: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    leerling = await dossierdienst.leerling(gebruiker, leerling_id)
    keuzes = await dossierdienst.keuzes(gebruiker)
    return web.render(
        request,
        "dossiers/nieuw.html",
        {
            "leerling": leerling,
            "naam": volledige_naam(leerling.gegevens),
            "vestigingen": keuzes.vestigingen,
            "punten": keuzes.aanleverpunten,
            "fout": fout,
            "keuze": keuze or {"vestigingscode": leerling.vestigingscode or ""},
            "actief": "leerlingen",
        },
        gebruiker=gebruiker,
        status_code=status_code,
    )


@router.get("/leerlingen/{leerling_id}/dossiers/nieuw")
async def nieuw(
    request: Request, leerling_id: uuid.UUID, gebruiker: ZorgcoordinatorDep, dossierdienst: DossierDep, web: WebDep
) -> Response:
    """[+] on the Overdrachtsdossier tab: type, Aanvragende school and Aanleverpunt Doel."""
    return await _nieuw_pagina(request, gebruiker, dossierdienst, web, leerling_id)


@router.post("/leerlingen/{leerling_id}/dossiers")
async def maak(
    request: Request,
    leerling_id: uuid.UUID,
    gebruiker: ZorgcoordinatorDep,
    _: CsrfDep,
    dossierdienst: DossierDep,
    web: WebDep,
    type: Annotated[str, Form(max_length=20)] = "",
    vestigingscode: Annotated[str, Form(max_length=2)] = "",
    aanleverpunt: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """Create the VO-SWV dossier and continue with the dossier data."""
    keuze = {"type": type, "vestigingscode": vestigingscode, "aanleverpunt": aanleverpunt}
    if type != "VO-SWV" or not vestigingscode or not aanleverpunt:
        return await _nieuw_pagina(
            request,
            gebruiker,
            dossierdienst,
            web,
            leerling_id,
            fout="Kies het type VO-SWV, de aanvragende school en het aanleverpunt van het samenwerkingsverband.",
            keuze=keuze,
            status_code=422,
        )
    body = DossierIn(leerling_id=leerling_id, vestigingscode=vestigingscode, aanleverpunt_id=aanleverpunt)
    try:
        dossier = await dossierdienst.maak(gebruiker, body)
    except DienstFout as fout:
        if fout.upstream_status not in (400, 409, 422):
            raise
        return await _nieuw_pagina(
            request,
            gebruiker,
            dossierdienst,
            web,
            leerling_id,
            fout=fout.detail,
            keuze=keuze,
            status_code=fout.upstream_status,
        )
    response = redirect(request, f"/dossiers/{dossier.id}/gegevens")
    web.zet_melding(response, "ok", "Het VO-SWV-dossier is aangemaakt. Controleer de dossiergegevens.")
    return response


# ------------------------------------------------------------------------------------------------ dossier tabs


async def _dossier_pagina(
    request: Request,
    gebruiker: Aangemeld,
    dossierdienst: DossierClient,
    web: Web,
    dossier_id: uuid.UUID,
    tab: str,
    extra: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    pagina = await flows.laad(dossierdienst, gebruiker, dossier_id)
    context = {**service.pagina_context(pagina, tab), **(extra or {})}
    return web.render(request, f"dossiers/{tab}.html", context, gebruiker=gebruiker, status_code=status_code)


@router.get("/dossiers/{dossier_id}")
async def dossier(request: Request, dossier_id: uuid.UUID, gebruiker: ZorgcoordinatorDep) -> Response:
    """The dossier opens on Dossiergegevens."""
    return redirect(request, f"/dossiers/{dossier_id}/gegevens")


@router.get("/dossiers/{dossier_id}/status")
async def status(
    request: Request, dossier_id: uuid.UUID, gebruiker: ZorgcoordinatorDep, dossierdienst: DossierDep, web: WebDep
) -> Response:
    """The status block alone (htmx polls it while the notification is on its way)."""
    dossier = await dossierdienst.dossier(gebruiker, dossier_id)
    gebeurtenissen = await dossierdienst.tijdlijn(gebruiker, dossier_id)
    context = service.status_context(dossier, gebeurtenissen)
    return web.render(request, "dossiers/_status.html", context, gebruiker=gebruiker)


@router.post("/dossiers/{dossier_id}/verwijderen")
async def verwijder(
    request: Request,
    dossier_id: uuid.UUID,
    gebruiker: ZorgcoordinatorDep,
    _: CsrfDep,
    dossierdienst: DossierDep,
    web: WebDep,
    bevestigen: Annotated[str, Form(max_length=3)] = "",
) -> Response:
    """Delete a draft: first a confirmation page, then (``bevestigen=ja``) the deletion."""
    if bevestigen != "ja":
        bevestig: dict[str, Any] = {"bevestig_verwijderen": True}
        return await _dossier_pagina(request, gebruiker, dossierdienst, web, dossier_id, "gegevens", bevestig)
    dossier = await dossierdienst.dossier(gebruiker, dossier_id)
    try:
        await dossierdienst.verwijder(gebruiker, dossier_id)
    except DienstFout as fout:
        if fout.upstream_status != 409:
            raise
        extra = {"actie_fout": fout.detail}
        return await _dossier_pagina(
            request, gebruiker, dossierdienst, web, dossier_id, "gegevens", extra, status_code=409
        )
    response = redirect(request, f"/leerlingen/{dossier.leerling_id}")
    web.zet_melding(response, "ok", "Het conceptdossier is verwijderd.")
    return response


@router.post("/dossiers/{dossier_id}/correctie")
async def correctie(
    request: Request,
    dossier_id: uuid.UUID,
    gebruiker: ZorgcoordinatorDep,
    _: CsrfDep,
    dossierdienst: DossierDep,
    web: WebDep,
) -> Response:
    """A correction of an opvraagbaar dossier is a new dossier that refers to the earlier one."""
    vorig = await dossierdienst.dossier(gebruiker, dossier_id)
    try:
        nieuw = await flows.maak_correctie(dossierdienst, gebruiker, vorig)
    except DienstFout as fout:
        if fout.upstream_status not in (409, 422):
            raise
        extra = {"actie_fout": fout.detail}
        return await _dossier_pagina(
            request, gebruiker, dossierdienst, web, dossier_id, "gegevens", extra, status_code=fout.upstream_status
        )
    response = redirect(request, f"/dossiers/{nieuw.id}/gegevens")
    web.zet_melding(response, "ok", "Er is een nieuw dossier gemaakt als correctie op het eerdere dossier.")
    return response


@router.get("/dossiers/{dossier_id}/{tab}")
async def tab(
    request: Request,
    dossier_id: uuid.UUID,
    tab: str,
    gebruiker: ZorgcoordinatorDep,
    dossierdienst: DossierDep,
    web: WebDep,
) -> Response:
    """One tab of the dossier (Dossiergegevens, Optionele gegevens, Bijlagen, Terugkoppeling SWV, Tijdlijn)."""
    if tab == "pdf":
        body = await dossierdienst.pdf(gebruiker, dossier_id)
        return Response(
            body,
            media_type="application/pdf",
            headers={
                "content-disposition": 'attachment; filename="overdrachtsdossier.pdf"',
                "cache-control": "no-store",
            },
        )
    if tab not in dict(service.TABS):
        return redirect(request, f"/dossiers/{dossier_id}/gegevens")
    return await _dossier_pagina(request, gebruiker, dossierdienst, web, dossier_id, tab)


@router.post("/dossiers/{dossier_id}/optioneel")
async def optioneel(
    request: Request,
    dossier_id: uuid.UUID,
    gebruiker: ZorgcoordinatorDep,
    _: CsrfDep,
    dossierdienst: DossierDep,
    web: WebDep,
    contactnodig: Annotated[str, Form(max_length=10)] = "",
    contactpersoon: Annotated[str, Form(max_length=200)] = "",
    contacttelefoon: Annotated[str, Form(max_length=200)] = "",
    contactemail: Annotated[str, Form(max_length=200)] = "",
    aandachtspunten: Annotated[str, Form(max_length=2000)] = "",
    meesturen: Annotated[list[str] | None, Form()] = None,
    actie: Annotated[str, Form(max_length=20)] = "opslaan",
) -> Response:
    """Save the optional parts and opt-outs; with ``actie=voltooien`` also complete (and generate) the dossier."""
    invoer = service.optioneel_invoer(
        contactnodig, contactpersoon, contacttelefoon, contactemail, aandachtspunten, meesturen or []
    )
    if invoer.fouten:
        extra: dict[str, Any] = {"fouten": invoer.fouten, "invoer": invoer.context()}
        return await _dossier_pagina(
            request, gebruiker, dossierdienst, web, dossier_id, "optioneel", extra, status_code=422
        )
    voltooien = actie == "voltooien"
    try:
        await flows.sla_op(dossierdienst, gebruiker, dossier_id, invoer.wijziging, voltooien=voltooien)
    except DienstFout as fout:
        if fout.upstream_status not in (409, 422):
            raise
        afgewezen = {"fout": fout.detail, "fouten": service.veldfouten(fout), "invoer": invoer.context()}
        return await _dossier_pagina(
            request, gebruiker, dossierdienst, web, dossier_id, "optioneel", afgewezen, status_code=fout.upstream_status
        )
    if voltooien:
        response = redirect(request, f"/dossiers/{dossier_id}/bijlagen")
        tekst = "Het dossier is voltooid en gegenereerd. Voeg zo nodig bijlagen toe en valideer."
    else:
        response = redirect(request, f"/dossiers/{dossier_id}/optioneel")
        tekst = "De optionele gegevens zijn opgeslagen."
    web.zet_melding(response, "ok", tekst)
    return response


@router.post("/dossiers/{dossier_id}/acties/{actie}")
async def voer_uit(
    request: Request,
    dossier_id: uuid.UUID,
    actie: str,
    gebruiker: ZorgcoordinatorDep,
    _: CsrfDep,
    dossierdienst: DossierDep,
    web: WebDep,
) -> Response:
    """Menu Actie: Valideren, Opvraagbaar maken, (Opnieuw) genereren dossier."""
    if actie not in ACTIES:
        return redirect(request, f"/dossiers/{dossier_id}/gegevens")
    try:
        dossier = await dossierdienst.actie(gebruiker, dossier_id, ACTIES[actie])
    except DienstFout as fout:
        weigering = fout.instance_code in service.WEIGERINGEN
        if not weigering and fout.upstream_status not in (409, 422):
            raise
        extra: dict[str, Any] = {"actie_fout": fout.detail, "actie_code": fout.instance_code}
        if fout.body.get("ontbrekend"):
            extra["ontbrekend"] = service.ontbrekende_stappen(list(fout.body["ontbrekend"]))
        status_code = service.WEIGERING_STATUS if weigering else fout.upstream_status
        return await _dossier_pagina(
            request, gebruiker, dossierdienst, web, dossier_id, "gegevens", extra, status_code=status_code
        )
    response = redirect(request, f"/dossiers/{dossier_id}/gegevens")
    if actie == "valideren":
        if dossier.validatie is not None and dossier.validatie.valid:
            web.zet_melding(response, "ok", dossier.validatie.melding)
        else:
            response = redirect(request, f"/dossiers/{dossier_id}/gegevens#validatie")
            web.zet_melding(response, "fout", "Het dossier bevat fouten. Hieronder staat per veld wat er mis is.")
    elif actie == "opvraagbaar-maken":
        web.zet_melding(response, "ok", "Het dossier is opvraagbaar gemaakt. Hieronder zie je de voortgang.")
    else:
        web.zet_melding(response, "ok", "Het dossier is opnieuw gegenereerd met de actuele gegevens.")
    return response


# ------------------------------------------------------------------------------------------------ bijlagen


@router.post("/uploads/dossiers/{dossier_id}/bijlagen")
async def upload(
    request: Request,
    dossier_id: uuid.UUID,
    gebruiker: ZorgcoordinatorDep,
    dossierdienst: DossierDep,
    settings: SettingsDep,
    web: WebDep,
) -> Response:
    """Add a bijlage: checked for size here, streamed on to the dossier service (which checks type and limits)."""
    response = redirect(request, f"/dossiers/{dossier_id}/bijlagen")
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > settings.max_upload_bytes:
        limiet = settings.max_upload_bytes // (1024 * 1024)
        web.zet_melding(response, "fout", f"Het bestand is te groot. Het maximum is {limiet} MB.")
        return response
    form = await request.form(max_files=1, max_fields=5)
    # The CSRF check reads the same parsed form (Starlette caches it) or the htmx header.
    await controleer_csrf(request, gebruiker)
    bestand = form.get("bestand")
    omschrijving = form.get("omschrijving")
    if not isinstance(bestand, UploadFile) or not bestand.filename:
        web.zet_melding(response, "fout", "Kies een bestand om toe te voegen.")
        return response
    try:
        await dossierdienst.voeg_bijlage_toe(
            gebruiker,
            dossier_id,
            bestand,
            omschrijving.strip() if isinstance(omschrijving, str) and omschrijving.strip() else None,
        )
    except DienstFout as fout:
        if fout.upstream_status not in (400, 409, 413, 415, 422):
            raise
        web.zet_melding(response, "fout", f"De bijlage is niet toegevoegd: {fout.detail}")
        return response
    finally:
        await bestand.close()
    web.zet_melding(response, "ok", f"Bijlage {bestand.filename} is toegevoegd.")
    return response


@router.post("/dossiers/{dossier_id}/bijlagen/{bijlage_id}/verwijderen")
async def verwijder_bijlage(
    request: Request,
    dossier_id: uuid.UUID,
    bijlage_id: uuid.UUID,
    gebruiker: ZorgcoordinatorDep,
    _: CsrfDep,
    dossierdienst: DossierDep,
    web: WebDep,
) -> Response:
    """Remove a bijlage from a draft."""
    response = redirect(request, f"/dossiers/{dossier_id}/bijlagen")
    try:
        await dossierdienst.verwijder_bijlage(gebruiker, dossier_id, bijlage_id)
    except DienstFout as fout:
        if fout.upstream_status not in (404, 409):
            raise
        web.zet_melding(response, "fout", f"De bijlage is niet verwijderd: {fout.detail}")
        return response
    web.zet_melding(response, "ok", "De bijlage is verwijderd.")
    return response
