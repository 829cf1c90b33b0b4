"""Pages of the schoolbeheerder: aanleverpunt per location, BRIN registration, zorgcoördinator rights."""

from __future__ import annotations

import re
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from oso_portal.accounts import service as accounts
from oso_portal.accounts.service import Aangemeld
from oso_portal.backend import BackendDep, BackendFout
from oso_portal.school import service
from oso_portal.web import CsrfDep, redirect, render, vereist_rol, zet_melding
from oso_shared.auth import Rol
from oso_shared.db import SessionDep

router = APIRouter(include_in_schema=False)

GEBRUIKERSNAAM = re.compile(r"[A-Za-z0-9._-]{3,80}")

SchoolbeheerderDep = Annotated[Aangemeld, Depends(vereist_rol(Rol.SCHOOLBEHEERDER))]


@router.get("/school")
async def overzicht(request: Request, gebruiker: SchoolbeheerderDep, backend: BackendDep) -> Response:
    """The school's locations with their aanleverpunt and the OSO-SWV registration."""
    school = await service.school(backend, gebruiker)
    return render(request, "school/overzicht.html", {"school": school, "actief": "school"}, gebruiker=gebruiker)


@router.post("/school/vestigingen/{vestigingscode}/aanleverpunt")
async def aanleverpunt(
    request: Request,
    vestigingscode: str,
    gebruiker: SchoolbeheerderDep,
    _: CsrfDep,
    backend: BackendDep,
    aanleverpuntnummer: Annotated[str, Form(max_length=10)],
) -> Response:
    """Save the OSO aanleverpuntnummer of one location."""
    nummer = aanleverpuntnummer.strip()
    if not nummer.isdigit() or not vestigingscode.isdigit() or len(vestigingscode) != 2:
        school = await service.school(backend, gebruiker)
        return render(
            request,
            "school/overzicht.html",
            {
                "school": school,
                "actief": "school",
                "fout_vestiging": vestigingscode,
                "fout": "Vul een aanleverpuntnummer in met alleen cijfers, bijvoorbeeld 0.",
            },
            gebruiker=gebruiker,
            status_code=422,
        )
    await service.zet_aanleverpunt(backend, gebruiker, vestigingscode, int(nummer))
    response = redirect(request, "/school")
    zet_melding(
        request, response, "ok", f"Aanleverpunt van vestiging {gebruiker.school}{vestigingscode} is opgeslagen."
    )
    return response


@router.post("/school/oso-swv-registratie")
async def registreer(request: Request, gebruiker: SchoolbeheerderDep, _: CsrfDep, backend: BackendDep) -> Response:
    """Register the BRIN for OSO-SWV; the page reports success or failure as the school system does."""
    response = redirect(request, "/school")
    try:
        await service.registreer_oso_swv(backend, gebruiker)
    except BackendFout as fout:
        if fout.status >= 500:
            raise
        zet_melding(request, response, "fout", f"Registratie voor OSO-SWV is mislukt: {fout.detail}")
        return response
    zet_melding(request, response, "ok", f"BRIN {gebruiker.school} is geregistreerd voor OSO-SWV.")
    return response


@router.get("/school/zorgcoordinatoren")
async def zorgcoordinatoren(request: Request, gebruiker: SchoolbeheerderDep, session: SessionDep) -> Response:
    """The zorgcoördinator accounts of the school and their right on Overdrachtsdossier."""
    assert gebruiker.school
    lijst = await accounts.zorgcoordinatoren(session, gebruiker.school)
    return render(
        request,
        "school/zorgcoordinatoren.html",
        {"zorgcoordinatoren": lijst, "actief": "zorgcoordinatoren", "recht": accounts.RECHT_OVERDRACHTSDOSSIER},
        gebruiker=gebruiker,
    )


@router.post("/school/zorgcoordinatoren")
async def nieuwe_zorgcoordinator(
    request: Request,
    gebruiker: SchoolbeheerderDep,
    _: CsrfDep,
    session: SessionDep,
    gebruikersnaam: Annotated[str, Form(max_length=80)],
    naam: Annotated[str, Form(max_length=200)],
    wachtwoord: Annotated[str, Form(max_length=200)],
    overdrachtsdossier: Annotated[str | None, Form()] = None,
) -> Response:
    """Create a zorgcoördinator account for this school, optionally with the right on Overdrachtsdossier."""
    assert gebruiker.school
    fouten: dict[str, str] = {}
    if not GEBRUIKERSNAAM.fullmatch(gebruikersnaam.strip()):
        fouten["gebruikersnaam"] = "Gebruik 3 tot 80 letters, cijfers, punten, streepjes of liggende streepjes."
    if not naam.strip():
        fouten["naam"] = "Vul de naam in."
    if len(wachtwoord) < 12:
        fouten["wachtwoord"] = "Het wachtwoord moet minstens 12 tekens lang zijn."
    if not fouten:
        try:
            await accounts.maak_zorgcoordinator(
                session, gebruiker.school, gebruikersnaam, naam, wachtwoord, overdrachtsdossier is not None
            )
        except accounts.GebruikersnaamBezet:
            fouten["gebruikersnaam"] = "Deze gebruikersnaam bestaat al. Kies een andere."
    if fouten:
        lijst = await accounts.zorgcoordinatoren(session, gebruiker.school)
        return render(
            request,
            "school/zorgcoordinatoren.html",
            {
                "zorgcoordinatoren": lijst,
                "actief": "zorgcoordinatoren",
                "recht": accounts.RECHT_OVERDRACHTSDOSSIER,
                "fouten": fouten,
                "invoer": {"gebruikersnaam": gebruikersnaam, "naam": naam},
            },
            gebruiker=gebruiker,
            status_code=422,
        )
    response = redirect(request, "/school/zorgcoordinatoren")
    zet_melding(request, response, "ok", "Het account is aangemaakt.")
    return response


@router.post("/school/zorgcoordinatoren/{gebruiker_id}/rechten")
async def rechten(
    request: Request,
    gebruiker_id: uuid.UUID,
    gebruiker: SchoolbeheerderDep,
    _: CsrfDep,
    session: SessionDep,
    overdrachtsdossier: Annotated[str, Form(pattern="^(aan|uit)$")],
) -> Response:
    """Grant or withdraw the right on Overdrachtsdossier."""
    assert gebruiker.school
    gewijzigd = await accounts.zet_recht_overdrachtsdossier(
        session, gebruiker.school, gebruiker_id, overdrachtsdossier == "aan"
    )
    response = redirect(request, "/school/zorgcoordinatoren")
    if gewijzigd is None:
        zet_melding(request, response, "fout", "Dit account hoort niet bij jouw school.")
    elif overdrachtsdossier == "aan":
        zet_melding(request, response, "ok", f"{gewijzigd.naam} heeft nu rechten op Overdrachtsdossier.")
    else:
        zet_melding(request, response, "ok", f"De rechten op Overdrachtsdossier van {gewijzigd.naam} zijn ingetrokken.")
    return response
