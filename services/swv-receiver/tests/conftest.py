"""Fixtures of the swv-receiver tests: a migrated test database per xdist worker, rolled back per test.

Also: bearer tokens, a synthetic SWV dossier, the outbox worker on the test database, and a helper that
posts a notification and lets the worker fetch it (the gateway is stubbed with respx in the tests).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, update

from oso_shared.auth import Principal, Rol, TokenService
from oso_shared.db import Database
from oso_shared.demo import SWV_RIJNMOND
from oso_shared.http import http_client
from oso_shared.outbox import PENDING, OutboxWorker
from oso_shared.testing import database_fixtures
from swv_receiver.main import create_app
from swv_receiver.settings import Settings
from swv_receiver.uitgaand.models import Uitgaand
from swv_receiver.worker import bouw_worker

engine, database = database_fixtures("swv_receiver", "swv_receiver")

GATEWAY = "http://gateway.test"
OPHAAL_URL = f"{GATEWAY}/v1/ophalen"
TERUGKOPPEL_URL = f"{GATEWAY}/v1/terugkoppelingen"
NS = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"

Headers = dict[str, str]


@pytest.fixture
def settings() -> Settings:
    return Settings(log_json=False, gateway_url=GATEWAY, worker_base_delay=0.0, max_bijlage_bytes=4096)


@pytest.fixture
async def client(settings: Settings, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, database=database)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.fixture
def token(settings: Settings) -> Callable[..., Headers]:
    """Authorization headers for a role (default: swv-beheerder of SWV Rijnmond)."""
    tokens = TokenService(settings.auth_secret.get_secret_value())

    def maak(rol: Rol = Rol.SWV_BEHEERDER, swv: str | None = SWV_RIJNMOND.code, school: str | None = None) -> Headers:
        principal = Principal(sub=f"{rol.value}:test", rol=rol, swv=swv, school=school)
        return {"Authorization": f"Bearer {tokens.issue(principal, dt.timedelta(minutes=5))}"}

    return maak


def dossier_xml(
    brin: str = "99AA", vestigingscode: str = "02", *, overstap: str = "VOSWV", extra_leerling: str = ""
) -> bytes:
    """A small synthetic OSO SWV dossier (not schema-complete; the receiver only sanity-checks)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<dossier xmlns="{NS}">
  <metadata><deeldossier>LAS</deeldossier><standaardversie>2019.1</standaardversie>
    <validatieversie>2019.1.1</validatieversie><overstap>{overstap}</overstap></metadata>
  <overdrachtsoort>swv-dossier</overdrachtsoort>
  <huidigeschool>
    <naam>Scholengemeenschap De Brug</naam><brincode>{brin}</brincode><vestigingscode>{vestigingscode}</vestigingscode>
    <aanleverpunt>0</aanleverpunt>
    <leerling><voornaam>Daan</voornaam><voorvoegsel>van de</voorvoegsel><achternaam>Berg</achternaam>
      <roepnaam>Daan</roepnaam><geboortedatum>2012-03-17</geboortedatum>{extra_leerling}</leerling>
  </huidigeschool>
</dossier>""".encode()


@pytest.fixture
def dossier() -> Callable[..., bytes]:
    return dossier_xml


def notificatie(koppelsleutel: str = "k" * 32, *, brin: str = "99AA", vestigingscode: str = "02") -> dict[str, Any]:
    """A gateway notification for SWV Rijnmond's aanleverpunt."""
    return {
        "koppelsleutel": koppelsleutel,
        "dienst": "OSO-SWV",
        "bron": {"brin": brin, "vestigingscode": vestigingscode},
        "doel": {
            "aanleverpunt": SWV_RIJNMOND.aanleverpunt_id,
            "nummer": SWV_RIJNMOND.aanleverpunt_nummer,
            "routeringskenmerk": "0000000700099AA00500",
        },
        "ophaal_url": OPHAAL_URL,
    }


@pytest.fixture
def melding() -> Callable[..., dict[str, Any]]:
    return notificatie


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    # The production client (aiohttp transport), stubbed per test with respx.mock(using=RESPX_AIOHTTP).
    async with http_client() as http:
        yield http


@pytest.fixture
def worker(settings: Settings, database: Database, http: httpx.AsyncClient) -> OutboxWorker:
    return bouw_worker(settings, database, http)


@pytest.fixture
def verwerk(worker: OutboxWorker, database: Database) -> Callable[..., Awaitable[int]]:
    """Make every pending outbox row due, then drain; returns how many rows were processed.

    In the tests all sessions share one outer transaction, so PostgreSQL's now() stands still: rows
    scheduled "now" by Python (or retried with backoff) are moved into the past explicitly.
    """

    async def run(met: OutboxWorker | None = None) -> int:
        async with database.transaction() as session:
            await session.execute(
                update(Uitgaand)
                .where(Uitgaand.status == PENDING)
                .values(next_attempt_at=func.now() - dt.timedelta(seconds=1))
            )
        return await (met or worker).drain()

    return run
