"""Pages of the zorgcoördinator's Overdrachtsdossier: create, tabs, actions, bijlagen and the timeline."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from oso_portal.accounts.service import Aangemeld
from oso_portal.backend import Backend, BackendDep, BackendFout
from oso_portal.dossiers import service
from oso_portal.leerlingen import service as leerlingen
from oso_portal.leerlingen.router import ZorgcoordinatorDep
from oso_portal.web import CsrfDep, controleer_csrf, redirect, render, settings_of, zet_melding

router = APIRouter(include_in_schema=False)

ACTIES = {
    "valideren": "valideren",
    "opvraagbaar-maken": "opvraagbaar-maken",
    "genereren": "genereren",
}
TABS = (
    ("gegevens", "Dossiergegevens"),
    ("optioneel", "Optionele gegevens"),
    ("bijlagen", "Bijlagen"),
    ("terugkoppeling", "Terugkoppeling SWV"),
    ("tijdlijn", "Tijdlijn"),
)


# ------------------------------------------------------------------------------------------------ nieuw dossier


async def _keuzes(backend: Backend, gebruiker: Aangemeld) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    school = await backend.get(gebruiker, "registry", f"/v1/scholen/{gebruiker.school}")
    punten = await backend.get(
        gebruiker, "registry", f"/v1/scholen/{gebruiker.school}/aanleverpunten", params={"dienst": "OSO-SWV"}
    )
    vestigingen = list((school or {}).get("vestigingen") or [])
    # Only SWV points (numbers ending in 500), labelled as the registry labels them.
    swv_punten = [p for p in punten or [] if str(p.get("nummer", "")).endswith("500")]
    return vestigingen, swv_punten


async def _nieuw_pagina(
    request: Request,
    gebruiker: Aangemeld,
    backend: Backend,
    leerling_id: uuid.UUID,
    *,
    fout: str | None = None,
    keuze: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    leerling = await leerlingen.haal(backend, gebruiker, leerling_id)
    vestigingen, punten = await _keuzes(backend, gebruiker)
    return render(
        request,
        "dossiers/nieuw.html",
        {
            "leerling": leerling,
            "naam": leerlingen.volledige_naam(leerling.get("gegevens", {})),
            "vestigingen": vestigingen,
            "punten": punten,
            "fout": fout,
            "keuze": keuze or {"vestigingscode": str(leerling.get("vestigingscode", ""))},
            "actief": "leerlingen",
        },
        gebruiker=gebruiker,
        status_code=status_code,
    )


@router.get("/leerlingen/{leerling_id}/dossiers/nieuw")
async def nieuw(
    request: Request, leerling_id: uuid.UUID, gebruiker: ZorgcoordinatorDep, backend: BackendDep
) -> Response:
    """[+] on the Overdrachtsdossier tab: type, Aanvragende school and Aanleverpunt Doel."""
    return await _nieuw_pagina(request, gebruiker, backend, leerling_id)


@router.post("/leerlingen/{leerling_id}/dossiers")
async def maak(
    request: Request,
    leerling_id: uuid.UUID,
    gebruiker: ZorgcoordinatorDep,
    _: CsrfDep,
    backend: BackendDep,
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
            backend,
            leerling_id,
            fout="Kies het type VO-SWV, de aanvragende school en het aanleverpunt van het samenwerkingsverband.",
            keuze=keuze,
            status_code=422,
        )
    try:
        dossier = await service.maak(backend, gebruiker, leerling_id, vestigingscode, aanleverpunt)
    except BackendFout as fout:
        if fout.status not in (400, 409, 422):
            raise
        return await _nieuw_pagina(
            request, gebruiker, backend, leerling_id, fout=fout.detail, keuze=keuze, status_code=fout.status
        )
    response = redirect(request, f"/dossiers/{dossier['id']}/gegevens")
    zet_melding(request, response, "ok", "Het VO-SWV-dossier is aangemaakt. Controleer de dossiergegevens.")
    return response


# ------------------------------------------------------------------------------------------------ dossier tabs


async def _dossier_pagina(
    request: Request,
    gebruiker: Aangemeld,
    backend: Backend,
    dossier_id: uuid.UUID,
    tab: str,
    extra: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    dossier = await service.haal(backend, gebruiker, dossier_id)
    gebeurtenissen = await service.tijdlijn(backend, gebruiker, dossier_id)
    leerling = await leerlingen.haal(backend, gebruiker, uuid.UUID(str(dossier["leerling_id"])))
    validatie = dossier.get("validatie") or None
    bevindingen = (
        [service.bevinding(f, dossier) for f in validatie.get("findings") or []]
        if validatie and not validatie.get("valid")
        else []
    )
    context: dict[str, Any] = {
        "dossier": dossier,
        "leerling": leerling,
        "naam": leerlingen.volledige_naam(leerling.get("gegevens", {})),
        "tab": tab,
        "tabs": TABS,
        "stappen": service.stappen(dossier, gebeurtenissen),
        "gebeurtenissen": gebeurtenissen,
        "gebeurtenis_labels": service.GEBEURTENIS_LABELS,
        "status_label": service.STATUS_LABELS.get(str(dossier.get("status")), str(dossier.get("status"))),
        "status_melding": service.status_melding(dossier),
        "bewerkbaar": str(dossier.get("status")) in service.BEWERKBAAR,
        "bevindingen": bevindingen,
        "categorie_labels": service.CATEGORIE_LABELS,
        "melding_correct": service.MELDING_CORRECT,
        "actief": "leerlingen",
        **(extra or {}),
    }
    return render(request, f"dossiers/{tab}.html", context, gebruiker=gebruiker, status_code=status_code)


@router.get("/dossiers/{dossier_id}")
async def dossier(request: Request, dossier_id: uuid.UUID, gebruiker: ZorgcoordinatorDep) -> Response:
    """The dossier opens on Dossiergegevens."""
    return redirect(request, f"/dossiers/{dossier_id}/gegevens")


@router.get("/dossiers/{dossier_id}/status")
async def status(
    request: Request, dossier_id: uuid.UUID, gebruiker: ZorgcoordinatorDep, backend: BackendDep
) -> Response:
    """The status block alone (htmx polls it while the notification is on its way)."""
    dossier = await service.haal(backend, gebruiker, dossier_id)
    gebeurtenissen = await service.tijdlijn(backend, gebruiker, dossier_id)
    return render(
        request,
        "dossiers/_status.html",
        {
            "dossier": dossier,
            "stappen": service.stappen(dossier, gebeurtenissen),
            "status_label": service.STATUS_LABELS.get(str(dossier.get("status")), str(dossier.get("status"))),
            "status_melding": service.status_melding(dossier),
        },
        gebruiker=gebruiker,
    )


@router.post("/dossiers/{dossier_id}/verwijderen")
async def verwijder(
    request: Request,
    dossier_id: uuid.UUID,
    gebruiker: ZorgcoordinatorDep,
    _: CsrfDep,
    backend: BackendDep,
    bevestigen: Annotated[str, Form(max_length=3)] = "",
) -> Response:
    """Delete a draft: first a confirmation page, then (``bevestigen=ja``) the deletion."""
    if bevestigen != "ja":
        return await _dossier_pagina(
            request, gebruiker, backend, dossier_id, "gegevens", {"bevestig_verwijderen": True}
        )
    dossier = await service.haal(backend, gebruiker, dossier_id)
    try:
        await service.verwijder(backend, gebruiker, dossier_id)
    except BackendFout as fout:
        if fout.status != 409:
            raise
        return await _dossier_pagina(
            request, gebruiker, backend, dossier_id, "gegevens", {"actie_fout": fout.detail}, status_code=409
        )
    response = redirect(request, f"/leerlingen/{dossier['leerling_id']}")
    zet_melding(request, response, "ok", "Het conceptdossier is verwijderd.")
    return response


@router.post("/dossiers/{dossier_id}/correctie")
async def correctie(
    request: Request, dossier_id: uuid.UUID, gebruiker: ZorgcoordinatorDep, _: CsrfDep, backend: BackendDep
) -> Response:
    """A correction of an opvraagbaar dossier is a new dossier that refers to the earlier one."""
    vorig = await service.haal(backend, gebruiker, dossier_id)
    try:
        nieuw = await service.maak(
            backend,
            gebruiker,
            uuid.UUID(str(vorig["leerling_id"])),
            str(vorig["vestigingscode"]),
            str((vorig.get("aanleverpunt") or {}).get("id")),
            vorige_dossier_id=str(dossier_id),
        )
    except BackendFout as fout:
        if fout.status not in (409, 422):
            raise
        return await _dossier_pagina(
            request, gebruiker, backend, dossier_id, "gegevens", {"actie_fout": fout.detail}, status_code=fout.status
        )
    response = redirect(request, f"/dossiers/{nieuw['id']}/gegevens")
    zet_melding(request, response, "ok", "Er is een nieuw dossier gemaakt als correctie op het eerdere dossier.")
    return response


@router.get("/dossiers/{dossier_id}/{tab}")
async def tab(
    request: Request, dossier_id: uuid.UUID, tab: str, gebruiker: ZorgcoordinatorDep, backend: BackendDep
) -> Response:
    """One tab of the dossier (Dossiergegevens, Optionele gegevens, Bijlagen, Terugkoppeling SWV, Tijdlijn)."""
    if tab == "pdf":
        body = await service.pdf(backend, gebruiker, dossier_id)
        return Response(
            body,
            media_type="application/pdf",
            headers={
                "content-disposition": 'attachment; filename="overdrachtsdossier.pdf"',
                "cache-control": "no-store",
            },
        )
    if tab not in dict(TABS):
        return redirect(request, f"/dossiers/{dossier_id}/gegevens")
    return await _dossier_pagina(request, gebruiker, backend, dossier_id, tab)


def _aan(value: str | None) -> bool:
    return value in ("aan", "ja", "on", "true")


@router.post("/dossiers/{dossier_id}/optioneel")
async def optioneel(
    request: Request,
    dossier_id: uuid.UUID,
    gebruiker: ZorgcoordinatorDep,
    _: CsrfDep,
    backend: BackendDep,
    contactnodig: Annotated[str, Form(max_length=10)] = "",
    contactpersoon: Annotated[str, Form(max_length=200)] = "",
    contacttelefoon: Annotated[str, Form(max_length=200)] = "",
    contactemail: Annotated[str, Form(max_length=200)] = "",
    aandachtspunten: Annotated[str, Form(max_length=2000)] = "",
    meesturen: Annotated[list[str] | None, Form()] = None,
    actie: Annotated[str, Form(max_length=20)] = "opslaan",
) -> Response:
    """Save the optional parts and opt-outs; with ``actie=voltooien`` also complete (and generate) the dossier."""
    fouten: dict[str, str] = {}
    if len(aandachtspunten.strip()) > 280:
        fouten["aandachtspunten"] = "Aandachtspunten mogen hoogstens 280 tekens zijn."
    opties: dict[str, Any] = {
        "contactnodig": None if contactnodig == "" else _aan(contactnodig),
        "contactpersoon": contactpersoon.strip() or None,
        "contacttelefoon": contacttelefoon.strip() or None,
        "contactemail": contactemail.strip() or None,
        "aandachtspunten": aandachtspunten.strip() or None,
    }
    gekozen = set(meesturen or [])
    categorieen = {code: code in gekozen for code in service.CATEGORIE_LABELS}
    if fouten:
        return await _dossier_pagina(
            request,
            gebruiker,
            backend,
            dossier_id,
            "optioneel",
            {"fouten": fouten, "invoer": {**opties, "categorieen": categorieen}},
            status_code=422,
        )
    try:
        await service.wijzig(backend, gebruiker, dossier_id, opties, categorieen)
        if actie == "voltooien":
            await service.actie(backend, gebruiker, dossier_id, "voltooien")
    except BackendFout as fout:
        if fout.status not in (409, 422):
            raise
        velden = {str(f.get("veld", "")).split(".")[-1]: str(f.get("melding")) for f in fout.body.get("fouten") or []}
        return await _dossier_pagina(
            request,
            gebruiker,
            backend,
            dossier_id,
            "optioneel",
            {"fout": fout.detail, "fouten": velden, "invoer": {**opties, "categorieen": categorieen}},
            status_code=fout.status,
        )
    if actie == "voltooien":
        response = redirect(request, f"/dossiers/{dossier_id}/bijlagen")
        zet_melding(
            request, response, "ok", "Het dossier is voltooid en gegenereerd. Voeg zo nodig bijlagen toe en valideer."
        )
    else:
        response = redirect(request, f"/dossiers/{dossier_id}/optioneel")
        zet_melding(request, response, "ok", "De optionele gegevens zijn opgeslagen.")
    return response


@router.post("/dossiers/{dossier_id}/acties/{actie}")
async def voer_uit(
    request: Request,
    dossier_id: uuid.UUID,
    actie: str,
    gebruiker: ZorgcoordinatorDep,
    _: CsrfDep,
    backend: BackendDep,
) -> Response:
    """Menu Actie: Valideren, Opvraagbaar maken, (Opnieuw) genereren dossier."""
    if actie not in ACTIES:
        return redirect(request, f"/dossiers/{dossier_id}/gegevens")
    try:
        dossier = await service.actie(backend, gebruiker, dossier_id, ACTIES[actie])
    except BackendFout as fout:
        if fout.status not in (409, 422):
            raise
        extra: dict[str, Any] = {"actie_fout": fout.detail, "actie_code": fout.code}
        if fout.body.get("ontbrekend"):
            extra["ontbrekend"] = service.ontbrekende_stappen(list(fout.body["ontbrekend"]))
        return await _dossier_pagina(
            request, gebruiker, backend, dossier_id, "gegevens", extra, status_code=fout.status
        )
    response = redirect(request, f"/dossiers/{dossier_id}/gegevens")
    if actie == "valideren":
        validatie = dossier.get("validatie") or {}
        if validatie.get("valid"):
            zet_melding(request, response, "ok", service.MELDING_CORRECT)
        else:
            response = redirect(request, f"/dossiers/{dossier_id}/gegevens#validatie")
            zet_melding(request, response, "fout", "Het dossier bevat fouten. Hieronder staat per veld wat er mis is.")
    elif actie == "opvraagbaar-maken":
        zet_melding(request, response, "ok", "Het dossier is opvraagbaar gemaakt. Hieronder zie je de voortgang.")
    else:
        zet_melding(request, response, "ok", "Het dossier is opnieuw gegenereerd met de actuele gegevens.")
    return response


# ------------------------------------------------------------------------------------------------ bijlagen


@router.post("/uploads/dossiers/{dossier_id}/bijlagen")
async def upload(
    request: Request, dossier_id: uuid.UUID, gebruiker: ZorgcoordinatorDep, backend: BackendDep
) -> Response:
    """Add a bijlage: checked for size here, streamed on to the dossier service (which checks type and limits)."""
    settings = settings_of(request)
    response = redirect(request, f"/dossiers/{dossier_id}/bijlagen")
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > settings.max_upload_bytes:
        limiet = settings.max_upload_bytes // (1024 * 1024)
        zet_melding(request, response, "fout", f"Het bestand is te groot. Het maximum is {limiet} MB.")
        return response
    form = await request.form(max_files=1, max_fields=5)
    # The CSRF check reads the same parsed form (Starlette caches it) or the htmx header.
    await controleer_csrf(request, gebruiker)
    bestand = form.get("bestand")
    omschrijving = form.get("omschrijving")
    if not isinstance(bestand, UploadFile) or not bestand.filename:
        zet_melding(request, response, "fout", "Kies een bestand om toe te voegen.")
        return response
    try:
        await service.voeg_bijlage_toe(
            backend,
            gebruiker,
            dossier_id,
            bestand,
            omschrijving.strip() if isinstance(omschrijving, str) and omschrijving.strip() else None,
        )
    except BackendFout as fout:
        if fout.status not in (400, 409, 413, 415, 422):
            raise
        zet_melding(request, response, "fout", f"De bijlage is niet toegevoegd: {fout.detail}")
        return response
    finally:
        await bestand.close()
    zet_melding(request, response, "ok", f"Bijlage {bestand.filename} is toegevoegd.")
    return response


@router.post("/dossiers/{dossier_id}/bijlagen/{bijlage_id}/verwijderen")
async def verwijder_bijlage(
    request: Request,
    dossier_id: uuid.UUID,
    bijlage_id: uuid.UUID,
    gebruiker: ZorgcoordinatorDep,
    _: CsrfDep,
    backend: BackendDep,
) -> Response:
    """Remove a bijlage from a draft."""
    response = redirect(request, f"/dossiers/{dossier_id}/bijlagen")
    try:
        await service.verwijder_bijlage(backend, gebruiker, dossier_id, bijlage_id)
    except BackendFout as fout:
        if fout.status not in (404, 409):
            raise
        zet_melding(request, response, "fout", f"De bijlage is niet verwijderd: {fout.detail}")
        return response
    zet_melding(request, response, "ok", "De bijlage is verwijderd.")
    return response
