"""Fixtures of the registry tests: a migrated test database per xdist worker, rolled back per test."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import asyncpg
import httpx
import pytest

from oso_registry.demo import demo_gegevens
from oso_registry.gegevens import flows as gegevens
from oso_registry.main import create_app
from oso_registry.settings import Settings
from oso_registry.toegang import Actor
from oso_shared.auth import Principal, Rol, TokenService
from oso_shared.db import Database, asyncpg_dsn
from oso_shared.testing import database_fixtures, prepare_database

engine, database = database_fixtures("registry", "oso_registry")

TABELLEN = (
    "audit_log, mandaten, swv_registraties, aanleverpunten, samenwerkingsverbanden, vestigingen, scholen, besturen"
)


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


Headers = dict[str, str]
TokenMaker = Callable[..., Headers]


@pytest.fixture
def settings() -> Settings:
    return Settings(log_json=False)


@pytest.fixture
async def client(settings: Settings, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, database=database)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.fixture
def token(settings: Settings) -> TokenMaker:
    """``token(Rol.X, bestuur=..., swv=..., school=...)`` → Authorization headers."""
    tokens = TokenService(settings.auth_secret.get_secret_value())

    def make(rol: Rol, *, bestuur: str | None = None, swv: str | None = None, school: str | None = None) -> Headers:
        scope = bestuur or swv or school or "x"
        principal = Principal(sub=f"test:{rol.value}:{scope}", rol=rol, bestuur=bestuur, swv=swv, school=school)
        return {"authorization": f"Bearer {tokens.issue(principal)}"}

    return make


@pytest.fixture
def dienst(token: TokenMaker) -> Headers:
    return token(Rol.DIENST)


@pytest.fixture
async def demo(database: Database) -> None:
    """The demo world (two boards, five schools, two SWVs) in the rolled-back test database."""
    async with database.transaction() as session:
        await gegevens.importeer(session, Actor("test", "test"), demo_gegevens())
