"""Pages of the schoolbeheerder: aanleverpunt per location, BRIN registration, zorgcoördinator rights."""

from __future__ import annotations

import re
import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from oso_portal.accounts import service as accounts
from oso_portal.deps import CsrfDep, RegistryDep, SchoolbeheerderDep, WebDep
from oso_portal.problems import DienstFout, GebruikersnaamBezet
from oso_portal.web import redirect
from oso_shared.db import SessionDep

router = APIRouter(include_in_schema=False)

GEBRUIKERSNAAM = re.compile(r"[A-Za-z0-9._-]{3,80}")


@router.get("/school")
async def overzicht(request: Request, gebruiker: SchoolbeheerderDep, register: RegistryDep, web: WebDep) -> Response:
    """The school's locations with their aanleverpunt and the OSO-SWV registration."""
    assert gebruiker.school
    school = await register.school(gebruiker, gebruiker.school)
    return web.render(request, "school/overzicht.html", {"school": school, "actief": "school"}, gebruiker=gebruiker)


@router.post("/school/vestigingen/{vestigingscode}/aanleverpunt")
async def aanleverpunt(
    request: Request,
    vestigingscode: str,
    gebruiker: SchoolbeheerderDep,
    _: CsrfDep,
    register: RegistryDep,
    web: WebDep,
    aanleverpuntnummer: Annotated[str, Form(max_length=10)],
) -> Response:
    """Save the OSO aanleverpuntnummer of one location."""
    assert gebruiker.school
    nummer = aanleverpuntnummer.strip()
    if not nummer.isdigit() or not vestigingscode.isdigit() or len(vestigingscode) != 2:
        school = await register.school(gebruiker, gebruiker.school)
        return web.render(
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
    await register.zet_aanleverpunt(gebruiker, gebruiker.school, vestigingscode, int(nummer))
    response = redirect(request, "/school")
    web.zet_melding(response, "ok", f"Aanleverpunt van vestiging {gebruiker.school}{vestigingscode} is opgeslagen.")
    return response


@router.post("/school/oso-swv-registratie")
async def registreer(
    request: Request, gebruiker: SchoolbeheerderDep, _: CsrfDep, register: RegistryDep, web: WebDep
) -> Response:
    """Register the BRIN for OSO-SWV; the page reports success or failure as the school system does."""
    assert gebruiker.school
    response = redirect(request, "/school")
    try:
        await register.registreer_oso_swv(gebruiker, gebruiker.school)
    except DienstFout as fout:
        if fout.upstream_status >= 500:
            raise
        web.zet_melding(response, "fout", f"Registratie voor OSO-SWV is mislukt: {fout.detail}")
        return response
    web.zet_melding(response, "ok", f"BRIN {gebruiker.school} is geregistreerd voor OSO-SWV.")
    return response


@router.get("/school/zorgcoordinatoren")
async def zorgcoordinatoren(
    request: Request, gebruiker: SchoolbeheerderDep, session: SessionDep, web: WebDep
) -> Response:
    """The zorgcoördinator accounts of the school and their right on Overdrachtsdossier."""
    assert gebruiker.school
    lijst = await accounts.zorgcoordinatoren(session, gebruiker.school)
    return web.render(
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
    web: WebDep,
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
        except GebruikersnaamBezet:
            fouten["gebruikersnaam"] = "Deze gebruikersnaam bestaat al. Kies een andere."
    if fouten:
        lijst = await accounts.zorgcoordinatoren(session, gebruiker.school)
        return web.render(
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
    web.zet_melding(response, "ok", "Het account is aangemaakt.")
    return response


@router.post("/school/zorgcoordinatoren/{gebruiker_id}/rechten")
async def rechten(
    request: Request,
    gebruiker_id: uuid.UUID,
    gebruiker: SchoolbeheerderDep,
    _: CsrfDep,
    session: SessionDep,
    web: WebDep,
    overdrachtsdossier: Annotated[str, Form(pattern="^(aan|uit)$")],
) -> Response:
    """Grant or withdraw the right on Overdrachtsdossier."""
    assert gebruiker.school
    gewijzigd = await accounts.zet_recht_overdrachtsdossier(
        session, gebruiker.school, gebruiker_id, overdrachtsdossier == "aan"
    )
    response = redirect(request, "/school/zorgcoordinatoren")
    if gewijzigd is None:
        web.zet_melding(response, "fout", "Dit account hoort niet bij jouw school.")
    elif overdrachtsdossier == "aan":
        web.zet_melding(response, "ok", f"{gewijzigd.naam} heeft nu rechten op Overdrachtsdossier.")
    else:
        web.zet_melding(response, "ok", f"De rechten op Overdrachtsdossier van {gewijzigd.naam} zijn ingetrokken.")
    return response
