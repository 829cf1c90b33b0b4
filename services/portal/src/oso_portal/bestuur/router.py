"""Pages of the bestuursbeheerder: readiness matrix, grant/revoke mandates, copy with preview, CSV."""

from __future__ import annotations

import re
import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from oso_portal.accounts.service import Aangemeld
from oso_portal.bestuur import service
from oso_portal.clients.registry import MandaatBron, MandaatIn, MandaatkopieIn, RegistryClient
from oso_portal.deps import BestuurDep, CsrfDep, RegistryDep, WebDep
from oso_portal.problems import DienstFout
from oso_portal.web import Web, redirect

router = APIRouter(include_in_schema=False)

BRIN4 = re.compile(r"[0-9]{2}[A-Z]{2}")


def _bestuur(gebruiker: Aangemeld) -> str:
    assert gebruiker.bestuur
    return gebruiker.bestuur


@router.get("/bestuur")
async def overzicht(request: Request, gebruiker: BestuurDep, register: RegistryDep, web: WebDep) -> Response:
    """Readiness matrix per school and SWV, and the OSO-SWV mandates per school."""
    status = await register.mandaatstatus(gebruiker, _bestuur(gebruiker))
    return web.render(
        request,
        "bestuur/overzicht.html",
        {
            "status": status,
            "rijen": service.matrix(status),
            "scholen": service.scholen(status),
            "systemen": service.SYSTEMEN,
            "dienst": service.DIENST,
            "actief": "bestuur",
        },
        gebruiker=gebruiker,
    )


@router.get("/bestuur/mandaatstatus.csv")
async def csv(gebruiker: BestuurDep, register: RegistryDep) -> Response:
    """Download the mandate status as CSV."""
    body = await register.mandaatstatus_csv(gebruiker, _bestuur(gebruiker))
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="mandaatstatus-{gebruiker.bestuur}.csv"'},
    )


def _geldig(brin: str, systeem: str) -> bool:
    return bool(BRIN4.fullmatch(brin)) and systeem in service.SYSTEMEN


@router.post("/bestuur/mandaten")
async def verleen(
    request: Request,
    gebruiker: BestuurDep,
    _: CsrfDep,
    register: RegistryDep,
    web: WebDep,
    brin: Annotated[str, Form(max_length=4)],
    systeem: Annotated[str, Form(max_length=60)],
) -> Response:
    """Grant an OSO-SWV mandate for a school and system."""
    response = redirect(request, "/bestuur#mandaten")
    if not _geldig(brin, systeem):
        web.zet_melding(response, "fout", "Kies een school en een systeem.")
        return response
    nieuw = await register.verleen_mandaat(gebruiker, brin, MandaatIn(dienst=service.DIENST, systeem=systeem))
    tekst = "is verleend" if nieuw else "bestond al"
    web.zet_melding(response, "ok", f"Mandaat {service.DIENST} {systeem} voor {brin} {tekst}.")
    return response


@router.post("/bestuur/mandaten/intrekken")
async def trek_in(
    request: Request,
    gebruiker: BestuurDep,
    _: CsrfDep,
    register: RegistryDep,
    web: WebDep,
    brin: Annotated[str, Form(max_length=4)],
    systeem: Annotated[str, Form(max_length=60)],
) -> Response:
    """Revoke an OSO-SWV mandate."""
    response = redirect(request, "/bestuur#mandaten")
    if not _geldig(brin, systeem):
        web.zet_melding(response, "fout", "Kies een school en een systeem.")
        return response
    await register.trek_mandaat_in(gebruiker, brin, MandaatIn(dienst=service.DIENST, systeem=systeem))
    web.zet_melding(response, "ok", f"Mandaat {service.DIENST} {systeem} voor {brin} is ingetrokken.")
    return response


async def _kopieerpagina(
    request: Request,
    gebruiker: Aangemeld,
    register: RegistryClient,
    web: Web,
    bron: str | None,
    systeem: str | None,
    *,
    fout: str | None = None,
    status_code: int = 200,
) -> Response:
    status = await register.mandaatstatus(gebruiker, _bestuur(gebruiker))
    context = {"scholen": status.scholen, "bron": bron, "systeem": systeem, "systemen": service.SYSTEMEN}
    if fout is not None:
        context["fout"] = fout
    return web.render(
        request, "bestuur/kopieren.html", {**context, "actief": "bestuur"}, gebruiker=gebruiker, status_code=status_code
    )


