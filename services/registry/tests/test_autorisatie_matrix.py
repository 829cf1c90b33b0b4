"""Authorization matrix: every endpoint × role × own/other organisation, 403 problem+json when not allowed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from oso_dev.demo import world
from oso_shared.auth import Rol

Headers = dict[str, str]
TokenMaker = Callable[..., Headers]

# Own organisation = board 41234 (schools 99AA, 99AB, 99AC), SWV VO2801 and school 99AA.
ROLLEN: dict[str, tuple[Rol, dict[str, str]]] = {
    "dienst": (Rol.DIENST, {}),
    "bestuur_eigen": (Rol.BESTUURSBEHEERDER, {"bestuur": "41234"}),
    "bestuur_ander": (Rol.BESTUURSBEHEERDER, {"bestuur": "42345"}),
    "swv_eigen": (Rol.SWV_BEHEERDER, {"swv": "VO2801"}),
    "swv_ander": (Rol.SWV_BEHEERDER, {"swv": "VO2605"}),
    "school_eigen": (Rol.SCHOOLBEHEERDER, {"school": "99AA"}),
    "school_ander": (Rol.SCHOOLBEHEERDER, {"school": "99BA"}),
    "zc_eigen": (Rol.ZORGCOORDINATOR, {"school": "99AA"}),
    "zc_ander": (Rol.ZORGCOORDINATOR, {"school": "99BA"}),
}
ALLE = frozenset(ROLLEN)
LEZERS_SCHOOL = frozenset({"dienst", "bestuur_eigen", "swv_eigen", "swv_ander", "school_eigen", "zc_eigen"})
LEZERS_MANDATEN = frozenset({"dienst", "bestuur_eigen", "school_eigen", "zc_eigen"})
LEZERS_BESTUUR = frozenset({"dienst", "bestuur_eigen"})
LEZERS_SWV = frozenset({"dienst", "swv_eigen"})


@dataclass(frozen=True)
class Endpoint:
    naam: str
    method: str
    pad: str
    toegestaan: frozenset[str]
    body: Any = None


ENDPOINTS = [
    Endpoint(
        "uitwisselcontrole",
        "POST",
        "/v1/uitwisselcontroles",
        frozenset({"dienst", "school_eigen", "zc_eigen"}),
        {
            "dienst": "OSO-SWV",
            "bron": {"brin": "99AA", "systeem": "Magister"},
            "doel": {"aanleverpunt": world.SWV_RIJNMOND.aanleverpunt_id},
        },
    ),
    Endpoint("school lezen", "GET", "/v1/scholen/99AA", LEZERS_SCHOOL),
    Endpoint("keuzelijst aanleverpunten", "GET", "/v1/scholen/99AA/aanleverpunten?dienst=OSO-SWV", LEZERS_SCHOOL),
    Endpoint(
        "aanleverpunt lezen", "GET", f"/v1/aanleverpunten/{world.SWV_RIJNMOND.aanleverpunt_id}", frozenset({"dienst"})
    ),
    Endpoint("mandaten lezen", "GET", "/v1/scholen/99AA/mandaten", LEZERS_MANDATEN),
    Endpoint(
        "mandaat verlenen",
        "POST",
        "/v1/scholen/99AA/mandaten",
        frozenset({"bestuur_eigen"}),
        {"dienst": "OSO-SWV", "systeem": "Magister"},
    ),
    Endpoint("mandaat intrekken", "DELETE", "/v1/scholen/99AA/mandaten/OSO-OV/Magister", frozenset({"bestuur_eigen"})),
    Endpoint(
        "mandaat kopiëren",
        "POST",
        "/v1/besturen/41234/mandaatkopieen",
        frozenset({"bestuur_eigen"}),
        {"bron": {"brin": "99AA", "dienst": "OSO-SWV", "systeem": "Kindkans"}, "doelen": ["99AB"]},
    ),
    Endpoint("mandaatstatus", "GET", "/v1/besturen/41234/mandaatstatus", LEZERS_BESTUUR),
    Endpoint("bestuur lezen", "GET", "/v1/besturen/41234", LEZERS_BESTUUR),
    Endpoint("bestuur audit", "GET", "/v1/besturen/41234/audit", LEZERS_BESTUUR),
    Endpoint("besturen", "GET", "/v1/besturen", frozenset({"dienst", "bestuur_eigen", "bestuur_ander"})),
    Endpoint("registraties lezen", "GET", "/v1/swvs/VO2801/registraties", LEZERS_SWV),
    Endpoint("registreren", "POST", "/v1/swvs/VO2801/registraties", frozenset({"swv_eigen"}), {"brin": "99AA"}),
    Endpoint("afmelden", "DELETE", "/v1/swvs/VO2801/registraties/99AB", frozenset({"swv_eigen"})),
    Endpoint("swv audit", "GET", "/v1/swvs/VO2801/audit", LEZERS_SWV),
    Endpoint(
        "aanleverpunt toevoegen",
        "POST",
        "/v1/swvs/VO2801/aanleverpunten",
        frozenset({"swv_eigen"}),
        {
            "nummer": "280101500",
            "label": "2801 01500 SWV VO Rijnmond Zuid",
            "endpoint": "http://127.0.0.1:8004/v1/notificaties",
            "oin": "00000001823288444001",
            "publieke_sleutel": world.SWV_RIJNMOND.public_key_pem,
        },
    ),
    Endpoint(
        "brin registreren voor OSO-SWV", "PUT", "/v1/scholen/99AA/oso-swv-registratie", frozenset({"school_eigen"})
    ),
    Endpoint(
        "aanleverpunt instellen",
        "PUT",
        "/v1/scholen/99AA/vestigingen/00/aanleverpunt",
        frozenset({"school_eigen"}),
        {"aanleverpuntnummer": 0},
    ),
    Endpoint("swvs", "GET", "/v1/swvs", ALLE),
    Endpoint("swv lezen", "GET", "/v1/swvs/VO2801", ALLE),
    Endpoint("scholen", "GET", "/v1/scholen", ALLE),
]

pytestmark = pytest.mark.usefixtures("demo")


@pytest.mark.parametrize("rol", sorted(ROLLEN))
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.naam)
async def test_matrix(client: httpx.AsyncClient, token: TokenMaker, endpoint: Endpoint, rol: str) -> None:
    soort, scope = ROLLEN[rol]
    response = await client.request(endpoint.method, endpoint.pad, json=endpoint.body, headers=token(soort, **scope))
    if rol in endpoint.toegestaan:
        assert response.status_code in (200, 201, 204), response.text
    else:
        assert response.status_code == 403, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["code"] in ("ROL_NIET_TOEGESTAAN", "BUITEN_BEREIK")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.naam)
async def test_zonder_token_401(client: httpx.AsyncClient, endpoint: Endpoint) -> None:
    response = await client.request(endpoint.method, endpoint.pad, json=endpoint.body)
    assert response.status_code == 401
    assert response.json()["code"] == "TOKEN_ONTBREEKT"


async def test_lijsten_zijn_beperkt_tot_eigen_bereik(client: httpx.AsyncClient, token: TokenMaker) -> None:
    ander = token(Rol.BESTUURSBEHEERDER, bestuur="42345")
    assert [s["brin"] for s in (await client.get("/v1/scholen", headers=ander)).json()] == ["99BA", "99BB"]
    response = await client.get("/v1/scholen?bestuur=41234", headers=ander)
    assert response.status_code == 403
    assert [b["nummer"] for b in (await client.get("/v1/besturen", headers=ander)).json()] == ["42345"]
