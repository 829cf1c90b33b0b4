"""The worker fetches each notified dossier with a fresh aanleverpunt JWT and makes one hulpvraag of it."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import jwt
import pytest
import respx
from sqlalchemy import select

from oso_dev.demo.world import SWV_RIJNMOND
from oso_dev.testing import RESPX_AIOHTTP
from oso_shared.db import Database
from oso_shared.outbox import DEAD, DONE, PENDING, retry_dead
from swv_receiver.hulpvragen.models import Hulpvraag
from swv_receiver.notificaties.models import Notificatie
from swv_receiver.scholen.models import AangemeldeSchool
from swv_receiver.settings import Settings
from swv_receiver.uitgaand.models import Uitgaand
from swv_receiver.worker import bouw_worker

OPHAAL_URL = "http://gateway.test/v1/ophalen"
Melding = Callable[..., dict[str, Any]]
Verwerk = Callable[..., Awaitable[int]]


@pytest.fixture
async def school(database: Database) -> None:
    async with database.transaction() as session:
        session.add(AangemeldeSchool(swv_code="VO2801", brin="99AA", vestigingscode=None, naam="De Brug"))


async def _hulpvragen(database: Database) -> list[Hulpvraag]:
    async with database.transaction() as session:
        return list((await session.scalars(select(Hulpvraag))).all())


async def _stand(database: Database) -> tuple[Notificatie, Uitgaand]:
    async with database.transaction() as session:
        notificatie = (await session.scalars(select(Notificatie))).one()
        rij = (await session.scalars(select(Uitgaand))).one()
    return notificatie, rij


@pytest.mark.usefixtures("school")
async def test_ophalen_maakt_hulpvraag_met_geldig_jwt(
    client: httpx.AsyncClient, melding: Melding, verwerk: Verwerk, database: Database, dossier: Callable[..., bytes]
) -> None:
    with respx.mock(assert_all_called=True, using=RESPX_AIOHTTP) as gateway:
        route = gateway.post(OPHAAL_URL).mock(return_value=httpx.Response(200, content=dossier()))
        assert (await client.post("/v1/notificaties", json=melding())).status_code == 202
        assert await verwerk() == 1
    verzoek = route.calls.last.request
    assert json.loads(verzoek.content) == {"koppelsleutel": "k" * 32}
    assert "k" * 32 not in str(verzoek.url)
    token = verzoek.headers["authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, SWV_RIJNMOND.public_key_pem, algorithms=["EdDSA"], audience="oso-gateway")
    assert claims["iss"] == claims["sub"] == SWV_RIJNMOND.aanleverpunt_id
    assert claims["exp"] - claims["iat"] <= 300
    assert claims["jti"]

    [hulpvraag] = await _hulpvragen(database)
    assert hulpvraag.titel == "Nog in te vullen…"
    assert (hulpvraag.brin, hulpvraag.vestigingscode, hulpvraag.swv_code) == ("99AA", "02", "VO2801")
    assert hulpvraag.leerling_naam == "Daan van de Berg"
    assert hulpvraag.status == "nieuw"
    notificatie, rij = await _stand(database)
    assert notificatie.status == "verwerkt"
    assert rij.status == DONE


@pytest.mark.usefixtures("school")
async def test_elk_verzoek_krijgt_een_eigen_jti(
    client: httpx.AsyncClient, melding: Melding, verwerk: Verwerk, dossier: Callable[..., bytes]
) -> None:
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        route = gateway.post(OPHAAL_URL).mock(return_value=httpx.Response(200, content=dossier()))
        await client.post("/v1/notificaties", json=melding("a" * 32))
        await client.post("/v1/notificaties", json=melding("b" * 32))
        assert await verwerk() == 2
    jtis = set()
    for call in route.calls:
        token = call.request.headers["authorization"].removeprefix("Bearer ")
        jtis.add(jwt.decode(token, SWV_RIJNMOND.public_key_pem, algorithms=["EdDSA"], audience="oso-gateway")["jti"])
    assert len(jtis) == 2


@pytest.mark.usefixtures("school")
async def test_tijdelijke_fouten_worden_herhaald_zonder_dubbele_hulpvraag(
    client: httpx.AsyncClient, melding: Melding, verwerk: Verwerk, database: Database, dossier: Callable[..., bytes]
) -> None:
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        gateway.post(OPHAAL_URL).mock(
            side_effect=[
                httpx.Response(500),
                httpx.ConnectError("weg"),
                httpx.Response(503),
                httpx.Response(200, content=dossier()),
            ]
        )
        await client.post("/v1/notificaties", json=melding())
        assert await verwerk() == 1
        notificatie, rij = await _stand(database)
        assert (rij.status, rij.attempts, notificatie.status) == (PENDING, 1, "ontvangen")
        assert rij.last_error is not None
        for _ in range(3):
            await verwerk()
        assert await verwerk() == 0
    _, rij = await _stand(database)
    assert (rij.status, rij.attempts) == (DONE, 4)
    assert len(await _hulpvragen(database)) == 1


@pytest.mark.usefixtures("school")
async def test_herhaalde_notificatie_wordt_eenmaal_opgehaald(
    client: httpx.AsyncClient, melding: Melding, verwerk: Verwerk, database: Database, dossier: Callable[..., bytes]
) -> None:
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        route = gateway.post(OPHAAL_URL).mock(return_value=httpx.Response(200, content=dossier()))
        for _ in range(3):
            await client.post("/v1/notificaties", json=melding())
            await verwerk()
    assert route.call_count == 1
    assert len(await _hulpvragen(database)) == 1


@pytest.mark.usefixtures("school")
async def test_geweigerd_ophalen_wordt_dead_letter(
    client: httpx.AsyncClient, melding: Melding, verwerk: Verwerk, database: Database
) -> None:
    probleem = {"type": "x", "title": "t", "status": 403, "code": "UITWISSELING_NIET_TOEGESTAAN", "detail": "d"}
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        gateway.post(OPHAAL_URL).mock(return_value=httpx.Response(403, json=probleem))
        await client.post("/v1/notificaties", json=melding())
        await verwerk()
    notificatie, rij = await _stand(database)
    assert (notificatie.status, notificatie.reden) == ("geweigerd", "UITWISSELING_NIET_TOEGESTAAN")
    assert rij.status == DEAD
    assert await _hulpvragen(database) == []


async def test_onbekende_school_na_aanmelden_opnieuw_zonder_tweede_ophaalactie(
    client: httpx.AsyncClient, melding: Melding, verwerk: Verwerk, database: Database, dossier: Callable[..., bytes]
) -> None:
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        route = gateway.post(OPHAAL_URL).mock(return_value=httpx.Response(200, content=dossier()))
        await client.post("/v1/notificaties", json=melding())
        await verwerk()
        notificatie, rij = await _stand(database)
        assert (notificatie.status, notificatie.reden, rij.status) == ("school_onbekend", "SCHOOL_NIET_AANGEMELD", DEAD)
        async with database.transaction() as session:
            session.add(AangemeldeSchool(swv_code="VO2801", brin="99AA", vestigingscode="02"))
            assert await retry_dead(session, Uitgaand, None) == 1
        await verwerk()
    assert route.call_count == 1
    assert len(await _hulpvragen(database)) == 1


@pytest.mark.usefixtures("school")
@pytest.mark.parametrize(
    ("inhoud", "reden"),
    [
        (b"<dossier", "DOSSIER_GEEN_XML"),
        (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "y">]><d>&x;</d>', "DOSSIER_DTD_NIET_TOEGESTAAN"),
        (b"<andere/>", "DOSSIER_ONBEKEND_FORMAAT"),
    ],
)
async def test_onbruikbaar_dossier_wordt_afgekeurd(
    client: httpx.AsyncClient, melding: Melding, verwerk: Verwerk, database: Database, inhoud: bytes, reden: str
) -> None:
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        gateway.post(OPHAAL_URL).mock(return_value=httpx.Response(200, content=inhoud))
        await client.post("/v1/notificaties", json=melding())
        await verwerk()
    notificatie, rij = await _stand(database)
    assert (notificatie.status, notificatie.reden, rij.status) == ("afgekeurd", reden, DEAD)
    assert await _hulpvragen(database) == []


@pytest.mark.usefixtures("school")
async def test_dossier_van_andere_school_afgekeurd(
    client: httpx.AsyncClient, melding: Melding, verwerk: Verwerk, database: Database, dossier: Callable[..., bytes]
) -> None:
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        gateway.post(OPHAAL_URL).mock(return_value=httpx.Response(200, content=dossier(brin="99AB")))
        await client.post("/v1/notificaties", json=melding())
        await verwerk()
    notificatie, _ = await _stand(database)
    assert (notificatie.status, notificatie.reden) == ("afgekeurd", "DOSSIER_ANDERE_SCHOOL")


async def test_te_groot_dossier_afgekeurd(
    client: httpx.AsyncClient,
    melding: Melding,
    verwerk: Verwerk,
    database: Database,
    dossier: Callable[..., bytes],
    settings: Settings,
    http: httpx.AsyncClient,
) -> None:
    klein = bouw_worker(settings.model_copy(update={"max_dossier_bytes": 100}), database, http)
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        gateway.post(OPHAAL_URL).mock(return_value=httpx.Response(200, content=dossier()))
        await client.post("/v1/notificaties", json=melding())
        assert await verwerk(klein) == 1
    notificatie, rij = await _stand(database)
    assert (notificatie.status, notificatie.reden, rij.status) == ("afgekeurd", "DOSSIER_TE_GROOT", DEAD)


async def test_notificaties_zichtbaar_voor_swv(
    client: httpx.AsyncClient, melding: Melding, verwerk: Verwerk, token: Callable[..., dict[str, str]]
) -> None:
    probleem = {"code": "UITWISSELING_NIET_TOEGESTAAN", "detail": "mandaat ingetrokken"}
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        gateway.post(OPHAAL_URL).mock(return_value=httpx.Response(403, json=probleem))
        await client.post("/v1/notificaties", json=melding())
        await verwerk()
    response = await client.get("/v1/notificaties", headers=token())
    [notificatie] = response.json()
    assert (notificatie["status"], notificatie["reden"]) == ("geweigerd", "UITWISSELING_NIET_TOEGESTAAN")
    assert "koppelsleutel" not in notificatie
    assert (await client.get("/v1/notificaties", headers=token(swv="VO2605"))).json() == []
    gefilterd = await client.get("/v1/notificaties", params={"status": "verwerkt"}, headers=token())
    assert gefilterd.json() == []


async def test_mislukt_ophalen_opnieuw_door_swv(
    client: httpx.AsyncClient,
    melding: Melding,
    verwerk: Verwerk,
    database: Database,
    dossier: Callable[..., bytes],
    token: Callable[..., dict[str, str]],
) -> None:
    probleem = {"code": "UITWISSELING_NIET_TOEGESTAAN", "detail": "mandaat ingetrokken"}
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        gateway.post(OPHAAL_URL).mock(
            side_effect=[httpx.Response(403, json=probleem), httpx.Response(200, content=dossier())]
        )
        await client.post("/v1/notificaties", json=melding())
        await verwerk()
        notificatie, _ = await _stand(database)
        url = f"/v1/notificaties/{notificatie.id}/opnieuw"
        assert (await client.post(url, headers=token(swv="VO2605"))).status_code == 404
        async with database.transaction() as session:
            session.add(AangemeldeSchool(swv_code="VO2801", brin="99AA", vestigingscode=None))
        opnieuw = await client.post(url, headers=token())
        assert opnieuw.status_code == 202
        assert opnieuw.json()["status"] == "ontvangen"
        await verwerk()
        nogmaals = await client.post(url, headers=token())
        assert (nogmaals.status_code, nogmaals.json()["code"]) == (409, "NOTIFICATIE_NIET_MISLUKT")
    notificatie, rij = await _stand(database)
    assert (notificatie.status, rij.status) == ("verwerkt", DONE)
    assert len(await _hulpvragen(database)) == 1
