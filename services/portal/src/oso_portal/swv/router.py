"""Pages of the SWV-beheerder: register schools by BRIN and see which are not ready yet."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from oso_portal.accounts.service import Aangemeld
from oso_portal.backend import BackendDep, BackendFout
from oso_portal.swv import service
from oso_portal.web import CsrfDep, redirect, render, vereist_rol, zet_melding
from oso_shared.auth import Rol

router = APIRouter(include_in_schema=False)

SwvBeheerderDep = Annotated[Aangemeld, Depends(vereist_rol(Rol.SWV_BEHEERDER))]
BRIN = re.compile(r"[0-9]{2}[A-Z]{2}([0-9]{2})?")


async def _pagina(
    request: Request,
    gebruiker: Aangemeld,
    backend: BackendDep,
    *,
    alleen_niet_gereed: bool = False,
    fout: str | None = None,
    invoer: str = "",
    status_code: int = 200,
) -> Response:
    swv = await service.swv(backend, gebruiker)
    registraties = await service.registraties(backend, gebruiker)
    for r in registraties:
        r["ontbrekend"] = service.ontbrekend(r.get("gereedheid") or {})
    niet_gereed = [r for r in registraties if not (r.get("gereedheid") or {}).get("gereed")]
    return render(
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
    request: Request, gebruiker: SwvBeheerderDep, backend: BackendDep, filter: str | None = None
) -> Response:
    """Registered schools with their readiness; ``?filter=niet-gereed`` shows only those not ready."""
    return await _pagina(request, gebruiker, backend, alleen_niet_gereed=filter == "niet-gereed")


@router.post("/swv/registraties")
async def registreer(
    request: Request,
    gebruiker: SwvBeheerderDep,
    _: CsrfDep,
    backend: BackendDep,
    brin: Annotated[str, Form(max_length=20)],
) -> Response:
    """Register a school (BRIN4) or a vestiging with its own environment (BRIN6)."""
    waarde = brin.strip().upper().replace(" ", "")
    if not BRIN.fullmatch(waarde):
        return await _pagina(
            request,
            gebruiker,
            backend,
            fout="Vul een BRIN in van twee cijfers en twee hoofdletters (99AA), of een BRIN6 (99AA02) voor een "
            "vestiging met een eigen omgeving.",
            invoer=brin,
            status_code=422,
        )
    try:
        nieuw = await service.registreer(backend, gebruiker, waarde)
    except BackendFout as fout:
        if fout.status >= 500:
            raise
        return await _pagina(request, gebruiker, backend, fout=fout.detail, invoer=brin, status_code=fout.status)
    response = redirect(request, "/swv")
    tekst = f"School {waarde} is geregistreerd." if nieuw else f"School {waarde} was al geregistreerd."
    zet_melding(request, response, "ok", tekst)
    return response


@router.post("/swv/registraties/{brin}/verwijderen")
async def verwijder(
    request: Request, brin: str, gebruiker: SwvBeheerderDep, _: CsrfDep, backend: BackendDep
) -> Response:
    """Remove a registration."""
    if not BRIN.fullmatch(brin):
        return redirect(request, "/swv")
    await service.deregistreer(backend, gebruiker, brin)
    response = redirect(request, "/swv")
    zet_melding(request, response, "ok", f"De registratie van {brin} is verwijderd.")
    return response
