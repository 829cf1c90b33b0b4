"""Fixtures of the oso-gateway tests: a migrated test database per xdist worker, rolled back per test.

Peers are stubbed with respx: the registry at ``http://registry.test``, the SWV endpoint at ``http://swv.test``
and the dossier service at ``http://dossier.test``. The demo world's Ed25519 keys sign the SWV tokens.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest
import respx
from sqlalchemy import select, update

from oso_dev.demo.world import SWV_RIJNMOND, SWV_UTRECHT, DemoSwv
from oso_dev.testing import RESPX_AIOHTTP, Headers, TokenFor
from oso_dev.testing.gateway import swv_token
from oso_gateway.notificaties.models import KIND_NOTIFICATIE, GatewayOutbox
from oso_gateway.notificaties.service import Dispatcher, build_worker
from oso_gateway.settings import Settings
from oso_shared.auth import Rol
from oso_shared.db import Database
from oso_shared.outbox import OutboxWorker

REGISTRY = "http://registry.test"
DOSSIER = "http://dossier.test"
SWV_ENDPOINT = "http://swv.test/v1/notificaties"
SWV = SWV_RIJNMOND
OTHER_SWV = SWV_UTRECHT
XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<dossier xmlns="http://www.edustandaard.nl/oso_gegevensset/2019/dossier">'
    b"<metadata><overstap>VOSWV</overstap></metadata>" + b"<x>" + b"a" * 5000 + b"</x></dossier>"
)


def route_json(swv: DemoSwv = SWV) -> dict[str, Any]:
    """An approving exchange check with the route to ``swv``."""
    return {
        "toegestaan": True,
        "ontbrekend": [],
        "route": {
            "swv": {"code": swv.code, "naam": swv.naam},
            "aanleverpunt": {
                "id": swv.aanleverpunt_id,
                "nummer": swv.aanleverpunt_nummer,
                "label": swv.aanleverpunt_label,
                "routeringskenmerk": f"00000007000{swv.aanleverpunt_nummer}",
            },
            "endpoint": SWV_ENDPOINT,
            "oin": swv.oin,
        },
    }


def aanleverpunt_json(swv: DemoSwv) -> dict[str, Any]:
    return {
        "id": swv.aanleverpunt_id,
        "nummer": swv.aanleverpunt_nummer,
        "label": swv.aanleverpunt_label,
        "routeringskenmerk": f"00000007000{swv.aanleverpunt_nummer}",
        "endpoint": SWV_ENDPOINT,
        "oin": swv.oin,
        "publieke_sleutel": swv.public_key_pem,
        "swv": {"code": swv.code, "naam": swv.naam, "systeem": "Kindkans"},
    }


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


def bundle_accepted(request: httpx.Request) -> httpx.Response:
    """The dossier service's answer to an event bundle: every event processed."""
    events = json.loads(request.content)["gebeurtenissen"]
    resultaten = [{"gebeurtenis_id": e["gebeurtenis_id"], "verwerkt": True, "status": e["soort"]} for e in events]
    return httpx.Response(200, json={"resultaten": resultaten})


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
def client(client: httpx.AsyncClient, peers: respx.MockRouter) -> httpx.AsyncClient:
    """The plugin's client, with the peers stubbed for as long as the test runs."""
    return client


@pytest.fixture
def dienst_headers(token_for: TokenFor) -> Headers:
    return token_for(Rol.DIENST, sub="dienst:oso-dossier")


def swv_headers(swv: DemoSwv = SWV, **extra: str) -> dict[str, str]:
    """Fresh single-use SWV token headers."""
    return {"authorization": f"Bearer {swv_token(swv.private_key_pem, swv.aanleverpunt_id)}", **extra}


@pytest.fixture
def swv_auth() -> Callable[..., dict[str, str]]:
    return swv_headers


def meta(aflevering_id: uuid.UUID, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "aflevering_id": str(aflevering_id),
        "dossier_id": str(uuid.uuid4()),
        "dienst": "OSO-SWV",
        "bron": {"brin": "99AA", "vestigingscode": "02", "systeem": "Magister"},
        "doel": {"aanleverpunt": SWV.aanleverpunt_id},
    }
    body.update(overrides)
    return body


Aanleveren = Callable[..., Awaitable[httpx.Response]]


@pytest.fixture
def aanleveren(client: httpx.AsyncClient, dienst_headers: dict[str, str]) -> Aanleveren:
    """POST a delivery (multipart meta + dossier); returns the response."""
    import json

    async def post(
        aflevering_id: uuid.UUID | None = None, xml: bytes = XML, key: str | None = None, **overrides: Any
    ) -> httpx.Response:
        aflevering_id = aflevering_id or uuid.uuid4()
        files: dict[str, Any] = {
            "meta": (None, json.dumps(meta(aflevering_id, **overrides)), "application/json"),
            "dossier": ("dossier.xml", xml, "application/xml"),
        }
        headers = {**dienst_headers, "idempotency-key": key or str(aflevering_id)}
        return await client.post("/v1/afleveringen", files=files, headers=headers)

    return post


@pytest.fixture
def dispatcher(settings: Settings) -> Dispatcher:
    return Dispatcher(settings)


@pytest.fixture
def worker(database: Database, settings: Settings, dispatcher: Dispatcher) -> OutboxWorker:
    return build_worker(database, settings, dispatcher)


async def make_due(database: Database) -> None:
    """Make every pending row due now (the test transaction freezes now(), so scheduled times never arrive)."""
    async with database.transaction() as session:
        await session.execute(
            update(GatewayOutbox)
            .where(GatewayOutbox.status == "pending")
            .values(next_attempt_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
        )


async def outbox_rows(database: Database, kind: str | None = None) -> list[GatewayOutbox]:
    async with database.transaction() as session:
        stmt = select(GatewayOutbox).order_by(GatewayOutbox.created_at)
        if kind is not None:
            stmt = stmt.where(GatewayOutbox.kind == kind)
        return list((await session.scalars(stmt)).all())


async def koppelsleutel_of(database: Database, aflevering_id: str) -> str:
    """The plain koppelsleutel, read from the (not yet delivered) notification row."""
    for row in await outbox_rows(database, KIND_NOTIFICATIE):
        if row.payload["aflevering_id"] == aflevering_id:
            return str(row.payload["koppelsleutel"])
    raise AssertionError("no notification row")


@pytest.fixture
def helpers() -> Any:
    """Module-like access to the helpers above (test files cannot import conftest)."""
    import types

    return types.SimpleNamespace(
        make_due=make_due,
        outbox_rows=outbox_rows,
        koppelsleutel_of=koppelsleutel_of,
        swv_headers=swv_headers,
        route_json=route_json,
        meta=meta,
        XML=XML,
        SWV=SWV,
        OTHER_SWV=OTHER_SWV,
        SWV_ENDPOINT=SWV_ENDPOINT,
    )


@pytest.fixture
def step(database: Database, worker: OutboxWorker) -> Callable[[], Awaitable[bool]]:
    """Make pending rows due, then let the worker process the due event bundle, or else one row (True if any)."""

    async def run() -> bool:
        await make_due(database)
        return bool(await worker.run_batch_once()) or await worker.run_once()

    return run
