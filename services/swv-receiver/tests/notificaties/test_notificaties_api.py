"""POST /v1/notificaties: accepted once per koppelsleutel, only for our aanleverpunten and trusted gateway."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import func, select

from oso_shared.db import Database
from swv_receiver.notificaties.models import Notificatie
from swv_receiver.outbox.models import SOORT_OPHALEN, Outbox

Melding = Callable[..., dict[str, Any]]


async def _tel(database: Database) -> tuple[int, int]:
    async with database.transaction() as session:
        notificaties = (await session.execute(select(func.count()).select_from(Notificatie))).scalar_one()
        uitgaand = (await session.execute(select(func.count()).select_from(Outbox))).scalar_one()
    return notificaties, uitgaand


async def test_notificatie_wordt_opgeslagen_met_ophaalopdracht(
    client: httpx.AsyncClient, melding: Melding, database: Database
) -> None:
    response = await client.post("/v1/notificaties", json=melding())
    assert response.status_code == 202
    assert response.json() == {"status": "ontvangen"}
    async with database.transaction() as session:
        rij = (await session.scalars(select(Outbox))).one()
        notificatie = (await session.scalars(select(Notificatie))).one()
    assert rij.kind == SOORT_OPHALEN
    assert rij.payload == {"notificatie_id": str(notificatie.id)}
    assert notificatie.swv_code == "VO2801"
    assert notificatie.bron_brin == "99AA"


async def test_herhaalde_notificatie_wordt_ontdubbeld(
    client: httpx.AsyncClient, melding: Melding, database: Database
) -> None:
    eerste = await client.post("/v1/notificaties", json=melding())
    tweede = await client.post("/v1/notificaties", json=melding())
    assert eerste.status_code == tweede.status_code == 202
    assert tweede.json() == {"status": "reeds_ontvangen"}
    assert await _tel(database) == (1, 1)


async def test_onbekend_aanleverpunt_geweigerd(client: httpx.AsyncClient, melding: Melding, database: Database) -> None:
    body = melding()
    body["doel"]["aanleverpunt"] = "00000000-0000-0000-0000-000000000000"
    response = await client.post("/v1/notificaties", json=body)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "ONBEKEND_AANLEVERPUNT"
    assert await _tel(database) == (0, 0)


async def test_ophaal_url_buiten_gateway_geweigerd(client: httpx.AsyncClient, melding: Melding) -> None:
    for url in (
        "http://evil.test/v1/ophalen",
        "http://gateway.test.evil/v1/ophalen",
        "https://gateway.test/v1/ophalen",
    ):
        body = melding()
        body["ophaal_url"] = url
        response = await client.post("/v1/notificaties", json=body)
        assert response.status_code == 422, url
        assert response.json()["code"] == "OPHAAL_URL_NIET_VERTROUWD"


async def test_andere_dienst_geweigerd(client: httpx.AsyncClient, melding: Melding) -> None:
    body = melding()
    body["dienst"] = "OSO-OV"
    response = await client.post("/v1/notificaties", json=body)
    assert response.status_code == 422
    assert response.json()["code"] == "DIENST_NIET_ONDERSTEUND"


async def test_ongeldige_notificatie_geeft_validatiefout(client: httpx.AsyncClient, melding: Melding) -> None:
    body = melding(koppelsleutel="kort")
    response = await client.post("/v1/notificaties", json=body)
    assert response.status_code == 422
    assert response.json()["code"] == "VALIDATIEFOUT"
