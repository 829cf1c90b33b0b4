"""Test support: a real PostgreSQL database per service and xdist worker, migrated once, rolled back per test.

A service's ``tests/conftest.py`` calls :func:`database_fixtures` to get two fixtures: a session-scoped
engine on a freshly created ``test_<service>_<worker>`` database with Alembic migrations applied, and a
per-test :class:`~oso_shared.db.Database` whose sessions all run inside one outer transaction that is
rolled back afterwards (commits inside the app become savepoint releases).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
import respx
import respx.mocks
from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from oso_shared.db import Database, async_url
from oso_shared.migrations import upgrade
from oso_shared.pg import recreate_database
from oso_shared.settings import with_database

DEFAULT_TEST_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/test"


class TestSettings(BaseSettings):
    """Settings of the test run itself."""

    __test__ = False  # not a pytest test class
    model_config = SettingsConfigDict(extra="ignore")

    test_database_url: str = Field(
        default=DEFAULT_TEST_DATABASE_URL, validation_alias=AliasChoices("TEST_DATABASE_URL")
    )
    # Lets two test runs share one server without touching each other's databases.
    test_database_prefix: str = Field(default="test", validation_alias=AliasChoices("TEST_DATABASE_PREFIX"))


def test_server_url() -> str:
    """The server the tests use (``TEST_DATABASE_URL``)."""
    return TestSettings().test_database_url


test_server_url.__test__ = False  # type: ignore[attr-defined]


def worker_database_url(service: str, worker_id: str) -> str:
    """``test_<service>_<worker>`` on the test server."""
    prefix = TestSettings().test_database_prefix
    return with_database(test_server_url(), f"{prefix}_{service}_{worker_id}".replace("-", "_"))


async def prepare_database(service: str, package: str, worker_id: str) -> str:
    """Recreate the worker's database for ``service`` and run its migrations; return the URL."""
    url = worker_database_url(service, worker_id)
    await recreate_database(url)
    await asyncio.to_thread(upgrade, package, url)
    return url


def database_fixtures(service: str, package: str) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """Build the ``engine`` (session) and ``database`` (per test, rolled back) fixtures for a service."""

    @pytest.fixture(scope="session", name="engine")
    async def engine_fixture(worker_id: str) -> AsyncIterator[AsyncEngine]:
        url = await prepare_database(service, package, worker_id)
        engine = create_async_engine(async_url(url))
        yield engine
        await engine.dispose()

    @pytest.fixture(name="database")
    async def database_fixture(engine: AsyncEngine) -> AsyncIterator[Database]:
        async with engine.connect() as conn:
            outer = await conn.begin()
            maker = async_sessionmaker(bind=conn, expire_on_commit=False, join_transaction_mode="create_savepoint")
            yield Database(engine=engine, sessionmaker=maker)
            await outer.rollback()

    return engine_fixture, database_fixture


async def session_in(database: Database) -> AsyncSession:
    """A session of the test database (for arranging data directly in a test)."""
    return database.sessionmaker()


class AiohttpTransportMocker(respx.mocks.AbstractRequestMocker):
    """Lets respx stub calls made through :class:`oso_shared.http.AiohttpTransport`.

    respx patches httpcore by default, which our clients no longer use; ``using="httpx"`` would also catch
    the tests' own ASGI clients. This mocker patches only our transport: ``respx.mock(using=RESPX_AIOHTTP)``.
    """

    name = "oso-aiohttp"
    targets = ["oso_shared.http.AiohttpTransport"]
    target_methods = ["handle_async_request"]

    @classmethod
    def to_httpx_request(cls, **kwargs: Any) -> httpx.Request:
        request = kwargs["request"]
        assert isinstance(request, httpx.Request)
        return request

    @classmethod
    async def from_async_httpx_response(cls, httpx_response: httpx.Response, target: Any, **kwargs: Any) -> Any:
        return httpx_response


RESPX_AIOHTTP = AiohttpTransportMocker.name


async def column_storage(database: Database, table: str, column: str) -> str | None:
    """PostgreSQL's storage mode of a column (``p`` plain, ``e`` external, ``x`` extended, ``m`` main)."""
    async with database.transaction() as session:
        storage = await session.scalar(
            text(
                "SELECT CAST(attstorage AS text) FROM pg_attribute"
                " WHERE attrelid = CAST(:table AS regclass) AND attname = :column"
            ),
            {"table": table, "column": column},
        )
    return None if storage is None else str(storage)
