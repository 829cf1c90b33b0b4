"""Fixtures of the oso-gateway tests: a migrated test database per xdist worker, rolled back per test.

Peers are stubbed with respx (addresses and data: ``helpers.py``, the typed helpers the tests import).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import respx

from oso_gateway.main import create_app
from oso_gateway.outbox.worker import build_worker
from oso_gateway.settings import Settings
from oso_shared.auth import Principal, Rol, TokenService
from oso_shared.db import Database
from oso_shared.outbox import OutboxWorker
from oso_shared.testing import RESPX_AIOHTTP, database_fixtures

from .helpers import (
    DOSSIER,
    OTHER_SWV,
    REGISTRY,
    SWV,
    SWV_ENDPOINT,
    XML,
    Aanleveren,
    Step,
    aanleverpunt_json,
    bundle_accepted,
    make_due,
    multipart,
    route_json,
)

engine, database = database_fixtures("oso_gateway", "oso_gateway")


@pytest.fixture
def settings() -> Settings:
    return Settings(
        log_json=False,
        registry_url=REGISTRY,
        dossier_url=DOSSIER,
        public_url="http://gateway.test",
        worker_max_attempts=3,
        notify_timeout_seconds=2.0,
    )


@pytest.fixture
def peers() -> Iterator[respx.MockRouter]:
    """Registry (approving), SWV endpoint (202) and dossier service (202); tests override routes by name."""
    with respx.mock(assert_all_called=False, using=RESPX_AIOHTTP) as mock:
        mock.post(f"{REGISTRY}/v1/uitwisselcontroles", name="controle").respond(200, json=route_json())
        for swv in (SWV, OTHER_SWV):
            mock.get(f"{REGISTRY}/v1/aanleverpunten/{swv.aanleverpunt_id}").respond(200, json=aanleverpunt_json(swv))
        mock.get(url__startswith=f"{REGISTRY}/v1/aanleverpunten/", name="onbekend_punt").respond(
            404, json={"code": "AANLEVERPUNT_ONBEKEND"}
        )
        mock.post(SWV_ENDPOINT, name="swv").respond(202)
        mock.post(f"{DOSSIER}/v1/intern/gebeurtenisbundels", name="dossier").mock(side_effect=bundle_accepted)
        yield mock


@pytest.fixture
async def client(settings: Settings, database: Database, peers: respx.MockRouter) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, database=database)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.fixture
def dienst_headers(settings: Settings) -> dict[str, str]:
    tokens = TokenService(settings.auth_secret.get_secret_value())
    token = tokens.issue(Principal(sub="dienst:oso-dossier", rol=Rol.DIENST))
    return {"authorization": f"Bearer {token}"}


@pytest.fixture
def aanleveren(client: httpx.AsyncClient, dienst_headers: dict[str, str]) -> Aanleveren:
    """POST a delivery (multipart meta + dossier); returns the response."""

    async def post(
        aflevering_id: uuid.UUID | None = None, xml: bytes = XML, key: str | None = None, **overrides: Any
    ) -> httpx.Response:
        aflevering_id = aflevering_id or uuid.uuid4()
        headers = {**dienst_headers, "idempotency-key": key or str(aflevering_id)}
        return await client.post("/v1/afleveringen", files=multipart(aflevering_id, xml, **overrides), headers=headers)

    return post


@pytest.fixture
async def worker(database: Database, settings: Settings) -> AsyncIterator[OutboxWorker]:
    worker = build_worker(settings, database)
    yield worker
    await worker.aclose()


@pytest.fixture
def step(database: Database, worker: OutboxWorker) -> Step:
    """Make pending rows due, then let the worker process the due event bundle, or else one row (True if any)."""

    async def run() -> bool:
        await make_due(database)
        return bool(await worker.run_batch_once()) or await worker.run_once()

    return run
