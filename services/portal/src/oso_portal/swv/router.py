"""Pages of the SWV-beheerder: register schools by BRIN and see which are not ready yet."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from oso_portal.accounts.service import Aangemeld
from oso_portal.clients.registry import RegistryClient
from oso_portal.deps import CsrfDep, RegistryDep, SwvBeheerderDep, WebDep
from oso_portal.problems import DienstFout
from oso_portal.swv import service
from oso_portal.web import Web, redirect

router = APIRouter(include_in_schema=False)

BRIN = re.compile(r"[0-9]{2}[A-Z]{2}([0-9]{2})?")


async def _pagina(
    request: Request,
    gebruiker: Aangemeld,
    register: RegistryClient,
    web: Web,
    *,
    alleen_niet_gereed: bool = False,
    fout: str | None = None,
    invoer: str = "",
    status_code: int = 200,
) -> Response:
    assert gebruiker.swv
    swv = await register.swv(gebruiker, gebruiker.swv)
    registraties = service.rijen(await register.registraties(gebruiker, gebruiker.swv))
    niet_gereed = [(r, o) for r, o in registraties if not (r.gereedheid or {}).get("gereed")]
    return web.render(
        request,
        "swv/overzicht.html",
        {
            "swv": swv,
            "registraties": niet_gereed if alleen_niet_gereed else registraties,
            "aantal": len(registraties),
            "aantal_niet_gereed": len(niet_gereed),
            "alleen_niet_gereed": alleen_niet_gereed,
            "fout": fout,
            "invoer": invoer,
            "actief": "swv",
        },
        gebruiker=gebruiker,
        status_code=status_code,
    )


@router.get("/swv")
async def overzicht(
    request: Request, gebruiker: SwvBeheerderDep, register: RegistryDep, web: WebDep, filter: str | None = None
) -> Response:
    """Registered schools with their readiness; ``?filter=niet-gereed`` shows only those not ready."""
    return await _pagina(request, gebruiker, register, web, alleen_niet_gereed=filter == "niet-gereed")


@router.post("/swv/registraties")
async def registreer(
    request: Request,
    gebruiker: SwvBeheerderDep,
    _: CsrfDep,
    register: RegistryDep,
    web: WebDep,
    brin: Annotated[str, Form(max_length=20)],
) -> Response:
    """Register a school (BRIN4) or a vestiging with its own environment (BRIN6)."""
    waarde = brin.strip().upper().replace(" ", "")
    if not BRIN.fullmatch(waarde):
        return await _pagina(
            request,
            gebruiker,
            register,
            web,
            fout="Vul een BRIN in van twee cijfers en twee hoofdletters (99AA), of een BRIN6 (99AA02) voor een "
            "vestiging met een eigen omgeving.",
            invoer=brin,
            status_code=422,
        )
    assert gebruiker.swv
    try:
        nieuw, status = await register.registreer(gebruiker, gebruiker.swv, waarde)
    except DienstFout as fout:
        if fout.upstream_status >= 500:
            raise
        return await _pagina(
            request, gebruiker, register, web, fout=fout.detail, invoer=brin, status_code=fout.upstream_status
        )
    response = redirect(request, "/swv")
    tekst = f"School {waarde} is geregistreerd." if nieuw else f"School {waarde} was al geregistreerd."
    if status == "aangevraagd":
        # Outside our region: it counts only once the school's board accepts it.
        tekst = f"School {waarde} ligt buiten de regio: de registratie wacht op bevestiging door het schoolbestuur."
    elif status == "afgewezen":
        tekst = f"Het schoolbestuur heeft de registratie van {waarde} afgewezen."
    web.zet_melding(response, "ok", tekst)
    return response


@router.post("/swv/registraties/{brin}/verwijderen")
async def verwijder(
    request: Request, brin: str, gebruiker: SwvBeheerderDep, _: CsrfDep, register: RegistryDep, web: WebDep
) -> Response:
    """Remove a registration."""
    if not BRIN.fullmatch(brin):
        return redirect(request, "/swv")
    assert gebruiker.swv
    await register.deregistreer(gebruiker, gebruiker.swv, brin)
    response = redirect(request, "/swv")
    web.zet_melding(response, "ok", f"De registratie van {brin} is verwijderd.")
    return response
