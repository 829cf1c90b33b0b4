"""SWV admin pages: register schools by BRIN (BRIN6 for a vestiging) and see which are not ready."""

from __future__ import annotations

import json

import httpx
import respx

from oso_portal.swv.service import ontbrekend
from oso_shared.auth import Rol

from ..conftest import REGISTRY, Aanmelden
from ..registry_stub import gereed

GEREED = gereed()


def _registratie(brin: str, **stappen: object) -> dict[str, object]:
    return {
        "id": "00000000-0000-4000-8000-000000000000",
        "swv": "VO2801",
        "brin": brin,
        "school_naam": f"School {brin}",
        "extern": False,
        "geregistreerd_op": "2026-11-01T09:00:00Z",
        "gereedheid": {**GEREED, **stappen},
    }


def _stub(backends: respx.MockRouter) -> None:
    backends.get(f"{REGISTRY}/v1/swvs/VO2801").respond(
        json={"code": "VO2801", "naam": "SWV VO Rijnmond", "systeem": "Kindkans", "aanleverpunten": []}
    )
    backends.get(f"{REGISTRY}/v1/swvs/VO2801/registraties").respond(
        json=[_registratie("99AA"), _registratie("99AB", stap3_brin_geregistreerd=False, gereed=False)]
    )


async def test_filter_niet_gereed(client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter) -> None:
    _stub(backends)
    await aanmelden(Rol.SWV_BEHEERDER, swv="VO2801")
    alles = await client.get("/swv")
    assert "School 99AA" in alles.text
    assert "2 geregistreerd, waarvan 1 nog niet gereed" in alles.text
    alleen = await client.get("/swv?filter=niet-gereed")
    assert "School 99AA" not in alleen.text
    assert "Stap 3: BRIN niet geregistreerd voor OSO-SWV (school)." in alleen.text
    assert "1 november 2026" in alleen.text


async def test_registreren_brin6_en_ongeldige_brin(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    _stub(backends)
    registreer = backends.post(f"{REGISTRY}/v1/swvs/VO2801/registraties").respond(201, json=_registratie("99AC02"))
    csrf = await aanmelden(Rol.SWV_BEHEERDER, swv="VO2801")
    response = await client.post("/swv/registraties", data={"csrf_token": csrf, "brin": " 99ac02 "})
    assert response.status_code == 303
    assert json.loads(registreer.calls.last.request.content) == {"brin": "99AC02"}
    fout = await client.post("/swv/registraties", data={"csrf_token": csrf, "brin": "99A"})
    assert fout.status_code == 422
    assert 'aria-invalid="true"' in fout.text
    assert registreer.call_count == 1


async def test_registreren_geweigerd_door_register_toont_uitleg(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    _stub(backends)
    probleem = {
        "status": 422,
        "code": "BRIN6_ZONDER_EIGEN_OMGEVING",
        "detail": "Deze vestiging heeft geen eigen omgeving.",
    }
    backends.post(f"{REGISTRY}/v1/swvs/VO2801/registraties").respond(422, json=probleem)
    csrf = await aanmelden(Rol.SWV_BEHEERDER, swv="VO2801")
    response = await client.post("/swv/registraties", data={"csrf_token": csrf, "brin": "99AA01"})
    assert response.status_code == 422
    assert "Deze vestiging heeft geen eigen omgeving." in response.text


def test_ontbrekend_in_gewone_taal() -> None:
    items = ontbrekend({**GEREED, "stap2_mandaat_schoolsysteem": False, "stap3_aanleverpunt_ingesteld": False,
                        "ontbrekende_aanleverpunten": ["99AA01"], "gereed": False})  # fmt: skip
    assert items == [
        "Stap 2: mandaat OSO-SWV voor het schoolsysteem ontbreekt (bestuur).",
        "Stap 3: aanleverpunt niet ingesteld voor 99AA01 (school).",
    ]


async def test_registreren_buiten_de_regio_meldt_dat_het_bestuur_moet_bevestigen(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    _stub(backends)
    antwoord = {**_registratie("99BA"), "status": "aangevraagd"}
    backends.post(f"{REGISTRY}/v1/swvs/VO2801/registraties").respond(201, json=antwoord)
    csrf = await aanmelden(Rol.SWV_BEHEERDER, swv="VO2801")
    response = await client.post("/swv/registraties", data={"csrf_token": csrf, "brin": "99BA"})
    assert response.status_code == 303
    pagina = await client.get(response.headers["location"])
    assert "wacht op bevestiging door het schoolbestuur" in pagina.text
