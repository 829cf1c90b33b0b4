"""Fixtures of the end-to-end tests: one running chain for the functional tests, helpers to drive it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest

from oso_dev.keten import SNELLE_HERKANSING, Keten, werkmap
from oso_dev.pg import EmbeddedPostgres


@pytest.fixture(scope="session")
async def keten() -> AsyncIterator[Keten]:
    """All services and workers as real processes, started once for the functional e2e tests."""
    chain = Keten(werkmap("e2e"), naam="e2e", extra_env=SNELLE_HERKANSING)
    try:
        await chain.start()
        yield chain
    finally:
        chain.stop()


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=30.0) as client:
        yield client


@pytest.fixture
async def nieuwe_keten() -> AsyncIterator[Callable[..., Awaitable[Keten]]]:
    """Factory of a fresh chain for one fault test (stopped afterwards).

    By default on a private embedded PostgreSQL: hundreds of dossiers under fault injection must not depend on
    the shared test server's connection limit or on other test runs' load.
    """
    ketens: list[Keten] = []
    servers: list[EmbeddedPostgres] = []

    async def maak(naam: str, extra_env: dict[str, str] | None = None, **kwargs: Any) -> Keten:
        if "server_url" not in kwargs:
            pg = await asyncio.to_thread(EmbeddedPostgres)
            servers.append(pg)
            kwargs["server_url"] = pg.url
        chain = Keten(werkmap(naam), naam=naam, extra_env={**SNELLE_HERKANSING, **(extra_env or {})}, **kwargs)
        ketens.append(chain)
        await chain.start()
        return chain

    try:
        yield maak
    finally:
        for chain in ketens:
            chain.stop()
        for pg in servers:
            await asyncio.to_thread(pg.opruimen)
