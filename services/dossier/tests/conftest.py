"""Fixtures of the dossier tests: a migrated test database per xdist worker, rolled back per test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from oso_dossier.main import create_app
from oso_dossier.settings import Settings
from oso_shared.db import Database
from oso_shared.testing import database_fixtures

engine, database = database_fixtures("dossier", "oso_dossier")


@pytest.fixture
def settings() -> Settings:
    return Settings(log_json=False)


@pytest.fixture
async def client(settings: Settings, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, database=database)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client
