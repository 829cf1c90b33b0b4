"""Fixtures of the end-to-end tests: one running chain for the functional tests, helpers to drive it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest

from tests.e2e.keten import SNELLE_HERKANSING, Keten, werkmap


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
    """Factory of a fresh chain for one fault test (stopped afterwards)."""
    ketens: list[Keten] = []

    async def maak(naam: str, extra_env: dict[str, str] | None = None, **kwargs: Any) -> Keten:
        chain = Keten(werkmap(naam), naam=naam, extra_env={**SNELLE_HERKANSING, **(extra_env or {})}, **kwargs)
        ketens.append(chain)
        await chain.start()
        return chain

    try:
        yield maak
    finally:
        for chain in ketens:
            chain.stop()
