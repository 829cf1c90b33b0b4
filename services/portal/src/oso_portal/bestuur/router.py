"""Pages of the bestuursbeheerder: readiness matrix, grant/revoke mandates, copy with preview, CSV."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from oso_portal.accounts.service import Aangemeld
from oso_portal.backend import BackendDep, BackendFout
from oso_portal.bestuur import service
from oso_portal.web import CsrfDep, redirect, render, vereist_rol, zet_melding
from oso_shared.auth import Rol

router = APIRouter(include_in_schema=False)

BestuurDep = Annotated[Aangemeld, Depends(vereist_rol(Rol.BESTUURSBEHEERDER))]
BRIN4 = re.compile(r"[0-9]{2}[A-Z]{2}")


def _actieve(school: dict[str, Any]) -> set[str]:
    return {m["systeem"] for m in school.get("mandaten") or [] if m.get("actief") and m.get("dienst") == service.DIENST}


@router.get("/bestuur")
async def overzicht(request: Request, gebruiker: BestuurDep, backend: BackendDep) -> Response:
    """Readiness matrix per school and SWV, and the OSO-SWV mandates per school."""
    status = await service.status(backend, gebruiker)
    scholen = status.get("scholen", [])
    return render(
        request,
        "bestuur/overzicht.html",
        {
            "status": status,
            "rijen": service.matrix(status),
            "scholen": [{**s, "actieve": _actieve(s)} for s in scholen],
            "systemen": service.SYSTEMEN,
            "dienst": service.DIENST,
            "actief": "bestuur",
        },
        gebruiker=gebruiker,
    )


@router.get("/bestuur/mandaatstatus.csv")
async def csv(gebruiker: BestuurDep, backend: BackendDep) -> Response:
    """Download the mandate status as CSV."""
    body = await service.status_csv(backend, gebruiker)
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
    backend: BackendDep,
    brin: Annotated[str, Form(max_length=4)],
    systeem: Annotated[str, Form(max_length=60)],
) -> Response:
    """Grant an OSO-SWV mandate for a school and system."""
    response = redirect(request, "/bestuur#mandaten")
    if not _geldig(brin, systeem):
        zet_melding(request, response, "fout", "Kies een school en een systeem.")
        return response
    nieuw = await service.verleen(backend, gebruiker, brin, systeem)
    tekst = f"Mandaat {service.DIENST} {systeem} voor {brin} is verleend."
    zet_melding(
        request, response, "ok", tekst if nieuw else f"Mandaat {service.DIENST} {systeem} voor {brin} bestond al."
    )
    return response


@router.post("/bestuur/mandaten/intrekken")
async def trek_in(
    request: Request,
    gebruiker: BestuurDep,
    _: CsrfDep,
    backend: BackendDep,
    brin: Annotated[str, Form(max_length=4)],
    systeem: Annotated[str, Form(max_length=60)],
) -> Response:
    """Revoke an OSO-SWV mandate."""
    response = redirect(request, "/bestuur#mandaten")
    if not _geldig(brin, systeem):
        zet_melding(request, response, "fout", "Kies een school en een systeem.")
        return response
    await service.trek_in(backend, gebruiker, brin, systeem)
    zet_melding(request, response, "ok", f"Mandaat {service.DIENST} {systeem} voor {brin} is ingetrokken.")
    return response


@router.get("/bestuur/kopieren")
async def kopieer_form(
    request: Request, gebruiker: BestuurDep, backend: BackendDep, bron: str | None = None, systeem: str | None = None
) -> Response:
    """Step 1 of a copy: choose the source mandate and the target schools."""
    status = await service.status(backend, gebruiker)
    scholen = [{**s, "actieve": _actieve(s)} for s in status.get("scholen", [])]
    return render(
        request,
        "bestuur/kopieren.html",
        {"scholen": scholen, "bron": bron, "systeem": systeem, "systemen": service.SYSTEMEN, "actief": "bestuur"},
        gebruiker=gebruiker,
    )


@router.post("/bestuur/kopieren")
async def kopieer(
    request: Request,
    gebruiker: BestuurDep,
    _: CsrfDep,
    backend: BackendDep,
    bron: Annotated[str, Form(max_length=4)],
    systeem: Annotated[str, Form(max_length=60)],
    doelen: Annotated[list[str] | None, Form()] = None,
    bevestigen: Annotated[str | None, Form()] = None,
) -> Response:
    """Step 2 shows the preview; step 3 (``bevestigen``) carries out the copy."""
    doel_lijst = [d for d in (doelen or []) if BRIN4.fullmatch(d) and d != bron]
    if not _geldig(bron, systeem) or not doel_lijst:
        status = await service.status(backend, gebruiker)
        scholen = [{**s, "actieve": _actieve(s)} for s in status.get("scholen", [])]
        return render(
            request,
            "bestuur/kopieren.html",
            {
                "scholen": scholen,
                "bron": bron,
                "systeem": systeem,
                "systemen": service.SYSTEMEN,
                "fout": "Kies het mandaat dat je wilt kopiëren en minstens één andere school.",
                "actief": "bestuur",
            },
            gebruiker=gebruiker,
            status_code=422,
        )
    try:
        resultaat = await service.kopieer(backend, gebruiker, bron, systeem, doel_lijst, bevestigen == "ja")
    except BackendFout as fout:
        if fout.status >= 500:
            raise
        status = await service.status(backend, gebruiker)
        scholen = [{**s, "actieve": _actieve(s)} for s in status.get("scholen", [])]
        return render(
            request,
            "bestuur/kopieren.html",
            {
                "scholen": scholen,
                "bron": bron,
                "systeem": systeem,
                "systemen": service.SYSTEMEN,
                "fout": fout.detail,
                "actief": "bestuur",
            },
            gebruiker=gebruiker,
            status_code=fout.status,
        )
    if resultaat.get("bevestigd"):
        nieuw = [d["brin"] for d in resultaat.get("doelen", []) if d.get("resultaat") == "nieuw"]
        response = redirect(request, "/bestuur#mandaten")
        tekst = (
            f"Mandaat {service.DIENST} {systeem} van {bron} is gekopieerd naar {', '.join(nieuw)}."
            if nieuw
            else "Alle gekozen scholen hadden dit mandaat al; er is niets gewijzigd."
        )
        zet_melding(request, response, "ok", tekst)
        return response
    return render(
        request,
        "bestuur/kopie_voorbeeld.html",
        {"resultaat": resultaat, "bron": bron, "systeem": systeem, "dienst": service.DIENST, "actief": "bestuur"},
        gebruiker=gebruiker,
    )
