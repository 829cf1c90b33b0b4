"""Board admin pages: readiness matrix, grant/revoke, copy with preview and confirmation, CSV."""

from __future__ import annotations

import json

import httpx
import respx

from oso_portal.bestuur.service import matrix
from oso_portal.clients.registry import Mandaatstatus
from oso_shared.auth import Rol

from ..conftest import REGISTRY, Aanmelden
from ..helpers import principal_van
from ..registry_stub import gereed

STAPPEN_OK = gereed(schoolsystemen=["Magister"])
SWV = {"code": "VO2801", "naam": "Samenwerkingsverband VO Rijnmond", "systeem": "Kindkans"}


def _mandaat(brin: str, systeem: str) -> dict[str, object]:
    return {"brin": brin, "dienst": "OSO-SWV", "systeem": systeem, "actief": True}


STATUS = {
    "bestuur": {"nummer": "41234", "naam": "Stichting VO Rijnmond"},
    "scholen": [
        {
            "brin": "99AA",
            "naam": "De Brug",
            "mandaten": [_mandaat("99AA", "Magister"), _mandaat("99AA", "Kindkans")],
            "swvs": [{"swv": SWV, "registratie": "99AA", "stappen": STAPPEN_OK}],
        },
        {
            "brin": "99AB",
            "naam": "Noorderlicht",
            "mandaten": [_mandaat("99AB", "Magister")],
            "swvs": [
                {
                    "swv": SWV,
                    "registratie": "99AB",
                    "stappen": {
                        **STAPPEN_OK,
                        "stap2_mandaat_swv_systeem": False,
                        "stap3_aanleverpunt_ingesteld": False,
                        "ontbrekende_aanleverpunten": ["99AB01"],
                        "gereed": False,
                    },
                }
            ],
        },
        {"brin": "99AC", "naam": "De Maas", "mandaten": [], "swvs": []},
    ],
}


def test_matrix_per_school_en_swv_met_ontbrekende_punten() -> None:
    rijen = {r.brin: r for r in matrix(Mandaatstatus.model_validate(STATUS))}
    assert rijen["99AA"].gereed
    assert not rijen["99AB"].stap2
    assert not rijen["99AB"].stap3
    assert rijen["99AB"].ontbrekend == [
        "Stap 2: mandaat OSO-SWV voor het SWV-systeem verlenen (bestuur)",
        "Stap 3: aanleverpunt instellen voor 99AB01 (school)",
    ]
    assert rijen["99AC"].swv is None
    assert "nog door geen samenwerkingsverband geregistreerd" in rijen["99AC"].ontbrekend[0]


async def test_overzicht_toont_matrix_en_mandaten(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    route = backends.get(f"{REGISTRY}/v1/besturen/41234/mandaatstatus").respond(json=STATUS)
    await aanmelden(Rol.BESTUURSBEHEERDER, bestuur="41234")
    response = await client.get("/bestuur")
    assert response.status_code == 200
    assert "Gereedheid per school en samenwerkingsverband" in response.text
    assert "aanleverpunt instellen voor 99AB01" in response.text
    assert 'Verlenen<span class="visueel-verborgen"> OSO-SWV Kindkans voor 99AB' in response.text
    assert principal_van(route.calls.last.request).bestuur == "41234"


async def test_verlenen_en_intrekken(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    verleen = backends.post(f"{REGISTRY}/v1/scholen/99AB/mandaten").respond(201, json={})
    trek_in = backends.delete(f"{REGISTRY}/v1/scholen/99AA/mandaten/OSO-SWV/Kindkans").respond(json={})
    csrf = await aanmelden(Rol.BESTUURSBEHEERDER)
    response = await client.post("/bestuur/mandaten", data={"csrf_token": csrf, "brin": "99AB", "systeem": "Kindkans"})
    assert response.status_code == 303
    assert json.loads(verleen.calls.last.request.content) == {"dienst": "OSO-SWV", "systeem": "Kindkans"}
    response = await client.post(
        "/bestuur/mandaten/intrekken", data={"csrf_token": csrf, "brin": "99AA", "systeem": "Kindkans"}
    )
    assert response.status_code == 303
    assert trek_in.called
    ongeldig = await client.post("/bestuur/mandaten", data={"csrf_token": csrf, "brin": "../x", "systeem": "Kindkans"})
    assert ongeldig.status_code == 303
    assert verleen.call_count == 1


async def test_kopieren_eerst_voorbeeld_dan_bevestigen(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    bron = {"brin": "99AA", "dienst": "OSO-SWV", "systeem": "Kindkans"}
    kopie = backends.post(f"{REGISTRY}/v1/besturen/41234/mandaatkopieen")
    kopie.side_effect = [
        httpx.Response(200, json={"bron": bron, "bevestigd": False,
                                  "doelen": [{"brin": "99AB", "naam": "Noorderlicht", "resultaat": "nieuw"}]}),
        httpx.Response(200, json={"bron": bron, "bevestigd": True,
                                  "doelen": [{"brin": "99AB", "naam": "Noorderlicht", "resultaat": "nieuw"}]}),
    ]  # fmt: skip
    csrf = await aanmelden(Rol.BESTUURSBEHEERDER)
    voorbeeld = await client.post(
        "/bestuur/kopieren", data={"csrf_token": csrf, "bron": "99AA", "systeem": "Kindkans", "doelen": ["99AB"]}
    )
    assert voorbeeld.status_code == 200
    assert "Er is nog niets gewijzigd." in voorbeeld.text
    assert "Krijgt het mandaat" in voorbeeld.text
    assert json.loads(kopie.calls[0].request.content)["bevestigen"] is False
    bevestigd = await client.post(
        "/bestuur/kopieren",
        data={"csrf_token": csrf, "bron": "99AA", "systeem": "Kindkans", "doelen": ["99AB"], "bevestigen": "ja"},
    )
    assert bevestigd.status_code == 303
    assert json.loads(kopie.calls[1].request.content) == {"bron": bron, "doelen": ["99AB"], "bevestigen": True}


async def test_csv_download(client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter) -> None:
    route = backends.get(f"{REGISTRY}/v1/besturen/41234/mandaatstatus").respond(
        content=b"brin;naam\n99AA;De Brug\n", headers={"content-type": "text/csv"}
    )
    await aanmelden(Rol.BESTUURSBEHEERDER)
    response = await client.get("/bestuur/mandaatstatus.csv")
    assert response.status_code == 200
    assert response.content == b"brin;naam\n99AA;De Brug\n"
    assert route.calls.last.request.headers["accept"] == "text/csv"
    assert "mandaatstatus-41234.csv" in response.headers["content-disposition"]


async def test_ander_bestuur_krijgt_eigen_scope_in_token(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    route = backends.get(f"{REGISTRY}/v1/besturen/42345/mandaatstatus").respond(json={**STATUS, "scholen": []})
    await aanmelden(Rol.BESTUURSBEHEERDER, bestuur="42345")
    response = await client.get("/bestuur")
    assert response.status_code == 200
    assert route.called
