"""POST /v1/terugkoppelingen: idempotent, only after the fetch, only by the SWV the key was for."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy import select

from oso_gateway.afleveringen.models import Aflevering
from oso_shared.db import Database

from ..helpers import OTHER_SWV, Aanleveren, koppelsleutel_of, outbox_rows, swv_headers

BODY = {"status": "in_behandeling", "bericht": "Hulpvraag aangemaakt", "referentie": "HV-1"}


async def _fetched(client: httpx.AsyncClient, aanleveren: Aanleveren, database: Database) -> tuple[uuid.UUID, str]:
    aflevering_id = uuid.uuid4()
    assert (await aanleveren(aflevering_id)).status_code == 201
    sleutel = await koppelsleutel_of(database, aflevering_id)
    fetched = await client.post("/v1/ophalen", json={"koppelsleutel": sleutel}, headers=swv_headers())
    assert fetched.status_code == 200
    return aflevering_id, sleutel


async def test_terugkoppeling_idempotent_and_forwarded(
    client: httpx.AsyncClient, aanleveren: Aanleveren, database: Database
) -> None:
    aflevering_id, sleutel = await _fetched(client, aanleveren, database)
    body = {"koppelsleutel": sleutel, **BODY}
    first = await client.post("/v1/terugkoppelingen", json=body, headers=swv_headers(idempotency_key="tk-1"))
    assert first.status_code == 201, first.text
    again = await client.post("/v1/terugkoppelingen", json=body, headers=swv_headers(idempotency_key="tk-1"))
    assert again.status_code == 200
    assert again.json() == first.json()

    events = [r.payload["gebeurtenis"] for r in await outbox_rows(database, "gebeurtenis")]
    teruggekoppeld = [e for e in events if e["soort"] == "teruggekoppeld"]
    assert len(teruggekoppeld) == 1
    assert teruggekoppeld[0]["aflevering_id"] == str(aflevering_id)
    assert teruggekoppeld[0]["terugkoppeling"] == {
        "status": "in_behandeling",
        "bericht": "Hulpvraag aangemaakt",
        "referentie": "HV-1",
    }
    assert teruggekoppeld[0]["gebeurtenis_id"] == first.json()["terugkoppeling_id"]
    async with database.transaction() as session:
        assert (await session.scalars(select(Aflevering))).one().status == "teruggekoppeld"

    # A second, different terugkoppeling (new key) is a new message.
    other = await client.post(
        "/v1/terugkoppelingen",
        json={**body, "status": "toegekend"},
        headers=swv_headers(idempotency_key="tk-2"),
    )
    assert other.status_code == 201


async def test_terugkoppeling_before_fetch_is_refused(
    client: httpx.AsyncClient, aanleveren: Aanleveren, database: Database
) -> None:
    aflevering_id = uuid.uuid4()
    await aanleveren(aflevering_id)
    sleutel = await koppelsleutel_of(database, aflevering_id)
    response = await client.post(
        "/v1/terugkoppelingen",
        json={"koppelsleutel": sleutel, **BODY},
        headers=swv_headers(idempotency_key="k"),
    )
    assert response.status_code == 409
    assert response.json()["code"] == "NOG_NIET_OPGEHAALD"


async def test_terugkoppeling_refusals(client: httpx.AsyncClient, aanleveren: Aanleveren, database: Database) -> None:
    _, sleutel = await _fetched(client, aanleveren, database)
    body = {"koppelsleutel": sleutel, **BODY}
    no_key = await client.post("/v1/terugkoppelingen", json=body, headers=swv_headers())
    assert no_key.json()["code"] == "IDEMPOTENCY_KEY_ONTBREEKT"
    wrong = await client.post("/v1/terugkoppelingen", json=body, headers=swv_headers(OTHER_SWV, idempotency_key="k"))
    assert wrong.json()["code"] == "SESSIE_AFWIJKEND"
    unknown = await client.post(
        "/v1/terugkoppelingen",
        json={**body, "koppelsleutel": "y" * 43},
        headers=swv_headers(idempotency_key="k"),
    )
    assert unknown.json()["code"] == "ONBEKENDE_KOPPELSLEUTEL"
    unsigned = await client.post("/v1/terugkoppelingen", json=body, headers={"idempotency-key": "k"})
    assert unsigned.status_code == 401
