"""pytest plugin of the workspace (entry point ``pytest11``): the fixtures every service's tests share.

Which service a test belongs to follows from its path (``services/<svc>/tests/...``); a test elsewhere
(e.g. ``tests/test_diensten.py``) parametrises ``oso_service`` itself. Fixtures:

- ``oso_service``: the :class:`~oso_shared.services.ServiceInfo` of the test's service;
- ``engine``: an engine on the service's test database, recreated and migrated once per run and xdist worker;
- ``database``: a :class:`~oso_shared.db.Database` whose sessions share one outer transaction, rolled back
  after the test (commits inside the app become savepoint releases);
- ``settings``: ``<pkg>.settings.Settings(log_json=False)``; a conftest overrides it when it needs more;
- ``client``: an ``httpx.AsyncClient`` on the service's app (``create_app(settings, database=database)``)
  through ``ASGITransport``;
- ``token_for``: :class:`~oso_dev.testing.TokenFor`, bearer headers for the test's service, signed with the
  run's test keys (the portal's for users, the calling service's for ``dienst``).

At start the plugin puts the run's token keys (:func:`~oso_dev.testing.test_sleutels`) in the environment:
every service's ``<PREFIX>TOKEN_SLEUTEL`` and ``OSO_VERIFICATIE_SLEUTELS``, so any ``Settings()`` has them.

The run sets ``OSO_OMGEVING=ontwikkeling`` (the development secrets are allowed; a test of the refusal
removes it with ``monkeypatch``).
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from oso_dev.demo.world import receiver_env
from oso_dev.testing import TokenFor, prepare_database, test_sleutels
from oso_shared.db import Database, async_url
from oso_shared.services import ServiceInfo, discover
from oso_shared.settings import ONTWIKKELING, ServiceSettings


def package_of(service: ServiceInfo) -> str:
    """The service's top-level package (``oso_dossier``)."""
    return service.app_factory.split(":")[0].split(".")[0]


@functools.cache
def _service_roots() -> tuple[tuple[Path, ServiceInfo], ...]:
    roots = []
    for service in discover():
        spec = importlib.util.find_spec(package_of(service))
        if spec is not None and spec.origin is not None:
            # services/<svc>/src/<pkg>/__init__.py → services/<svc>
            roots.append((Path(spec.origin).resolve().parents[2], service))
    return tuple(roots)


def service_for(path: Path) -> ServiceInfo | None:
    """The service whose directory holds ``path`` (None outside every service)."""
    resolved = path.resolve()
    for root, service in _service_roots():
        if resolved.is_relative_to(root):
            return service
    return None


def app_factory(service: ServiceInfo) -> Callable[..., Any]:
    """The service's ``create_app`` (``module:function`` of its ServiceInfo)."""
    module, _, name = service.app_factory.partition(":")
    return cast(Callable[..., Any], getattr(importlib.import_module(module), name))


class TestDatabases:
    """One migrated test database per service for this run and xdist worker, created on first use."""

    __test__ = False

    def __init__(self, worker_id: str) -> None:
        self.worker_id = worker_id
        self._engines: dict[str, AsyncEngine] = {}

    async def engine(self, service: ServiceInfo) -> AsyncEngine:
        """The engine on ``service``'s test database."""
        if service.name not in self._engines:
            assert service.migrations_package, f"{service.name} has no migrations"
            url = await prepare_database(service.name, service.migrations_package, self.worker_id)
            self._engines[service.name] = create_async_engine(async_url(url))
        return self._engines[service.name]

    async def dispose(self) -> None:
        """Close every engine."""
        for engine in self._engines.values():
            await engine.dispose()


@pytest.fixture
def oso_service(request: pytest.FixtureRequest) -> ServiceInfo:
    """The service of the requesting test (from its path)."""
    service = service_for(Path(str(request.path)))
    if service is None:
        raise pytest.UsageError(f"{request.path} lies outside every service: parametrize oso_service")
    return service


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def oso_test_databases(worker_id: str) -> AsyncIterator[TestDatabases]:
    """The run's test databases (see :class:`TestDatabases`)."""
    databases = TestDatabases(worker_id)
    yield databases
    await databases.dispose()


@pytest_asyncio.fixture(loop_scope="session")
async def engine(oso_test_databases: TestDatabases, oso_service: ServiceInfo) -> AsyncEngine:
    """An engine on the service's migrated test database (shared by the run; do not dispose)."""
    return await oso_test_databases.engine(oso_service)


@pytest_asyncio.fixture(loop_scope="session")
async def database(engine: AsyncEngine) -> AsyncIterator[Database]:
    """The test database inside one outer transaction that is rolled back after the test."""
    async with engine.connect() as conn:
        outer = await conn.begin()
        maker = async_sessionmaker(bind=conn, expire_on_commit=False, join_transaction_mode="create_savepoint")
        yield Database(engine=engine, sessionmaker=maker)
        await outer.rollback()


@pytest.fixture
def settings(oso_service: ServiceInfo, monkeypatch: pytest.MonkeyPatch) -> ServiceSettings:
    """The service's settings with plain-text logs (and the demo values of settings without a default)."""
    for name, value in receiver_env().items():
        monkeypatch.setenv(name, value)
    module = importlib.import_module(f"{package_of(oso_service)}.settings")
    return cast(ServiceSettings, module.Settings(log_json=False))


@pytest_asyncio.fixture(loop_scope="session")
async def client(
    oso_service: ServiceInfo, settings: ServiceSettings, database: Database
) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the service's app, in-process (ASGI), on the rolled-back test database."""
    app = app_factory(oso_service)(settings, database=database)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        yield http


def pytest_configure(config: pytest.Config) -> None:
    """Tests run in development (the development secrets are allowed) with the run's token keys for every service."""
    os.environ["OSO_OMGEVING"] = ONTWIKKELING
    os.environ.update(test_sleutels().env())


@pytest.fixture
def token_for(oso_service: ServiceInfo) -> TokenFor:
    """Bearer headers for a role and scope, addressed to the test's service and signed with the run's keys."""
    return TokenFor(test_sleutels(), oso_service.name)
