"""Fixtures of the shared-infrastructure tests: a scratch database with a throwaway outbox table."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from oso_dev.pg import recreate_database
from oso_dev.testing import worker_database_url
from oso_shared.db import Database, async_url

from .outbox_model import Base


@pytest.fixture(scope="session")
async def shared_engine(worker_id: str) -> AsyncIterator[AsyncEngine]:
    url = worker_database_url("shared", worker_id)
    await recreate_database(url)
    engine = create_async_engine(async_url(url))
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield engine
    await engine.dispose()


@pytest.fixture
async def shared_db(shared_engine: AsyncEngine) -> Database:
    """A database whose outbox table is emptied before each test (workers commit for real)."""
    async with shared_engine.begin() as conn:
        await conn.execute(text("TRUNCATE test_outbox, test_child, test_parent"))
    return Database(engine=shared_engine)