@router.get("/bestuur/kopieren")
async def kopieer_form(
    request: Request,
    gebruiker: BestuurDep,
    register: RegistryDep,
    web: WebDep,
    bron: str | None = None,
    systeem: str | None = None,
) -> Response:
    """Step 1 of a copy: choose the source mandate and the target schools."""
    return await _kopieerpagina(request, gebruiker, register, web, bron, systeem)


@router.post("/bestuur/kopieren")
async def kopieer(
    request: Request,
    gebruiker: BestuurDep,
    _: CsrfDep,
    register: RegistryDep,
    web: WebDep,
    bron: Annotated[str, Form(max_length=4)],
    systeem: Annotated[str, Form(max_length=60)],
    doelen: Annotated[list[str] | None, Form()] = None,
    bevestigen: Annotated[str | None, Form()] = None,
) -> Response:
    """Step 2 shows the preview; step 3 (``bevestigen``) carries out the copy."""
    doel_lijst = [d for d in (doelen or []) if BRIN4.fullmatch(d) and d != bron]
    if not _geldig(bron, systeem) or not doel_lijst:
        fout = "Kies het mandaat dat je wilt kopiëren en minstens één andere school."
        return await _kopieerpagina(request, gebruiker, register, web, bron, systeem, fout=fout, status_code=422)
    body = MandaatkopieIn(
        bron=MandaatBron(brin=bron, dienst=service.DIENST, systeem=systeem),
        doelen=doel_lijst,
        bevestigen=bevestigen == "ja",
    )
    try:
        resultaat = await register.kopieer_mandaat(gebruiker, _bestuur(gebruiker), body)
    except DienstFout as fout:
        if fout.upstream_status >= 500:
            raise
        return await _kopieerpagina(
            request, gebruiker, register, web, bron, systeem, fout=fout.detail, status_code=fout.upstream_status
        )
    if resultaat.bevestigd:
        nieuw = [d.brin for d in resultaat.doelen if d.resultaat == "nieuw"]
        response = redirect(request, "/bestuur#mandaten")
        tekst = (
            f"Mandaat {service.DIENST} {systeem} van {bron} is gekopieerd naar {', '.join(nieuw)}."
            if nieuw
            else "Alle gekozen scholen hadden dit mandaat al; er is niets gewijzigd."
        )
        web.zet_melding(response, "ok", tekst)
        return response
    return web.render(
        request,
        "bestuur/kopie_voorbeeld.html",
        {"resultaat": resultaat, "bron": bron, "systeem": systeem, "dienst": service.DIENST, "actief": "bestuur"},
        gebruiker=gebruiker,
    )


@router.get("/bestuur/registraties")
async def registraties(request: Request, gebruiker: BestuurDep, register: RegistryDep, web: WebDep) -> Response:
    """Registrations of the board's schools by SWVs; those outside the SWV's region wait for a decision here."""
    verzoeken = await register.registraties_van_bestuur(gebruiker, _bestuur(gebruiker))
    return web.render(
        request,
        "bestuur/registraties.html",
        {
            "open": [v for v in verzoeken if v.status == "aangevraagd"],
            "beoordeeld": [v for v in verzoeken if v.status != "aangevraagd"],
            "actief": "registraties",
        },
        gebruiker=gebruiker,
    )


@router.post("/bestuur/registraties/{registratie_id}/{besluit}")
async def beoordeel(
    request: Request,
    registratie_id: uuid.UUID,
    besluit: Literal["accepteren", "afwijzen"],
    gebruiker: BestuurDep,
    _: CsrfDep,
    register: RegistryDep,
    web: WebDep,
) -> Response:
    """Accept or reject one pending registration."""
    verzoek = await register.beoordeel_registratie(gebruiker, str(registratie_id), besluit)
    response = redirect(request, "/bestuur/registraties")
    tekst = "is geaccepteerd" if besluit == "accepteren" else "is afgewezen"
    web.zet_melding(response, "ok", f"De registratie van {verzoek.brin} door {verzoek.swv.get('naam', '')} {tekst}.")
    return response
