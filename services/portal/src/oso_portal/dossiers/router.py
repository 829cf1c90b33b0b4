"""Pages of the zorgcoördinator's Overdrachtsdossier: create, tabs, actions, bijlagen and the timeline."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Form
from fastapi.responses import Response

from oso_portal.clients import dossier as dossierclient
from oso_portal.clients.dossier import DossierIn
from oso_portal.deps import CSRF_HEADER, CsrfDep, SettingsDep, Zorgpagina, ZorgpaginaDep, csrf_klopt
from oso_portal.dossiers import flows, service
from oso_portal.dossiers.upload import BijlageStroom, OngeldigeUpload, TeGroot
from oso_portal.leerlingen.service import volledige_naam
from oso_portal.problems import CsrfOngeldig, DienstFout

router = APIRouter(include_in_schema=False)

ACTIES = {
    "valideren": "valideren",
    "opvraagbaar-maken": "opvraagbaar-maken",
    "genereren": "genereren",
}


# ------------------------------------------------------------------------------------------------ nieuw dossier


async def _nieuw_pagina(
    pagina: Zorgpagina,
    leerling_id: uuid.UUID,
    *,
    fout: str | None = None,
    keuze: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    leerling = await pagina.dossierdienst.leerling(pagina.gebruiker, leerling_id)
    keuzes = await pagina.dossierdienst.keuzes(pagina.gebruiker)
    context = {
        "leerling": leerling,
        "naam": volledige_naam(leerling.gegevens),
        "vestigingen": keuzes.vestigingen,
        "punten": keuzes.aanleverpunten,
        "fout": fout,
        "keuze": keuze or {"vestigingscode": leerling.vestigingscode or ""},
        "actief": "leerlingen",
    }
    return pagina.render("dossiers/nieuw.html", context, status_code=status_code)


@router.get("/leerlingen/{leerling_id}/dossiers/nieuw")
async def nieuw(leerling_id: uuid.UUID, pagina: ZorgpaginaDep) -> Response:
    """[+] on the Overdrachtsdossier tab: type, Aanvragende school and Aanleverpunt Doel."""
    return await _nieuw_pagina(pagina, leerling_id)


@router.post("/leerlingen/{leerling_id}/dossiers")
async def maak(
    leerling_id: uuid.UUID,
    pagina: ZorgpaginaDep,
    _: CsrfDep,
    type: Annotated[str, Form(max_length=20)] = "",
    vestigingscode: Annotated[str, Form(max_length=2)] = "",
    aanleverpunt: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """Create the VO-SWV dossier and continue with the dossier data."""
    keuze = {"type": type, "vestigingscode": vestigingscode, "aanleverpunt": aanleverpunt}
    if type != "VO-SWV" or not vestigingscode or not aanleverpunt:
        fout = "Kies het type VO-SWV, de aanvragende school en het aanleverpunt van het samenwerkingsverband."
        return await _nieuw_pagina(pagina, leerling_id, fout=fout, keuze=keuze, status_code=422)
    body = DossierIn(leerling_id=leerling_id, vestigingscode=vestigingscode, aanleverpunt_id=aanleverpunt)
    try:
        dossier = await pagina.dossierdienst.maak(pagina.gebruiker, body)
    except DienstFout as fout:
        if fout.upstream_status not in (400, 409, 422):
            raise
        return await _nieuw_pagina(pagina, leerling_id, fout=fout.detail, keuze=keuze, status_code=fout.upstream_status)
    melding = ("ok", "Het VO-SWV-dossier is aangemaakt. Controleer de dossiergegevens.")
    return pagina.redirect(f"/dossiers/{dossier.id}/gegevens", melding)


# ------------------------------------------------------------------------------------------------ dossier tabs


async def _dossier_pagina(
    pagina: Zorgpagina,
    dossier_id: uuid.UUID,
    tab: str,
    extra: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    geladen = await flows.laad(pagina.dossierdienst, pagina.gebruiker, dossier_id)
    context = {**service.pagina_context(geladen, tab), **(extra or {})}
    return pagina.render(f"dossiers/{tab}.html", context, status_code=status_code)


async def _actie_fout(pagina: Zorgpagina, dossier_id: uuid.UUID, fout: DienstFout, status_code: int) -> Response:
    # A refused action: the dossier page again, with the dossier service's explanation above it.
    return await _dossier_pagina(pagina, dossier_id, "gegevens", {"actie_fout": fout.detail}, status_code)


@router.get("/dossiers/{dossier_id}")
async def dossier(dossier_id: uuid.UUID, pagina: ZorgpaginaDep) -> Response:
    """The dossier opens on Dossiergegevens."""
    return pagina.redirect(f"/dossiers/{dossier_id}/gegevens")


@router.get("/dossiers/{dossier_id}/status")
async def status(dossier_id: uuid.UUID, pagina: ZorgpaginaDep) -> Response:
    """The status block alone (htmx polls it while the notification is on its way)."""
    dossier = await pagina.dossierdienst.dossier(pagina.gebruiker, dossier_id)
    gebeurtenissen = await pagina.dossierdienst.tijdlijn(pagina.gebruiker, dossier_id)
    return pagina.render("dossiers/_status.html", service.status_context(dossier, gebeurtenissen))


@router.post("/dossiers/{dossier_id}/verwijderen")
async def verwijder(
    dossier_id: uuid.UUID,
    pagina: ZorgpaginaDep,
    _: CsrfDep,
    bevestigen: Annotated[str, Form(max_length=3)] = "",
) -> Response:
    """Delete a draft: first a confirmation page, then (``bevestigen=ja``) the deletion."""
    if bevestigen != "ja":
        return await _dossier_pagina(pagina, dossier_id, "gegevens", {"bevestig_verwijderen": True})
    dossier = await pagina.dossierdienst.dossier(pagina.gebruiker, dossier_id)
    try:
        await pagina.dossierdienst.verwijder(pagina.gebruiker, dossier_id)
    except DienstFout as fout:
        if fout.upstream_status != 409:
            raise
        return await _actie_fout(pagina, dossier_id, fout, 409)
    return pagina.redirect(f"/leerlingen/{dossier.leerling_id}", ("ok", "Het conceptdossier is verwijderd."))


@router.post("/dossiers/{dossier_id}/correctie")
async def correctie(dossier_id: uuid.UUID, pagina: ZorgpaginaDep, _: CsrfDep) -> Response:
    """A correction of an opvraagbaar dossier is a new dossier that refers to the earlier one."""
    vorig = await pagina.dossierdienst.dossier(pagina.gebruiker, dossier_id)
    try:
        nieuw = await flows.maak_correctie(pagina.dossierdienst, pagina.gebruiker, vorig)
    except DienstFout as fout:
        if fout.upstream_status not in (409, 422):
            raise
        return await _actie_fout(pagina, dossier_id, fout, fout.upstream_status)
    melding = ("ok", "Er is een nieuw dossier gemaakt als correctie op het eerdere dossier.")
    return pagina.redirect(f"/dossiers/{nieuw.id}/gegevens", melding)


@router.get("/dossiers/{dossier_id}/{tab}")
async def tab(dossier_id: uuid.UUID, tab: str, pagina: ZorgpaginaDep) -> Response:
    """One tab of the dossier (Dossiergegevens, Optionele gegevens, Bijlagen, Terugkoppeling SWV, Tijdlijn)."""
    if tab == "pdf":
        body = await pagina.dossierdienst.pdf(pagina.gebruiker, dossier_id)
        return Response(
            body,
            media_type="application/pdf",
            headers={
                "content-disposition": 'attachment; filename="overdrachtsdossier.pdf"',
                "cache-control": "no-store",
            },
        )
    if tab not in dict(service.TABS):
        return pagina.redirect(f"/dossiers/{dossier_id}/gegevens")
    return await _dossier_pagina(pagina, dossier_id, tab)


@router.post("/dossiers/{dossier_id}/optioneel")
async def optioneel(
    dossier_id: uuid.UUID,
    pagina: ZorgpaginaDep,
    _: CsrfDep,
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
        extra = {"fouten": invoer.fouten, "invoer": invoer.context()}
        return await _dossier_pagina(pagina, dossier_id, "optioneel", extra, status_code=422)
    voltooien = actie == "voltooien"
    try:
        await flows.sla_op(pagina.dossierdienst, pagina.gebruiker, dossier_id, invoer.wijziging, voltooien=voltooien)
    except DienstFout as fout:
        if fout.upstream_status not in (409, 422):
            raise
        afgewezen = {"fout": fout.detail, "fouten": service.veldfouten(fout), "invoer": invoer.context()}
        return await _dossier_pagina(pagina, dossier_id, "optioneel", afgewezen, status_code=fout.upstream_status)
    if voltooien:
        tekst = "Het dossier is voltooid en gegenereerd. Voeg zo nodig bijlagen toe en valideer."
        return pagina.redirect(f"/dossiers/{dossier_id}/bijlagen", ("ok", tekst))
    return pagina.redirect(f"/dossiers/{dossier_id}/optioneel", ("ok", "De optionele gegevens zijn opgeslagen."))


@router.post("/dossiers/{dossier_id}/acties/{actie}")
async def voer_uit(dossier_id: uuid.UUID, actie: str, pagina: ZorgpaginaDep, _: CsrfDep) -> Response:
    """Menu Actie: Valideren, Opvraagbaar maken, (Opnieuw) genereren dossier."""
    gegevens = f"/dossiers/{dossier_id}/gegevens"
    if actie not in ACTIES:
        return pagina.redirect(gegevens)
    try:
        dossier = await pagina.dossierdienst.actie(pagina.gebruiker, dossier_id, ACTIES[actie])
    except DienstFout as fout:
        weigering = fout.instance_code in service.WEIGERINGEN
        if not weigering and fout.upstream_status not in (409, 422):
            raise
        extra: dict[str, Any] = {"actie_fout": fout.detail, "actie_code": fout.instance_code}
        if ontbrekend := dossierclient.ontbrekend(fout):
            extra["ontbrekend"] = service.ontbrekende_stappen(ontbrekend)
        status_code = service.WEIGERING_STATUS if weigering else fout.upstream_status
        return await _dossier_pagina(pagina, dossier_id, "gegevens", extra, status_code=status_code)
    if actie == "valideren":
        if dossier.validatie is not None and dossier.validatie.valid:
            return pagina.redirect(gegevens, ("ok", dossier.validatie.melding))
        tekst = "Het dossier bevat fouten. Hieronder staat per veld wat er mis is."
        return pagina.redirect(f"{gegevens}#validatie", ("fout", tekst))
    if actie == "opvraagbaar-maken":
        return pagina.redirect(gegevens, ("ok", "Het dossier is opvraagbaar gemaakt. Hieronder zie je de voortgang."))
    return pagina.redirect(gegevens, ("ok", "Het dossier is opnieuw gegenereerd met de actuele gegevens."))


# ------------------------------------------------------------------------------------------------ bijlagen


@router.post("/uploads/dossiers/{dossier_id}/bijlagen")
async def upload(dossier_id: uuid.UUID, pagina: ZorgpaginaDep, settings: SettingsDep) -> Response:
    """Add a bijlage: streamed on to the dossier service (which checks type and limits), counted and cut here.

    The CSRF token comes from the htmx header, checked before one byte of the body is read; a form without
    JavaScript sends it as the field before the file, checked before the file's first byte is passed on.
    """
    request = pagina.request
    bijlagen = f"/dossiers/{dossier_id}/bijlagen"
    header = request.headers.get(CSRF_HEADER)
    if header is not None and not csrf_klopt(header, pagina.gebruiker):
        raise CsrfOngeldig
    limiet = f"Het bestand is te groot. Het maximum is {settings.max_upload_bytes // (1024 * 1024)} MB."
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > settings.max_upload_bytes:
        return pagina.redirect(bijlagen, ("fout", limiet))
    try:
        stroom = BijlageStroom(request, settings.max_upload_bytes)
        heeft_bestand = await stroom.tot_bestand()
    except (OngeldigeUpload, TeGroot):
        return pagina.redirect(bijlagen, ("fout", "Kies een bestand om toe te voegen."))
    if header is None and not csrf_klopt(stroom.velden.get("csrf_token"), pagina.gebruiker):
        raise CsrfOngeldig
    if not heeft_bestand or not stroom.bestandsnaam:
        return pagina.redirect(bijlagen, ("fout", "Kies een bestand om toe te voegen."))
    omschrijving = stroom.velden.get("omschrijving", "").strip() or None
    try:
        await pagina.dossierdienst.voeg_bijlage_toe(
            pagina.gebruiker, dossier_id, stroom.bestandsnaam, stroom.content_type, stroom.inhoud(), omschrijving
        )
    except DienstFout as fout:
        if stroom.te_groot:
            return _te_groot(pagina, bijlagen, limiet)
        if fout.upstream_status not in (400, 409, 413, 415, 422):
            raise
        return pagina.redirect(bijlagen, ("fout", f"De bijlage is niet toegevoegd: {fout.detail}"))
    except (TeGroot, OngeldigeUpload):
        if stroom.te_groot:
            return _te_groot(pagina, bijlagen, limiet)
        return pagina.redirect(bijlagen, ("fout", "Het bestand is niet volledig aangekomen. Probeer het opnieuw."))
    return pagina.redirect(bijlagen, ("ok", f"Bijlage {stroom.bestandsnaam} is toegevoegd."))


def _te_groot(pagina: Zorgpagina, bijlagen: str, limiet: str) -> Response:
    # Cut mid-stream: 413, and htmx still follows HX-Redirect to the bijlagen tab with the message.
    response = pagina.redirect(bijlagen, ("fout", limiet))
    if response.status_code == 204:
        response.status_code = 413
        return response
    page = pagina.web.foutpagina(pagina.request, "Bestand te groot", limiet, 413)
    return page


@router.post("/dossiers/{dossier_id}/bijlagen/{bijlage_id}/verwijderen")
async def verwijder_bijlage(
    dossier_id: uuid.UUID, bijlage_id: uuid.UUID, pagina: ZorgpaginaDep, _: CsrfDep
) -> Response:
    """Remove a bijlage from a draft."""
    bijlagen = f"/dossiers/{dossier_id}/bijlagen"
    try:
        await pagina.dossierdienst.verwijder_bijlage(pagina.gebruiker, dossier_id, bijlage_id)
    except DienstFout as fout:
        if fout.upstream_status not in (404, 409):
            raise
        return pagina.redirect(bijlagen, ("fout", f"De bijlage is niet verwijderd: {fout.detail}"))
    return pagina.redirect(bijlagen, ("ok", "De bijlage is verwijderd."))
