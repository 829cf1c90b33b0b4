"""Besturen and scholen read endpoints, and the school's own OSO-SWV setup (step 3)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from oso_dev.demo import world
from oso_shared.auth import Rol

Headers = dict[str, str]
TokenMaker = Callable[..., Headers]
RIJNMOND = world.SWV_RIJNMOND.aanleverpunt_id
UTRECHT = world.SWV_UTRECHT.aanleverpunt_id

pytestmark = pytest.mark.usefixtures("demo")


async def test_school_met_vestigingen_en_adres(client: httpx.AsyncClient, dienst: Headers) -> None:
    body = (await client.get("/v1/scholen/99AA", headers=dienst)).json()
    assert body["brin"] == "99AA"
    assert body["naam"] == "Scholengemeenschap De Brug"
    assert body["bestuur"] == {"nummer": "41234", "naam": world.BESTUREN["41234"]}
    assert body["oso_swv_geregistreerd"] is True
    assert [v["vestigingscode"] for v in body["vestigingen"]] == ["00", "01"]
    v = body["vestigingen"][1]
    assert v["brin6"] == "99AA01"
    assert v["aanleverpuntnummer"] == 0
    assert v["aanleverpunt_ingesteld"] is True
    assert v["routeringskenmerk"] == "0000000700099AA00000"
    assert set(v["adres"]) == {"straat", "huisnummer", "postcode", "plaats"}
    assert v["adres"]["plaats"] == "Rotterdam"


async def test_school_via_brin6_geeft_alleen_die_vestiging(client: httpx.AsyncClient, dienst: Headers) -> None:
    body = (await client.get("/v1/scholen/99AC02", headers=dienst)).json()
    assert [v["brin6"] for v in body["vestigingen"]] == ["99AC02"]
    assert body["vestigingen"][0]["eigen_omgeving"] is True


@pytest.mark.parametrize(
    ("pad", "status", "code"),
    [
        ("/v1/scholen/99ZZ", 404, "SCHOOL_ONBEKEND"),
        ("/v1/scholen/99AA09", 404, "VESTIGING_ONBEKEND"),
        ("/v1/scholen/XXXX", 422, "ONGELDIGE_BRIN"),
        ("/v1/scholen/99aa", 422, "ONGELDIGE_BRIN"),
        ("/v1/besturen/99999", 404, "BESTUUR_ONBEKEND"),
    ],
)
async def test_onbekend_en_ongeldig(
    client: httpx.AsyncClient, dienst: Headers, pad: str, status: int, code: str
) -> None:
    response = await client.get(pad, headers=dienst)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == code


async def test_lijsten_besturen_en_scholen(client: httpx.AsyncClient, dienst: Headers, token: TokenMaker) -> None:
    assert [b["nummer"] for b in (await client.get("/v1/besturen", headers=dienst)).json()] == ["41234", "42345"]
    eigen = token(Rol.BESTUURSBEHEERDER, bestuur="42345")
    assert [b["nummer"] for b in (await client.get("/v1/besturen", headers=eigen)).json()] == ["42345"]
    assert [s["brin"] for s in (await client.get("/v1/scholen", headers=eigen)).json()] == ["99BA", "99BB"]
    detail = (await client.get("/v1/besturen/42345", headers=eigen)).json()
    assert [s["brin"] for s in detail["scholen"]] == ["99BA", "99BB"]
    school = token(Rol.ZORGCOORDINATOR, school="99AB")
    assert [s["brin"] for s in (await client.get("/v1/scholen", headers=school)).json()] == ["99AB"]
    alle = (await client.get("/v1/scholen", headers=dienst)).json()
    assert [s["brin"] for s in alle] == ["99AA", "99AB", "99AC", "99BA", "99BB"]


async def test_stap3_maakt_99ba_gereed(client: httpx.AsyncClient, dienst: Headers, token: TokenMaker) -> None:
    beheer = token(Rol.SCHOOLBEHEERDER, school="99BA")
    controle = {"dienst": "OSO-SWV", "bron": {"brin": "99BA", "systeem": "Magister"}, "doel": {"aanleverpunt": UTRECHT}}
    assert not (await client.post("/v1/uitwisselcontroles", json=controle, headers=dienst)).json()["toegestaan"]

    response = await client.put("/v1/scholen/99BA/oso-swv-registratie", headers=beheer)
    assert response.status_code == 200
    assert response.json()["oso_swv_geregistreerd"] is True
    again = await client.put("/v1/scholen/99BA/oso-swv-registratie", headers=beheer)
    assert again.json()["oso_swv_geregistreerd_op"] == response.json()["oso_swv_geregistreerd_op"]

    response = await client.put(
        "/v1/scholen/99BA/vestigingen/00/aanleverpunt", json={"aanleverpuntnummer": 0}, headers=beheer
    )
    assert response.status_code == 200
    assert response.json()["aanleverpunt_ingesteld"] is True
    assert (await client.post("/v1/uitwisselcontroles", json=controle, headers=dienst)).json()["toegestaan"]

    audit = (await client.get("/v1/besturen/42345/audit", headers=token(Rol.BESTUURSBEHEERDER, bestuur="42345"))).json()
    acties = [a["actie"] for a in audit[:2]]
    assert acties == ["aanleverpunt_ingesteld", "oso_swv_geregistreerd"]
    assert audit[0]["wie"].startswith("test:schoolbeheerder")
    assert audit[0]["rol"] == "schoolbeheerder"
    assert audit[0]["voor"]["aanleverpunt_ingesteld_op"] is None
    assert audit[0]["na"]["aanleverpunt_ingesteld_op"] is not None
    # Idempotent: the second registration wrote no audit row.
    assert acties.count("oso_swv_geregistreerd") == 1


async def test_stap3_afmelden_en_ander_aanleverpunt(client: httpx.AsyncClient, token: TokenMaker) -> None:
    beheer = token(Rol.SCHOOLBEHEERDER, school="99AA")
    response = await client.put(
        "/v1/scholen/99AA/vestigingen/01/aanleverpunt", json={"aanleverpuntnummer": 3}, headers=beheer
    )
    assert response.json()["routeringskenmerk"] == "0000000700099AA00003"
    response = await client.delete("/v1/scholen/99AA/oso-swv-registratie", headers=beheer)
    assert response.json()["oso_swv_geregistreerd"] is False


@pytest.mark.parametrize(
    ("pad", "body", "status", "code"),
    [
        ("/v1/scholen/99AA/vestigingen/07/aanleverpunt", {"aanleverpuntnummer": 0}, 404, "VESTIGING_ONBEKEND"),
        ("/v1/scholen/99AA/vestigingen/00/aanleverpunt", {"aanleverpuntnummer": -1}, 422, "VALIDATIEFOUT"),
        ("/v1/scholen/99AA/vestigingen/00/aanleverpunt", {"aanleverpuntnummer": 100000}, 422, "VALIDATIEFOUT"),
        ("/v1/scholen/99AA/vestigingen/0A/aanleverpunt", {"aanleverpuntnummer": 0}, 422, "VALIDATIEFOUT"),
    ],
)
async def test_stap3_foute_invoer(
    client: httpx.AsyncClient, token: TokenMaker, pad: str, body: dict[str, int], status: int, code: str
) -> None:
    response = await client.put(pad, json=body, headers=token(Rol.SCHOOLBEHEERDER, school="99AA"))
    assert response.status_code == status
    assert response.json()["code"] == code


async def test_te_groot_verzoek(client: httpx.AsyncClient, dienst: Headers) -> None:
    body = b'{"dienst": "OSO-SWV", "x": "' + b"a" * 1_100_000 + b'"}'
    response = await client.post(
        "/v1/uitwisselcontroles", content=body, headers=dienst | {"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["code"] == "TE_GROOT"
