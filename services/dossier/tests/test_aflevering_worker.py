"""The outbox worker: multipart delivery with Idempotency-Key to the gateway; retries; permanent failure → mislukt."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import respx
from sqlalchemy import func, select, update

from oso_dev.testing import RESPX_AIOHTTP
from oso_dossier.dossiers.models import DossierOutbox
from oso_dossier.settings import Settings
from oso_dossier.worker import build
from oso_shared.auth import TokenService
from oso_shared.db import Database
from oso_shared.http import ServiceClient

Auth = Callable[..., dict[str, str]]


async def _opvraagbaar(client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]) -> tuple[str, str]:
    did = str((await maak_dossier())["id"])
    await client.post(f"/v1/dossiers/{did}/voltooien", headers=auth())
    await client.post(f"/v1/dossiers/{did}/valideren", headers=auth())
    body = (await client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth())).json()
    return did, str(body["aflevering_id"])


async def _due(database: Database) -> None:
    # The test's outer transaction freezes now(); make the row due relative to that frozen clock.
    async with database.transaction() as session:
        await session.execute(update(DossierOutbox).values(next_attempt_at=func.now() - dt.timedelta(minutes=1)))


def _gateway(settings: Settings) -> ServiceClient:
    return ServiceClient(
        settings.gateway_url, TokenService(settings.auth_secret.get_secret_value()), "dossier", attempts=1
    )


async def test_delivery_posts_meta_and_xml_once(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], database: Database, settings: Settings
) -> None:
    did, aid = await _opvraagbaar(client, auth, maak_dossier)
    await _due(database)
    gateway = _gateway(settings)
    with respx.mock(base_url=settings.gateway_url, using=RESPX_AIOHTTP) as mock:
        route = mock.post("/v1/afleveringen").respond(201, json={"aflevering_id": aid})
        worker = build(settings, database, gateway)
        assert await worker.drain() == 1
        assert await worker.drain() == 0
    request = route.calls.last.request
    assert request.headers["idempotency-key"] == aid
    assert request.headers["authorization"].startswith("Bearer ")
    body = request.content
    assert b'name="meta"' in body
    assert b'name="dossier"' in body
    meta_part = body.split(b'name="meta"')[1].split(b"\r\n\r\n", 1)[1].split(b"\r\n--", 1)[0]
    meta = json.loads(meta_part)
    assert meta == {
        "aflevering_id": aid,
        "dossier_id": did,
        "dienst": "OSO-SWV",
        "bron": {"brin": "99AA", "vestigingscode": "00", "systeem": "Magister"},
        "doel": {"aanleverpunt": "59f952f6-e07e-5962-97d7-2a6d9ee87d66"},
    }
    xml = (await client.get(f"/v1/dossiers/{did}/xml", headers=auth())).content
    assert xml in body
    async with database.transaction() as session:
        row = (await session.scalars(select(DossierOutbox))).one()
        assert (row.status, row.attempts) == ("done", 1)
    await gateway.aclose()


async def test_gateway_down_is_retried_later(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], database: Database, settings: Settings
) -> None:
    await _opvraagbaar(client, auth, maak_dossier)
    await _due(database)
    gateway = _gateway(settings)
    with respx.mock(base_url=settings.gateway_url, using=RESPX_AIOHTTP) as mock:
        mock.post("/v1/afleveringen").respond(503)
        assert await build(settings, database, gateway).drain() == 1
    async with database.transaction() as session:
        row = (await session.scalars(select(DossierOutbox))).one()
        assert (row.status, row.attempts) == ("pending", 1)
        assert "503" in (row.last_error or "")
    await gateway.aclose()


async def test_permanent_refusal_marks_dossier_mislukt(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], database: Database, settings: Settings
) -> None:
    did, _ = await _opvraagbaar(client, auth, maak_dossier)
    await _due(database)
    gateway = _gateway(settings)
    with respx.mock(base_url=settings.gateway_url, using=RESPX_AIOHTTP) as mock:
        mock.post("/v1/afleveringen").respond(422, json={"code": "X"})
        assert await build(settings, database, gateway).drain() == 1
    async with database.transaction() as session:
        row = (await session.scalars(select(DossierOutbox))).one()
        assert row.status == "dead"
    detail = (await client.get(f"/v1/dossiers/{did}", headers=auth())).json()
    assert detail["status"] == "mislukt"
    assert "422" in detail["mislukt_reden"]
    assert uuid.UUID(detail["aflevering_id"])
    await gateway.aclose()
