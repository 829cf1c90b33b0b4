"""Benchmark of the registry's exchange check against a bare asyncpg primary-key lookup.

Creates a fresh ``bench_registry`` database on the TEST_DATABASE_URL server, migrates it and loads the demo
data, then measures, with 200 requests in flight and a bounded total (default 20 000 of each):

1. ``POST /v1/uitwisselcontroles`` on the real registry app, served by uvicorn on a free loopback port;
2. a bare asyncpg primary-key lookup (``aanleverpunten`` by id) straight from this process;
3. the same bare lookup behind the same uvicorn + httpx stack (a three-line Starlette app), which shows how
   much of (1) is the HTTP stack rather than the check itself.

Both servers and the direct lookup get the same pool of ten connections. Prints p50/p99 of each and the
ratios of (1) to (2) and (1) to (3) (goal: at most 3x).

    uv run python bench/registry_check.py [--totaal 20000] [--gelijktijdig 200]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import socket
import statistics
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import uvloop
from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from oso_dev.demo import world as demo
from oso_dev.demo.registry import load
from oso_dev.sleutels import Sleutelset
from oso_dev.testing import test_server_url
from oso_shared.db import asyncpg_dsn
from oso_shared.migrations import upgrade
from oso_shared.settings import DEV_AUTH_SECRET, with_database

SLEUTELS = Sleutelset.nieuw()  # this run's token keys

DATABASE = "bench_registry"
POOL = 10
PK_SQL = "SELECT id, nummer, endpoint FROM aanleverpunten WHERE id = $1"
AP_ID = demo.SWV_RIJNMOND.aanleverpunt_id
APP_DIR = str(Path(__file__).resolve().parent)

Call = Callable[[], Awaitable[None]]


class BasisSettings(BaseSettings):
    """Where the baseline app (measurement 3) finds the database."""

    model_config = SettingsConfigDict(extra="ignore")

    url: str = Field(default="", validation_alias=AliasChoices("BENCH_DATABASE_URL"))


def basis_app() -> Starlette:
    """Measurement 3: a bare asyncpg primary-key lookup behind uvicorn, nothing else."""
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        state["pool"] = await asyncpg.create_pool(asyncpg_dsn(BasisSettings().url), min_size=POOL, max_size=POOL)
        yield
        await state["pool"].close()

    async def opzoeken(_: Request) -> JSONResponse:
        async with state["pool"].acquire() as conn:
            row = await conn.fetchrow(PK_SQL, AP_ID)
        return JSONResponse({"id": str(row["id"]), "nummer": row["nummer"], "endpoint": row["endpoint"]})

    async def klaar(_: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    return Starlette(routes=[Route("/pk", opzoeken), Route("/health/ready", klaar)], lifespan=lifespan)


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def nieuwe_database(url: str) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(with_database(url, "postgres")))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{DATABASE}"')
    finally:
        await conn.close()


async def meet(totaal: int, gelijktijdig: int, maak: Callable[[], AbstractAsyncContextManager[Call]]) -> list[float]:
    """Run ``totaal`` calls with ``gelijktijdig`` workers in flight; latencies in milliseconds.

    Each worker gets its own call (for HTTP: its own client with one keep-alive connection), because one
    shared httpx pool with 200 connections spends more time in its own bookkeeping than the server does.
    """
    tijden: list[float] = []
    over = totaal

    async def werker() -> None:
        nonlocal over
        async with maak() as een:
            while over > 0:
                over -= 1
                start = time.perf_counter()
                await een()
                tijden.append((time.perf_counter() - start) * 1000)

    await asyncio.gather(*(werker() for _ in range(gelijktijdig)))
    return tijden


def pct(tijden: list[float], p: int) -> float:
    return statistics.quantiles(tijden, n=100, method="inclusive")[p - 1]


@asynccontextmanager
async def server(app: Sequence[str], env: dict[str, str]) -> AsyncIterator[str]:
    """Run ``uvicorn <app>`` on a free port until the block ends; yields its base URL."""
    poort = vrije_poort()
    proces = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "uvicorn",
        *app,
        "--host",
        "127.0.0.1",
        "--port",
        str(poort),
        "--no-access-log",
        "--log-level",
        "warning",
        # Under load a connection can sit idle for seconds; the default 5 s would close it mid-benchmark.
        "--timeout-keep-alive",
        "300",
        env={**env, "PATH": "/usr/bin:/bin"},
    )
    base = f"http://127.0.0.1:{poort}"
    try:
        async with httpx.AsyncClient(base_url=base) as c:
            for _ in range(300):
                try:
                    if (await c.get("/health/ready")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
            else:
                raise RuntimeError(f"{app[0]} did not become ready")
        yield base
    finally:
        proces.terminate()
        await asyncio.wait_for(proces.wait(), timeout=10)


def http_werker(
    base: str, method: str, pad: str, body: Any, headers: dict[str, str], controle: Callable[[Any], bool]
) -> Callable[[], AbstractAsyncContextManager[Call]]:
    @asynccontextmanager
    async def maak() -> AsyncIterator[Call]:
        async with httpx.AsyncClient(base_url=base, timeout=120, headers=headers) as client:

            async def een() -> None:
                response = await client.request(method, pad, json=body)
                assert response.status_code == 200, response.text
                assert controle(response.json()), response.text

            yield een

    return maak


async def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--totaal", type=int, default=20_000)
    parser.add_argument("--gelijktijdig", type=int, default=200)
    parser.add_argument("--opwarmen", type=int, default=1_000)
    args = parser.parse_args()
    n, c = args.totaal, args.gelijktijdig

    url = with_database(test_server_url(), DATABASE)
    await nieuwe_database(url)
    await asyncio.to_thread(upgrade, "oso_registry", url)
    await load(url)

    # 1. The exchange check on the real registry app.
    registry_env = {
        "REGISTRY_DATABASE_URL": url,
        "REGISTRY_LOG_LEVEL": "WARNING",
        "REGISTRY_DB_POOL_SIZE": str(POOL),
        "REGISTRY_DB_MAX_OVERFLOW": "0",
        "OSO_AUTH_SECRET": DEV_AUTH_SECRET,
        **SLEUTELS.env(),
        "OSO_OMGEVING": "ontwikkeling",
    }
    token = SLEUTELS.tokens("oso-gateway").dienst_token("registry", dt.timedelta(hours=1))
    body = {
        "dienst": "OSO-SWV",
        "bron": {"brin": "99AA01", "systeem": "Magister"},
        "doel": {"aanleverpunt": AP_ID},
    }
    async with server(["oso_registry.main:create_app", "--factory"], registry_env) as base:
        maak = http_werker(
            base,
            "POST",
            "/v1/uitwisselcontroles",
            body,
            {"authorization": f"Bearer {token}"},
            lambda b: b["toegestaan"],
        )
        await meet(args.opwarmen, c, maak)
        controle = await meet(n, c, maak)

    # 3. The bare lookup behind the same HTTP stack.
    basis_env = {"BENCH_DATABASE_URL": url}
    async with server(["registry_check:basis_app", "--factory", "--app-dir", APP_DIR], basis_env) as base:
        maak = http_werker(base, "GET", "/pk", None, {}, lambda b: b["id"] == AP_ID)
        await meet(args.opwarmen, c, maak)
        basis_http = await meet(n, c, maak)

    # 2. The bare lookup straight from this process.
    pool = await asyncpg.create_pool(asyncpg_dsn(url), min_size=POOL, max_size=POOL)

    @asynccontextmanager
    async def pg_werker() -> AsyncIterator[Call]:
        async def een() -> None:
            async with pool.acquire() as conn:
                assert await conn.fetchrow(PK_SQL, AP_ID) is not None

        yield een

    try:
        await meet(args.opwarmen, c, pg_werker)
        basis_pg = await meet(n, c, pg_werker)
    finally:
        await pool.close()

    def regel(naam: str, tijden: list[float]) -> str:
        return f"{naam:<42} p50 {pct(tijden, 50):9.2f} ms   p99 {pct(tijden, 99):9.2f} ms"

    def ratio(naam: str, tijden: list[float]) -> str:
        p50 = pct(controle, 50) / pct(tijden, 50)
        p99 = pct(controle, 99) / pct(tijden, 99)
        return f"{naam:<42} p50 {p50:9.2f} x    p99 {p99:9.2f} x   (goal <= 3x)"

    print(f"{n} requests per kind, {c} concurrent, {POOL} database connections each")
    print(regel("(1) exchange check, HTTP", controle))
    print(regel("(2) bare asyncpg PK lookup, direct", basis_pg))
    print(regel("(3) bare asyncpg PK lookup, same HTTP stack", basis_http))
    print(ratio("ratio (1)/(2)", basis_pg))
    print(ratio("ratio (1)/(3)", basis_http))


if __name__ == "__main__":
    uvloop.run(main())
