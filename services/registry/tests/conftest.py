"""Fixtures of the registry tests: a migrated test database per xdist worker, rolled back per test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from oso_registry.demo import demo_gegevens
from oso_registry.gegevens import service as gegevens
from oso_registry.main import create_app
from oso_registry.settings import Settings
from oso_registry.toegang import Actor
from oso_shared.auth import Principal, Rol, TokenService
from oso_shared.db import Database
from oso_shared.testing import database_fixtures

engine, database = database_fixtures("registry", "oso_registry")

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

    def make(rol: Rol, **scope: str) -> Headers:
        principal = Principal(sub=f"test:{rol.value}:{'-'.join(scope.values()) or 'x'}", rol=rol, **scope)
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
