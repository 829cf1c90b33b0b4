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

from oso_dev.demo.world import SWV_RIJNMOND, aanleverpunt_sleutels
from oso_dev.testing import Headers, TokenFor
from oso_shared.auth import Rol
from oso_shared.db import Database
from oso_shared.http import http_client
from oso_shared.outbox import PENDING, OutboxWorker
from swv_receiver.settings import AanleverpuntSleutel, Settings
from swv_receiver.uitgaand.models import Uitgaand
from swv_receiver.worker import bouw_worker

GATEWAY = "http://gateway.test"
OPHAAL_URL = f"{GATEWAY}/v1/ophalen"
TERUGKOPPEL_URL = f"{GATEWAY}/v1/terugkoppelingen"
NS = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"


@pytest.fixture
def settings() -> Settings:
    return Settings(
        log_json=False,
        gateway_url=GATEWAY,
        worker_base_delay=0.0,
        max_bijlage_bytes=4096,
        aanleverpunten=[AanleverpuntSleutel.model_validate(a) for a in aanleverpunt_sleutels()],
    )


@pytest.fixture
def token(token_for: TokenFor) -> Callable[..., Headers]:
    """``token_for`` with this suite's defaults: swv-beheerder ``<rol>:test`` of SWV Rijnmond."""

    def maak(rol: Rol = Rol.SWV_BEHEERDER, swv: str | None = SWV_RIJNMOND.code, school: str | None = None) -> Headers:
        return token_for(rol, swv=swv, school=school, sub=f"{rol.value}:test", lifetime=dt.timedelta(minutes=5))

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
