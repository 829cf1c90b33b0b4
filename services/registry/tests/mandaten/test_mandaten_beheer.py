"""Mandates: grant (idempotent), revoke (soft), copy with preview, the board's status as JSON and CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import httpx
import pytest

from oso_dev.demo import world
from oso_shared.auth import Rol

Headers = dict[str, str]
TokenMaker = Callable[..., Headers]
RIJNMOND = world.SWV_RIJNMOND.aanleverpunt_id

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def bestuur(token: TokenMaker) -> Headers:
    return token(Rol.BESTUURSBEHEERDER, bestuur="41234")


def controle(brin: str) -> dict[str, object]:
    return {"dienst": "OSO-SWV", "bron": {"brin": brin, "systeem": "Magister"}, "doel": {"aanleverpunt": RIJNMOND}}


async def test_verlenen_is_idempotent_en_maakt_99ab_gereed(
    client: httpx.AsyncClient, bestuur: Headers, dienst: Headers
) -> None:
    assert not (await client.post("/v1/uitwisselcontroles", json=controle("99AB"), headers=dienst)).json()["toegestaan"]
    body = {"dienst": "OSO-SWV", "systeem": "Kindkans"}
    first = await client.post("/v1/scholen/99AB/mandaten", json=body, headers=bestuur)
    assert first.status_code == 201
    assert first.json()["actief"] is True
    second = await client.post("/v1/scholen/99AB/mandaten", json=body, headers=bestuur)
    assert second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    lijst = (await client.get("/v1/scholen/99AB/mandaten", headers=bestuur)).json()
    assert sorted((m["dienst"], m["systeem"]) for m in lijst) == [("OSO-SWV", "Kindkans"), ("OSO-SWV", "Magister")]
    assert (await client.post("/v1/uitwisselcontroles", json=controle("99AB"), headers=dienst)).json()["toegestaan"]


async def test_intrekken_is_zacht_en_telt_niet_meer(
    client: httpx.AsyncClient, bestuur: Headers, dienst: Headers
) -> None:
    response = await client.delete("/v1/scholen/99AA/mandaten/OSO-SWV/Kindkans", headers=bestuur)
    assert response.status_code == 200
    assert response.json()["actief"] is False
    assert response.json()["ingetrokken_door"].startswith("test:bestuursbeheerder")
    body = (await client.post("/v1/uitwisselcontroles", json=controle("99AA"), headers=dienst)).json()
    assert [o["code"] for o in body["ontbrekend"]] == ["MANDAAT_SWV_SYSTEEM_ONTBREEKT"]
    again = await client.delete("/v1/scholen/99AA/mandaten/OSO-SWV/Kindkans", headers=bestuur)
    assert again.status_code == 404
    assert again.json()["code"] == "MANDAAT_NIET_GEVONDEN"
    historie = (await client.get("/v1/scholen/99AA/mandaten?inclusief_ingetrokken=true", headers=bestuur)).json()
    assert any(not m["actief"] and m["systeem"] == "Kindkans" for m in historie)
    actief = (await client.get("/v1/scholen/99AA/mandaten", headers=bestuur)).json()
    assert all(m["actief"] for m in actief)
    # Granting again after a revocation creates a new active mandate.
    opnieuw = await client.post(
        "/v1/scholen/99AA/mandaten", json={"dienst": "OSO-SWV", "systeem": "Kindkans"}, headers=bestuur
    )
    assert opnieuw.status_code == 201


async def test_oso_ov_telt_niet_voor_oso_swv(client: httpx.AsyncClient, token: TokenMaker, dienst: Headers) -> None:
    utrecht = token(Rol.BESTUURSBEHEERDER, bestuur="42345")
    body = {
        "dienst": "OSO-SWV",
        "bron": {"brin": "99BB", "systeem": "Magister"},
        "doel": {"aanleverpunt": world.SWV_UTRECHT.aanleverpunt_id},
    }
    mandaten = (await client.get("/v1/scholen/99BB/mandaten", headers=utrecht)).json()
    assert ("OSO-OV", "Magister") in [(m["dienst"], m["systeem"]) for m in mandaten]
    codes = [
        o["code"] for o in (await client.post("/v1/uitwisselcontroles", json=body, headers=dienst)).json()["ontbrekend"]
    ]
    assert codes == ["MANDAAT_SCHOOLSYSTEEM_ONTBREEKT"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"dienst": "OSO-XX", "systeem": "Magister"}, "ONBEKENDE_DIENST"),
        ({"dienst": "OSO-SWV", "systeem": "Somtoday"}, "ONBEKEND_SYSTEEM"),
        ({"dienst": "OSO-SWV"}, "VALIDATIEFOUT"),
    ],
)
async def test_verlenen_foute_invoer(
    client: httpx.AsyncClient, bestuur: Headers, body: dict[str, str], code: str
) -> None:
    response = await client.post("/v1/scholen/99AB/mandaten", json=body, headers=bestuur)
    assert response.status_code == 422
    assert response.json()["code"] == code


async def test_onbekende_school_en_foute_brin(client: httpx.AsyncClient, bestuur: Headers) -> None:
    body = {"dienst": "OSO-SWV", "systeem": "Kindkans"}
    missing = await client.post("/v1/scholen/99ZZ/mandaten", json=body, headers=bestuur)
    assert (missing.status_code, missing.json()["code"]) == (404, "SCHOOL_ONBEKEND")
    bad = await client.post("/v1/scholen/99AB01/mandaten", json=body, headers=bestuur)
    assert (bad.status_code, bad.json()["code"]) == (422, "ONGELDIGE_BRIN")


async def test_kopieren_voorbeeld_dan_bevestigen(client: httpx.AsyncClient, bestuur: Headers) -> None:
    aanvraag = {"bron": {"brin": "99AA", "dienst": "OSO-SWV", "systeem": "Kindkans"}, "doelen": ["99AB", "99AC"]}
    voorbeeld = await client.post("/v1/besturen/41234/mandaatkopieen", json=aanvraag, headers=bestuur)
    assert voorbeeld.status_code == 200
    assert voorbeeld.json()["bevestigd"] is False
    assert [(d["brin"], d["resultaat"]) for d in voorbeeld.json()["doelen"]] == [
        ("99AB", "nieuw"),
        ("99AC", "bestaat_al"),
    ]
    # The preview changed nothing.
    lijst = (await client.get("/v1/scholen/99AB/mandaten", headers=bestuur)).json()
    assert ("OSO-SWV", "Kindkans") not in [(m["dienst"], m["systeem"]) for m in lijst]

    uitgevoerd = await client.post(
        "/v1/besturen/41234/mandaatkopieen", json=aanvraag | {"bevestigen": True}, headers=bestuur
    )
    assert [(d["brin"], d["resultaat"]) for d in uitgevoerd.json()["doelen"]] == [
        ("99AB", "nieuw"),
        ("99AC", "bestaat_al"),
    ]
    nogmaals = await client.post(
        "/v1/besturen/41234/mandaatkopieen", json=aanvraag | {"bevestigen": True}, headers=bestuur
    )
    assert [d["resultaat"] for d in nogmaals.json()["doelen"]] == ["bestaat_al", "bestaat_al"]
    lijst = (await client.get("/v1/scholen/99AB/mandaten", headers=bestuur)).json()
    assert [(m["dienst"], m["systeem"]) for m in lijst].count(("OSO-SWV", "Kindkans")) == 1


@pytest.mark.parametrize(
    ("aanvraag", "status", "code"),
    [
        (
            {"bron": {"brin": "99AA", "dienst": "OSO-SWV", "systeem": "Kindkans"}, "doelen": ["99AB", "99BA"]},
            422,
            "SCHOOL_VAN_ANDER_BESTUUR",
        ),
        (
            {"bron": {"brin": "99BA", "dienst": "OSO-SWV", "systeem": "Kindkans"}, "doelen": ["99AB"]},
            422,
            "SCHOOL_VAN_ANDER_BESTUUR",
        ),
        (
            {"bron": {"brin": "99AA", "dienst": "OSO-SWV", "systeem": "Kindkans"}, "doelen": ["99AB", "99ZZ"]},
            404,
            "SCHOOL_ONBEKEND",
        ),
        (
            {"bron": {"brin": "99AB", "dienst": "OSO-SWV", "systeem": "Kindkans"}, "doelen": ["99AC"]},
            404,
            "MANDAAT_NIET_GEVONDEN",
        ),
        (
            {"bron": {"brin": "99AA", "dienst": "OSO-SWV", "systeem": "Kindkans"}, "doelen": ["99AB", "9"]},
            422,
            "ONGELDIGE_BRIN",
        ),
        ({"bron": {"brin": "99AA", "dienst": "OSO-SWV", "systeem": "Kindkans"}, "doelen": []}, 422, "VALIDATIEFOUT"),
    ],
)
async def test_kopieren_fout_schrijft_niets(
    client: httpx.AsyncClient, bestuur: Headers, aanvraag: dict[str, object], status: int, code: str
) -> None:
    response = await client.post(
        "/v1/besturen/41234/mandaatkopieen", json=aanvraag | {"bevestigen": True}, headers=bestuur
    )
    assert response.status_code == status
    assert response.json()["code"] == code
    lijst = (await client.get("/v1/scholen/99AB/mandaten", headers=bestuur)).json()
    assert [(m["dienst"], m["systeem"]) for m in lijst] == [("OSO-SWV", "Magister")]


async def test_mandaatstatus_json(client: httpx.AsyncClient, bestuur: Headers) -> None:
    body = (await client.get("/v1/besturen/41234/mandaatstatus", headers=bestuur)).json()
    assert body["bestuur"]["nummer"] == "41234"
    scholen = {s["brin"]: s for s in body["scholen"]}
    assert set(scholen) == {"99AA", "99AB", "99AC"}
    aa = scholen["99AA"]["swvs"][0]
    assert aa["swv"]["code"] == "VO2801"
    assert aa["registratie"] == "99AA"
    assert aa["stappen"]["gereed"] is True
    ab = scholen["99AB"]["swvs"][0]["stappen"]
    assert (ab["stap1_geregistreerd_bij_swv"], ab["stap2_mandaat_schoolsysteem"], ab["stap2_mandaat_swv_systeem"]) == (
        True,
        True,
        False,
    )
    assert scholen["99AC"]["swvs"][0]["registratie"] == "99AC02"


async def test_mandaatstatus_csv(client: httpx.AsyncClient, token: TokenMaker) -> None:
    response = await client.get(
        "/v1/besturen/42345/mandaatstatus",
        headers=token(Rol.BESTUURSBEHEERDER, bestuur="42345") | {"accept": "text/csv"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text), delimiter=";"))
    assert [r["brin"] for r in rows] == ["99BA", "99BB"]
    ba, bb = rows
    assert ba["swv_code"] == "VO2605"
    assert ba["stap3_brin_geregistreerd"] == "nee"
    assert ba["stap3_aanleverpunt_ingesteld"] == "nee"
    assert ba["stap2_mandaat_schoolsysteem"] == "ja"
    assert bb["stap2_mandaat_schoolsysteem"] == "nee"
    assert bb["gereed"] == "nee"
    assert list(rows[0]) == [
        "bestuur",
        "brin",
        "school",
        "swv_code",
        "swv_naam",
        "registratie",
        "stap1_geregistreerd_bij_swv",
        "stap2_mandaat_schoolsysteem",
        "stap2_mandaat_swv_systeem",
        "stap3_brin_geregistreerd",
        "stap3_aanleverpunt_ingesteld",
        "gereed",
    ]


async def test_mandaatstatus_csv_school_zonder_swv(client: httpx.AsyncClient, token: TokenMaker) -> None:
    swv = token(Rol.SWV_BEHEERDER, swv="VO2605")
    assert (await client.delete("/v1/swvs/VO2605/registraties/99BA", headers=swv)).status_code == 204
    response = await client.get(
        "/v1/besturen/42345/mandaatstatus",
        headers=token(Rol.BESTUURSBEHEERDER, bestuur="42345") | {"accept": "text/csv"},
    )
    rows = list(csv.DictReader(io.StringIO(response.text), delimiter=";"))
    assert rows[0]["brin"] == "99BA"
    assert rows[0]["swv_code"] == ""
    assert rows[0]["gereed"] == "nee"
