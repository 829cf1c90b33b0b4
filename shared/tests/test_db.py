"""The request dependency owns the transaction: commit before the response, rollback on error."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import APIRouter
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from oso_shared.app import create_app
from oso_shared.db import Database, SessionDep, async_url, single_statement_connection
from oso_shared.problems import Conflict
from oso_shared.settings import ServiceSettings

from .outbox_model import Child, Parent

router = APIRouter(prefix="/v1")


@router.post("/ouders/{n}", status_code=201)
async def add_parent(n: int, session: SessionDep) -> dict[str, int]:
    session.add(Parent(id=n))
    return {"id": n}


@router.post("/ouders/{n}/mislukt")
async def add_parent_then_fail(n: int, session: SessionDep) -> None:
    session.add(Parent(id=n))
    await session.flush()
    raise Conflict("bewust")


class WeigeringMetVerslag(Conflict):
    code = "GEWEIGERD"
    keeps_changes = True


@router.post("/ouders/{n}/geweigerd")
async def add_parent_then_refuse(n: int, session: SessionDep) -> None:
    session.add(Parent(id=n))
    raise WeigeringMetVerslag("bewust, maar vastgelegd")


@router.post("/kinderen/{parent}", status_code=201)
async def add_child(parent: int, session: SessionDep) -> dict[str, int]:
    session.add(Child(id=1, parent_id=parent))
    await session.flush()  # the deferred foreign key is only checked at COMMIT
    return {"id": 1}


@router.post("/sessie-weg")
async def lose_own_connection(session: SessionDep) -> None:
    # Another connection ends ours mid-request, as a PostgreSQL restart would.
    pid = await session.scalar(text("SELECT pg_backend_pid()"))
    async with _engine_of(session).connect() as other:
        await other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    await session.execute(text("SELECT 1"))


def _engine_of(session: object) -> AsyncEngine:
    engine = getattr(session, "bind", None)
    assert isinstance(engine, AsyncEngine)
    return engine


@pytest.fixture
async def client(shared_db: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        title="t", service="t", settings=ServiceSettings(log_json=False), routers=[router], database=shared_db
    )
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        yield client


async def _count(db: Database, model: type[Parent] | type[Child]) -> int:
    async with db.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_success_commits(client: httpx.AsyncClient, shared_db: Database) -> None:
    assert (await client.post("/v1/ouders/1")).status_code == 201
    assert await _count(shared_db, Parent) == 1


async def test_domain_error_rolls_back(client: httpx.AsyncClient, shared_db: Database) -> None:
    assert (await client.post("/v1/ouders/2/mislukt")).status_code == 409
    assert await _count(shared_db, Parent) == 0


async def test_a_refusal_that_keeps_changes_commits_them(client: httpx.AsyncClient, shared_db: Database) -> None:
    assert (await client.post("/v1/ouders/3/geweigerd")).status_code == 409
    assert await _count(shared_db, Parent) == 1


async def test_failed_commit_is_never_reported_as_success(client: httpx.AsyncClient, shared_db: Database) -> None:
    response = await client.post("/v1/kinderen/999")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert await _count(shared_db, Child) == 0


async def test_a_connection_the_server_closed_is_not_handed_out(shared_engine: AsyncEngine) -> None:
    db = Database(async_url(shared_engine.url.render_as_string(hide_password=False)), pool_size=1, max_overflow=0)
    try:
        async with db.transaction() as session:
            pid = await session.scalar(text("SELECT pg_backend_pid()"))
        async with shared_engine.connect() as other:
            await other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        await asyncio.sleep(0.2)  # the event loop sees the socket close
        async with db.transaction() as session:
            assert await session.scalar(text("SELECT pg_backend_pid()")) != pid
    finally:
        await db.dispose()


async def test_a_connection_lost_mid_request_answers_503(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/sessie-weg")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    assert response.json()["code"] == "DATABASE_NIET_BEREIKBAAR"


async def test_single_statement_connection_skips_begin_and_commit(shared_db: Database) -> None:
    # Outside a transaction block each statement gets its own snapshot, so now() moves between statements.
    async with shared_db.transaction() as session:
        conn = await single_statement_connection(session)
        first = await conn.scalar(text("SELECT now()"))
        await asyncio.sleep(0.01)
        second = await conn.scalar(text("SELECT now()"))
        await conn.execute(text("INSERT INTO test_parent (id) VALUES (41)"))
    assert first != second
    async with shared_db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Parent).where(Parent.id == 41)) == 1


async def test_single_statement_connection_keeps_an_open_transaction(shared_db: Database) -> None:
    async with shared_db.transaction() as session:
        await session.execute(text("SELECT 1"))
        conn = await single_statement_connection(session)
        first = await conn.scalar(text("SELECT now()"))
        await asyncio.sleep(0.01)
        assert await conn.scalar(text("SELECT now()")) == first
