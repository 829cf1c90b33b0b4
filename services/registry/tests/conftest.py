"""Fixtures of the registry tests (``client``, ``database``, ``token_for`` come from the oso_dev plugin)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import asyncpg
import pytest

from oso_dev.demo.registry import demo_gegevens
from oso_dev.testing import Headers, TokenFor, prepare_database
from oso_registry.gegevens import flows as gegevens
from oso_registry.toegang import Actor
from oso_shared.auth import Rol
from oso_shared.db import Database, asyncpg_dsn

TABELLEN = (
    "audit_log, mandaten, swv_registraties, aanleverpunten, samenwerkingsverbanden, vestigingen, scholen, besturen"
)


@pytest.fixture(autouse=True)
def ontwikkeling(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo world's endpoints are the loopback receiver over http: only development accepts them."""
    monkeypatch.setenv("OSO_OMGEVING", "ontwikkeling")


@pytest.fixture(scope="session")
def cli_url(worker_id: str) -> str:
    """A second, really committed test database (CLI and connection-pool tests); emptied per test."""
    return asyncio.run(prepare_database("registry_cli", "oso_registry", worker_id))


async def leeg(url: str) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await conn.execute(f"TRUNCATE {TABELLEN} CASCADE")
    finally:
        await conn.close()


@pytest.fixture
def legen(cli_url: str) -> Callable[[], None]:
    """Empty the committed test database again (e.g. between export and re-import)."""
    return lambda: asyncio.run(leeg(cli_url))


@pytest.fixture
def cli_db(cli_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    asyncio.run(leeg(cli_url))
    monkeypatch.setenv("REGISTRY_DATABASE_URL", cli_url)
    return cli_url


TokenMaker = TokenFor


@pytest.fixture
def token(token_for: TokenFor) -> TokenFor:
    """``token(Rol.X, bestuur=..., swv=..., school=...)``: the plugin's ``token_for`` under this suite's name."""
    return token_for


@pytest.fixture
def dienst(token: TokenMaker) -> Headers:
    return token(Rol.DIENST)


@pytest.fixture
async def demo(database: Database) -> None:
    """The demo world (two boards, five schools, two SWVs) in the rolled-back test database."""
    async with database.transaction() as session:
        await gegevens.importeer(session, Actor("test", "test"), demo_gegevens(), ontwikkeling=True)
