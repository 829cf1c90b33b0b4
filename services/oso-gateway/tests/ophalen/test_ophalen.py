"""POST /v1/ophalen: streamed hand-over and every refusal (cf. the broker's session-check results)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx
import jwt
import respx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from oso_gateway.afleveringen.models import Aflevering
from oso_gateway.main import create_app
from oso_gateway.ophalen.flows import stream_content
from oso_gateway.outbox.worker import purge
from oso_gateway.settings import Settings
from oso_shared.db import Database

from ..helpers import OTHER_SWV, SWV, XML, Aanleveren, koppelsleutel_of, outbox_rows, swv_headers


async def _made_available(aanleveren: Aanleveren, database: Database) -> tuple[uuid.UUID, str]:
    aflevering_id = uuid.uuid4()
    assert (await aanleveren(aflevering_id)).status_code == 201
    return aflevering_id, await koppelsleutel_of(database, aflevering_id)


async def _fetch(client: httpx.AsyncClient, sleutel: str, headers: dict[str, str]) -> httpx.Response:
    return await client.post("/v1/ophalen", json={"koppelsleutel": sleutel}, headers=headers)


async def test_happy_path_streams_xml_and_records_opgehaald(
    client: httpx.AsyncClient, aanleveren: Aanleveren, database: Database, peers: respx.MockRouter
) -> None:
    aflevering_id, sleutel = await _made_available(aanleveren, database)
    response = await _fetch(client, sleutel, swv_headers())
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/xml"
    assert response.content == XML
    async with database.transaction() as session:
        aflevering = (await session.scalars(select(Aflevering))).one()
    assert aflevering.status == "opgehaald"
    assert aflevering.opgehaald_op is not None
    events = [r.payload["gebeurtenis"] for r in await outbox_rows(database, "gebeurtenis")]
    assert [e["soort"] for e in events] == ["opgehaald"]
    assert events[0]["aflevering_id"] == str(aflevering_id)
    # The registry was asked again at fetch time.
    assert peers["controle"].call_count == 2


async def test_streams_in_chunks(aanleveren: Aanleveren, database: Database) -> None:
    aflevering_id, _ = await _made_available(aanleveren, database)
    chunks = [chunk async for chunk in stream_content(database, aflevering_id, 1000)]
    assert b"".join(chunks) == XML
    assert [len(c) for c in chunks[:-1]] == [1000] * (len(chunks) - 1)
    # With the first chunk already read in the checking transaction.
    rest = [chunk async for chunk in stream_content(database, aflevering_id, 1000, XML[:1000])]
    assert b"".join(rest) == XML
    # A dossier that fits in the first chunk needs no further read.
    assert [c async for c in stream_content(database, uuid.uuid4(), 100_000, XML)] == [XML]


async def test_unknown_key(client: httpx.AsyncClient) -> None:
    response = await _fetch(client, "x" * 43, swv_headers())
    assert response.status_code == 404
    assert response.json()["code"] == "ONBEKENDE_KOPPELSLEUTEL"


async def test_wrong_swv_is_sessie_afwijkend(
    client: httpx.AsyncClient, aanleveren: Aanleveren, database: Database
) -> None:
    _, sleutel = await _made_available(aanleveren, database)
    response = await _fetch(client, sleutel, swv_headers(OTHER_SWV))
    assert response.status_code == 403
    assert response.json()["code"] == "SESSIE_AFWIJKEND"


async def test_spent_key_is_sessie_reeds_afgemeld(
    database: Database, settings: Settings, aanleveren: Aanleveren, peers: respx.MockRouter
) -> None:
    _, sleutel = await _made_available(aanleveren, database)
    app = create_app(settings.model_copy(update={"refetch_window_seconds": 0}), database=database)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        assert (await _fetch(client, sleutel, swv_headers())).status_code == 200
        response = await _fetch(client, sleutel, swv_headers())
    assert response.status_code == 410
    assert response.json()["code"] == "SESSIE_REEDS_AFGEMELD"


async def test_refetch_within_window_is_served_once_recorded(
    client: httpx.AsyncClient, aanleveren: Aanleveren, database: Database
) -> None:
    _, sleutel = await _made_available(aanleveren, database)
    for _ in range(2):
        response = await _fetch(client, sleutel, swv_headers())
        assert response.status_code == 200
        assert response.content == XML
    events = [r.payload["gebeurtenis"]["soort"] for r in await outbox_rows(database, "gebeurtenis")]
    assert events == ["opgehaald"]


async def test_revoked_mandate_blocks_fetch(
    client: httpx.AsyncClient, aanleveren: Aanleveren, database: Database, peers: respx.MockRouter
) -> None:
    _, sleutel = await _made_available(aanleveren, database)
    ontbrekend = [
        {"stap": 2, "code": "MANDAAT_SWV_SYSTEEM_ONTBREEKT", "wie": "bestuur", "uitleg": "Mandaat ingetrokken"}
    ]
    peers["controle"].respond(200, json={"toegestaan": False, "ontbrekend": ontbrekend, "route": None})
    response = await _fetch(client, sleutel, swv_headers())
    assert response.status_code == 403
    assert response.json()["code"] == "UITWISSELING_NIET_TOEGESTAAN"
    assert response.json()["ontbrekend"] == ontbrekend
    async with database.transaction() as session:
        assert (await session.scalars(select(Aflevering))).one().opgehaald_op is None
    assert await outbox_rows(database, "gebeurtenis") == []


async def test_unknown_verstrekker(
    client: httpx.AsyncClient, aanleveren: Aanleveren, database: Database, peers: respx.MockRouter
) -> None:
    _, sleutel = await _made_available(aanleveren, database)
    peers["controle"].respond(404, json={"code": "SCHOOL_NIET_GEVONDEN"})
    response = await _fetch(client, sleutel, swv_headers())
    assert (response.status_code, response.json()["code"]) == (404, "VERSTREKKER_NIET_BEKEND")


async def test_aanleverpunt_gone_at_fetch(
    client: httpx.AsyncClient, aanleveren: Aanleveren, database: Database, peers: respx.MockRouter
) -> None:
    _, sleutel = await _made_available(aanleveren, database)
    peers["controle"].respond(404, json={"code": "AANLEVERPUNT_NIET_GEVONDEN"})
    response = await _fetch(client, sleutel, swv_headers())
    assert (response.status_code, response.json()["code"]) == (404, "ONBEKEND_AANLEVERPUNT")


async def test_token_of_unknown_aanleverpunt(client: httpx.AsyncClient) -> None:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    unknown = str(uuid.uuid4())
    now = dt.datetime.now(dt.UTC)
    claims = {"iss": unknown, "sub": unknown, "aud": "oso-gateway", "exp": now + dt.timedelta(minutes=1), "jti": "a"}
    token = jwt.encode(claims, pem, algorithm="EdDSA")
    response = await _fetch(client, "x" * 43, {"authorization": f"Bearer {token}"})
    assert (response.status_code, response.json()["code"]) == (404, "ONBEKEND_AANLEVERPUNT")


async def test_jwt_replay_rejected(client: httpx.AsyncClient, aanleveren: Aanleveren, database: Database) -> None:
    _, sleutel = await _made_available(aanleveren, database)
    headers = swv_headers()
    assert (await _fetch(client, sleutel, headers)).status_code == 200
    response = await _fetch(client, sleutel, headers)
    assert response.status_code == 401
    assert response.json()["code"] == "TOKEN_HERGEBRUIKT"


def _signed(private_pem: str, **overrides: Any) -> dict[str, str]:
    now = dt.datetime.now(dt.UTC)
    punt = SWV.aanleverpunt_id
    claims: dict[str, Any] = {
        "iss": punt,
        "sub": punt,
        "aud": "oso-gateway",
        "iat": now,
        "exp": now + dt.timedelta(minutes=2),
        "jti": uuid.uuid4().hex,
    }
    claims.update(overrides)
    token = jwt.encode({k: v for k, v in claims.items() if v is not None}, private_pem, algorithm="EdDSA")
    return {"authorization": f"Bearer {token}"}


async def test_bad_tokens_are_refused(client: httpx.AsyncClient) -> None:
    now = dt.datetime.now(dt.UTC)
    own = SWV.private_key_pem
    cases = [
        _signed(OTHER_SWV.private_key_pem),  # signed with another SWV's key
        _signed(own, aud="iemand-anders"),
        _signed(own, exp=now - dt.timedelta(minutes=1)),
        _signed(own, exp=now + dt.timedelta(hours=1)),  # lives longer than 5 minutes
        _signed(own, sub=OTHER_SWV.aanleverpunt_id),
        _signed(own, jti=None),
        {"authorization": "Bearer " + jwt.encode({"iss": SWV.aanleverpunt_id}, "s" * 32, algorithm="HS256")},
        {},
    ]
    for headers in cases:
        response = await _fetch(client, "x" * 43, headers)
        assert response.status_code == 401, (headers, response.text)
        assert response.json()["code"] in ("TOKEN_ONGELDIG", "TOKEN_ONTBREEKT")


async def test_purged_content_cannot_be_fetched(
    client: httpx.AsyncClient, aanleveren: Aanleveren, database: Database, settings: Settings
) -> None:
    _, sleutel = await _made_available(aanleveren, database)
    # Retention 0: everything created before "now" is past it.
    assert await purge(database, settings.model_copy(update={"retention_max_seconds": -1})) == 1
    response = await _fetch(client, sleutel, swv_headers())
    assert response.status_code == 410
    assert response.json()["code"] == "SESSIE_REEDS_AFGEMELD"


async def test_purge_after_fetch_keeps_unfetched_content(
    client: httpx.AsyncClient, aanleveren: Aanleveren, database: Database, settings: Settings
) -> None:
    fetched_id, sleutel = await _made_available(aanleveren, database)
    waiting_id, _ = await _made_available(aanleveren, database)
    assert (await _fetch(client, sleutel, swv_headers())).status_code == 200
    assert await purge(database, settings.model_copy(update={"retention_after_fetch_seconds": -1})) == 1
    async with database.transaction() as session:
        rows = {a.id: a for a in (await session.scalars(select(Aflevering))).all()}
    assert rows[fetched_id].inhoud_verwijderd_op is not None
    assert rows[waiting_id].inhoud_verwijderd_op is None
