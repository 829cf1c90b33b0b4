"""What every service must do, tested once for all discovered services: health probes, OpenAPI, migrations.

Replaces the per-service copies of ``test_health.py`` and ``test_migraties.py``; ``oso_service`` (a fixture of
the oso_dev plugin) is parametrised here, so ``client`` and ``database`` are those of each service in turn.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from oso_dev.testing import column_storage
from oso_shared.db import Database
from oso_shared.migrations import alembic_config
from oso_shared.services import ServiceInfo, discover

SERVICES = discover()
MIGRATED = [s for s in SERVICES if s.migrations_package]

# Large columns stay out of line and uncompressed (the migrations set STORAGE EXTERNAL; see each service's 0003).
GROTE_KOLOMMEN: dict[str, list[tuple[str, str]]] = {
    "dossier": [("dossiers", "xml")],
    "oso-gateway": [("dossierinhoud", "xml")],
    "swv-receiver": [("notificaties", "dossier_xml"), ("bijlagen", "inhoud")],
}


def _ids(service: ServiceInfo) -> str:
    return service.name


def test_every_service_is_discovered() -> None:
    assert {s.name for s in SERVICES} >= {"registry", "dossier", "oso-gateway", "portal", "swv-receiver"}


@pytest.mark.parametrize("oso_service", SERVICES, ids=_ids)
async def test_live_and_ready(client: httpx.AsyncClient) -> None:
    assert (await client.get("/health/live")).json() == {"status": "ok"}
    ready = await client.get("/health/ready")
    assert ready.status_code == 200


@pytest.mark.parametrize("oso_service", SERVICES, ids=_ids)
async def test_openapi_published(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"]


@pytest.mark.parametrize("oso_service", MIGRATED, ids=_ids)
async def test_migrations_reach_the_single_head(oso_service: ServiceInfo, database: Database) -> None:
    assert oso_service.migrations_package is not None
    config = alembic_config(oso_service.migrations_package, "postgresql://unused/")
    heads = await asyncio.to_thread(lambda: ScriptDirectory.from_config(config).get_heads())
    assert len(heads) == 1, f"{oso_service.name} has more than one migration head: {heads}"
    async with database.transaction() as session:
        current = await session.scalar(text("SELECT version_num FROM alembic_version"))
    assert current == heads[0]


@pytest.mark.parametrize(
    ("oso_service", "tabel", "kolom"),
    [(s, tabel, kolom) for s in MIGRATED for tabel, kolom in GROTE_KOLOMMEN.get(s.name, [])],
    ids=lambda v: v.name if isinstance(v, ServiceInfo) else str(v),
)
async def test_grote_kolommen_zonder_compressie(database: Database, tabel: str, kolom: str) -> None:
    assert await column_storage(database, tabel, kolom) == "e"  # EXTERNAL: out of line, never compressed
