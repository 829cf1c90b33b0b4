"""The board decides on registrations of its schools by an SWV outside that SWV's region."""

from __future__ import annotations

import httpx
import respx

from oso_shared.auth import Rol

from ..conftest import REGISTRY, Aanmelden
from ..helpers import principal_van

OPEN_ID = "5b0f6a52-8a43-4cf4-9a52-0c3c1b2f0a11"
UTRECHT = {"code": "VO2605", "naam": "Samenwerkingsverband VO Utrecht"}
RIJNMOND = {"code": "VO2801", "naam": "Samenwerkingsverband VO Rijnmond"}


def _verzoek(id_: str, swv: dict[str, str], status: str, binnen: bool) -> dict[str, object]:
    return {
        "id": id_,
        "swv": swv,
        "brin": "99AA",
        "school_naam": "De Brug",
        "status": status,
        "binnen_regio": binnen,
        "geregistreerd_op": "2026-12-01T10:00:00Z",
        "beoordeeld_op": None,
    }


LIJST = [
    _verzoek(OPEN_ID, UTRECHT, "aangevraagd", False),
    _verzoek("0d4c1e55-6a43-4cf4-9a52-0c3c1b2f0a12", RIJNMOND, "actief", True),
]


async def test_pagina_toont_wat_op_een_besluit_wacht(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    route = backends.get(f"{REGISTRY}/v1/besturen/41234/registraties").respond(json=LIJST)
    await aanmelden(Rol.BESTUURSBEHEERDER, bestuur="41234")
    response = await client.get("/bestuur/registraties")
    assert response.status_code == 200
    assert principal_van(route.calls.last.request).bestuur == "41234"
    assert "Samenwerkingsverband VO Utrecht (VO2605)" in response.text
    assert "buiten de regio van dit samenwerkingsverband" in response.text
    assert f'action="/bestuur/registraties/{OPEN_ID}/accepteren"' in response.text
    assert f'action="/bestuur/registraties/{OPEN_ID}/afwijzen"' in response.text
    assert "Samenwerkingsverband VO Rijnmond (VO2801) — actief" in response.text


async def test_accepteren_en_afwijzen_gaan_naar_het_register(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    accepteer = backends.post(f"{REGISTRY}/v1/registraties/{OPEN_ID}/accepteren").respond(
        json=_verzoek(OPEN_ID, UTRECHT, "actief", False)
    )
    wijs_af = backends.post(f"{REGISTRY}/v1/registraties/{OPEN_ID}/afwijzen").respond(
        json=_verzoek(OPEN_ID, UTRECHT, "afgewezen", False)
    )
    csrf = await aanmelden(Rol.BESTUURSBEHEERDER, bestuur="41234")
    response = await client.post(f"/bestuur/registraties/{OPEN_ID}/accepteren", data={"csrf_token": csrf})
    assert response.status_code == 303
    assert principal_van(accepteer.calls.last.request).bestuur == "41234"
    response = await client.post(f"/bestuur/registraties/{OPEN_ID}/afwijzen", data={"csrf_token": csrf})
    assert response.status_code == 303
    assert wijs_af.called


async def test_zonder_csrf_of_met_onbekend_besluit_raakt_het_register_niet(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    accepteer = backends.post(f"{REGISTRY}/v1/registraties/{OPEN_ID}/accepteren").respond(json={})
    csrf = await aanmelden(Rol.BESTUURSBEHEERDER, bestuur="41234")
    response = await client.post(f"/bestuur/registraties/{OPEN_ID}/accepteren", data={"csrf_token": "vervalst"})
    assert response.status_code == 403
    response = await client.post(f"/bestuur/registraties/{OPEN_ID}/verwijderen", data={"csrf_token": csrf})
    assert response.status_code in (404, 422)
    assert not accepteer.called


async def test_alleen_voor_bestuursbeheerders(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    await aanmelden(Rol.SWV_BEHEERDER, swv="VO2605")
    response = await client.get("/bestuur/registraties")
    assert response.status_code == 403
