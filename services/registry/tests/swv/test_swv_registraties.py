"""SWVs, aanleverpunten, the school's choice list and SWV registrations (step 1) with readiness."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from oso_dev.demo import world
from oso_shared.auth import Rol

Headers = dict[str, str]
TokenMaker = Callable[..., Headers]
RIJNMOND = world.SWV_RIJNMOND
UTRECHT = world.SWV_UTRECHT

pytestmark = pytest.mark.usefixtures("demo")


async def test_aanleverpunt_voor_gateway(client: httpx.AsyncClient, dienst: Headers) -> None:
    body = (await client.get(f"/v1/aanleverpunten/{RIJNMOND.aanleverpunt_id}", headers=dienst)).json()
    assert body == {
        "id": RIJNMOND.aanleverpunt_id,
        "nummer": RIJNMOND.aanleverpunt_nummer,
        "label": RIJNMOND.aanleverpunt_label,
        "routeringskenmerk": "00000007000280100500",
        "endpoint": RIJNMOND.endpoint,
        "oin": RIJNMOND.oin,
        "publieke_sleutel": RIJNMOND.public_key_pem,
        "swv": {"code": RIJNMOND.code, "naam": RIJNMOND.naam, "systeem": "Kindkans"},
    }
    missing = await client.get("/v1/aanleverpunten/6350ec86-e0a6-4f1b-a05f-9e45bb0c33a9", headers=dienst)
    assert missing.status_code == 404
    assert missing.json()["code"] == "ONBEKEND_AANLEVERPUNT"


@pytest.mark.parametrize(
    ("brin", "verwacht"),
    [
        ("99AA", [RIJNMOND.aanleverpunt_id]),
        ("99AA01", [RIJNMOND.aanleverpunt_id]),
        ("99AC", []),
        ("99AC02", [RIJNMOND.aanleverpunt_id]),
        ("99BB", [UTRECHT.aanleverpunt_id]),
    ],
)
async def test_keuzelijst_aanleverpunt_doel(
    client: httpx.AsyncClient, dienst: Headers, brin: str, verwacht: list[str]
) -> None:
    response = await client.get(f"/v1/scholen/{brin}/aanleverpunten", params={"dienst": "OSO-SWV"}, headers=dienst)
    assert response.status_code == 200
    body = response.json()
    assert [a["id"] for a in body] == verwacht
    for a in body:
        assert a["nummer"].endswith("500")
        assert set(a) == {"id", "nummer", "label", "swv"}
        assert set(a["swv"]) == {"code", "naam"}


async def test_keuzelijst_andere_dienst_geweigerd(client: httpx.AsyncClient, dienst: Headers) -> None:
    response = await client.get("/v1/scholen/99AA/aanleverpunten", params={"dienst": "OSO-OV"}, headers=dienst)
    assert response.status_code == 422


async def test_registraties_met_gereedheid(client: httpx.AsyncClient, token: TokenMaker) -> None:
    body = (
        await client.get(f"/v1/swvs/{RIJNMOND.code}/registraties", headers=token(Rol.SWV_BEHEERDER, swv=RIJNMOND.code))
    ).json()
    per_brin = {r["brin"]: r["gereedheid"] for r in body}
    assert set(per_brin) == {"99AA", "99AB", "99AC02"}
    assert per_brin["99AA"]["gereed"] is True
    assert per_brin["99AB"]["stap2_mandaat_swv_systeem"] is False
    assert per_brin["99AB"]["gereed"] is False
    assert per_brin["99AC02"]["gereed"] is True
    utrecht = (
        await client.get(f"/v1/swvs/{UTRECHT.code}/registraties", headers=token(Rol.SWV_BEHEERDER, swv=UTRECHT.code))
    ).json()
    ba = next(r["gereedheid"] for r in utrecht if r["brin"] == "99BA")
    assert ba["stap3_brin_geregistreerd"] is False
    assert ba["ontbrekende_aanleverpunten"] == ["99BA00"]


async def test_registreren_idempotent_en_afmelden(
    client: httpx.AsyncClient, token: TokenMaker, dienst: Headers
) -> None:
    swv = token(Rol.SWV_BEHEERDER, swv=RIJNMOND.code)
    pad = f"/v1/swvs/{RIJNMOND.code}/registraties"
    first = await client.post(pad, json={"brin": "99AC"}, headers=swv)
    assert first.status_code == 201
    assert first.json()["gereedheid"]["gereed"] is True
    second = await client.post(pad, json={"brin": "99AC"}, headers=swv)
    assert second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    controle = {
        "dienst": "OSO-SWV",
        "bron": {"brin": "99AC", "systeem": "Magister"},
        "doel": {"aanleverpunt": RIJNMOND.aanleverpunt_id},
    }
    assert (await client.post("/v1/uitwisselcontroles", json=controle, headers=dienst)).json()["toegestaan"]

    assert (await client.delete(f"{pad}/99AC", headers=swv)).status_code == 204
    missing = await client.delete(f"{pad}/99AC", headers=swv)
    assert missing.status_code == 404
    assert missing.json()["code"] == "REGISTRATIE_NIET_GEVONDEN"
    assert not (await client.post("/v1/uitwisselcontroles", json=controle, headers=dienst)).json()["toegestaan"]

    audit = (await client.get(f"/v1/swvs/{RIJNMOND.code}/audit", headers=swv)).json()
    assert [a["actie"] for a in audit[:2]] == ["school_afgemeld", "school_geregistreerd"]
    assert audit[0]["voor"] == {"swv": RIJNMOND.code, "brin": "99AC", "vestigingscode": None}


async def test_externe_school_en_brin6_regels(client: httpx.AsyncClient, token: TokenMaker) -> None:
    swv = token(Rol.SWV_BEHEERDER, swv=UTRECHT.code)
    pad = f"/v1/swvs/{UTRECHT.code}/registraties"
    extern = await client.post(pad, json={"brin": "12QQ"}, headers=swv)
    assert extern.status_code == 201
    assert extern.json()["extern"] is True
    assert extern.json()["gereedheid"]["school_bekend"] is False
    # A school of the other board is fine too (SWVs cross board lines).
    assert (await client.post(pad, json={"brin": "99AA"}, headers=swv)).status_code == 201
    zonder = await client.post(pad, json={"brin": "99BB01"}, headers=swv)
    assert zonder.status_code == 422
    assert zonder.json()["code"] == "VESTIGING_ZONDER_EIGEN_OMGEVING"
    fout = await client.post(pad, json={"brin": "99-BB"}, headers=swv)
    assert fout.status_code == 422
    assert fout.json()["code"] == "ONGELDIGE_BRIN"


async def test_aanleverpunt_toevoegen(client: httpx.AsyncClient, token: TokenMaker, dienst: Headers) -> None:
    swv = token(Rol.SWV_BEHEERDER, swv=UTRECHT.code)
    nieuw = {
        "nummer": "260501500",
        "label": "2605 01500 SWV VO Utrecht Zuid",
        "endpoint": "http://127.0.0.1:8004/v1/notificaties",
        "oin": "00000001823288445001",
        "publieke_sleutel": UTRECHT.public_key_pem,
    }
    response = await client.post(f"/v1/swvs/{UTRECHT.code}/aanleverpunten", json=nieuw, headers=swv)
    assert response.status_code == 201
    assert response.json()["routeringskenmerk"] == "00000007000260501500"
    dubbel = await client.post(f"/v1/swvs/{UTRECHT.code}/aanleverpunten", json=nieuw, headers=swv)
    assert dubbel.status_code == 409
    assert dubbel.json()["code"] == "AANLEVERPUNT_BESTAAT_AL"
    rsa_loos = nieuw | {
        "nummer": "260502500",
        "publieke_sleutel": "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
    }
    slecht = await client.post(f"/v1/swvs/{UTRECHT.code}/aanleverpunten", json=rsa_loos, headers=swv)
    assert slecht.status_code == 422
    assert slecht.json()["code"] == "ONGELDIGE_PUBLIEKE_SLEUTEL", slecht.json()["fouten"]
    geen_500 = await client.post(
        f"/v1/swvs/{UTRECHT.code}/aanleverpunten", json=nieuw | {"nummer": "2605501"}, headers=swv
    )
    assert geen_500.status_code == 422
    te_lang = await client.post(
        f"/v1/swvs/{UTRECHT.code}/aanleverpunten", json=nieuw | {"nummer": "2605501500"}, headers=swv
    )
    assert te_lang.status_code == 422
    detail = (await client.get(f"/v1/swvs/{UTRECHT.code}", headers=dienst)).json()
    assert len(detail["aanleverpunten"]) == 2


async def test_swv_lijst(client: httpx.AsyncClient, token: TokenMaker) -> None:
    body = (await client.get("/v1/swvs", headers=token(Rol.ZORGCOORDINATOR, school="99AA"))).json()
    assert body == [
        {"code": UTRECHT.code, "naam": UTRECHT.naam, "systeem": "Kindkans"},
        {"code": RIJNMOND.code, "naam": RIJNMOND.naam, "systeem": "Kindkans"},
    ]


async def test_onbekend_swv(client: httpx.AsyncClient, token: TokenMaker, dienst: Headers) -> None:
    response = await client.get("/v1/swvs/VO9999", headers=dienst)
    assert (response.status_code, response.json()["code"]) == (404, "SWV_ONBEKEND")
    eigen = token(Rol.SWV_BEHEERDER, swv="VO9999")
    response = await client.post("/v1/swvs/VO9999/registraties", json={"brin": "99AA"}, headers=eigen)
    assert (response.status_code, response.json()["code"]) == (404, "SWV_ONBEKEND")
    response = await client.get("/v1/scholen/99ZZ/aanleverpunten", headers=dienst)
    assert (response.status_code, response.json()["code"]) == (404, "SCHOOL_ONBEKEND")
