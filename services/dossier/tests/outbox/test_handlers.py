"""The outbox worker: multipart delivery with Idempotency-Key to the gateway; retries; permanent failure → mislukt."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
from sqlalchemy import func, select, update

from oso_dev.testing import RESPX_AIOHTTP
from oso_dossier.clients.gateway import GatewayClient
from oso_dossier.outbox.models import Outbox
from oso_dossier.outbox.worker import build_worker
from oso_dossier.settings import Settings
from oso_shared.auth import TokenService
from oso_shared.db import Database
from oso_shared.http import ServiceClient

Auth = Callable[..., dict[str, str]]


@pytest.fixture
async def opvraagbaar(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], database: Database
) -> tuple[str, str]:
    """A dossier made opvraagbaar whose outbox row is due; returns (dossier id, aflevering id)."""
    did = str((await maak_dossier())["id"])
    await client.post(f"/v1/dossiers/{did}/voltooien", headers=auth())
    await client.post(f"/v1/dossiers/{did}/valideren", headers=auth())
    body = (await client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth())).json()
    # The test's outer transaction freezes now(); make the row due relative to that frozen clock.
    async with database.transaction() as session:
        await session.execute(update(Outbox).values(next_attempt_at=func.now() - dt.timedelta(minutes=1)))
    return did, str(body["aflevering_id"])


async def _drain(settings: Settings, database: Database, answer: httpx.Response) -> respx.Route:
    """Run the worker once against a gateway that gives ``answer``; returns the stubbed route."""
    tokens = TokenService.from_settings(settings, "dossier")
    worker = build_worker(
        settings, database, GatewayClient(ServiceClient(settings.gateway_url, tokens, "oso-gateway", attempts=1))
    )
    with respx.mock(base_url=settings.gateway_url, using=RESPX_AIOHTTP) as mock:
        route = mock.post("/v1/afleveringen").mock(return_value=answer)
        assert await worker.drain() == 1
        assert await worker.drain() == 0  # done, dead, or not due again yet
    await worker.aclose()
    return route


async def _row(database: Database) -> Outbox:
    async with database.transaction() as session:
        return (await session.scalars(select(Outbox))).one()


async def test_delivery_posts_meta_and_xml_once(
    client: httpx.AsyncClient, auth: Auth, opvraagbaar: tuple[str, str], database: Database, settings: Settings
) -> None:
    did, aid = opvraagbaar
    route = await _drain(settings, database, httpx.Response(201, json={"aflevering_id": aid}))
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
        "besluit": "besluit-van-het-register",
    }
    xml = (await client.get(f"/v1/dossiers/{did}/xml", headers=auth())).content
    assert xml in body
    row = await _row(database)
    assert (row.status, row.attempts) == ("done", 1)


async def test_gateway_down_is_retried_later(
    opvraagbaar: tuple[str, str], database: Database, settings: Settings
) -> None:
    await _drain(settings, database, httpx.Response(503))
    row = await _row(database)
    assert (row.status, row.attempts) == ("pending", 1)
    assert "503" in (row.last_error or "")


async def test_permanent_refusal_marks_dossier_mislukt(
    client: httpx.AsyncClient, auth: Auth, opvraagbaar: tuple[str, str], database: Database, settings: Settings
) -> None:
    did, _ = opvraagbaar
    await _drain(settings, database, httpx.Response(422, json={"code": "X"}))
    assert (await _row(database)).status == "dead"
    detail = (await client.get(f"/v1/dossiers/{did}", headers=auth())).json()
    assert detail["status"] == "mislukt"
    assert detail["mislukt_reden"] == "De oso-gateway weigerde de aflevering (status 422)."
    assert uuid.UUID(detail["aflevering_id"])


async def test_last_failed_attempt_marks_dossier_mislukt_with_the_row(
    client: httpx.AsyncClient, auth: Auth, opvraagbaar: tuple[str, str], database: Database
) -> None:
    """The worker, not the handler, counts attempts: its on_dead hook records mislukt as the row goes dead."""
    did, _ = opvraagbaar
    await _drain(Settings(log_json=False, outbox_max_attempts=1), database, httpx.Response(503))
    row = await _row(database)
    assert (row.status, row.attempts) == ("dead", 1)
    detail = (await client.get(f"/v1/dossiers/{did}", headers=auth())).json()
    assert detail["status"] == "mislukt"
    assert detail["mislukt_reden"] == "De oso-gateway antwoordde met status 503. Na 1 pogingen opgegeven."
