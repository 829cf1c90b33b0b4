"""Benchmark of the registry's exchange check against a bare asyncpg primary-key lookup.

Starts the registry with uvicorn on a free loopback port against a fresh ``bench_registry`` database on
the TEST_DATABASE_URL server, loads the demo data, then fires a bounded number of requests at
``POST /v1/uitwisselcontroles`` with 200 in flight, and in the same run the same concurrency of bare
asyncpg primary-key lookups. Prints p50/p99 of both and their ratio (goal: at most 3x).

    uv run python bench/registry_check.py [--totaal 20000] [--gelijktijdig 200]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable

import asyncpg
import httpx

from oso_registry.demo import load
from oso_shared import demo
from oso_shared.auth import Principal, Rol, TokenService
from oso_shared.db import asyncpg_dsn
from oso_shared.migrations import upgrade
from oso_shared.settings import DEV_AUTH_SECRET, with_database
from oso_shared.testing import test_server_url

DATABASE = "bench_registry"


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


async def meet(totaal: int, gelijktijdig: int, een: Callable[[], Awaitable[None]]) -> list[float]:
    """Run ``een`` ``totaal`` times with ``gelijktijdig`` in flight; latencies in milliseconds."""
    tijden: list[float] = []
    over = totaal

    async def werker() -> None:
        nonlocal over
        while over > 0:
            over -= 1
            start = time.perf_counter()
            await een()
            tijden.append((time.perf_counter() - start) * 1000)

    await asyncio.gather(*(werker() for _ in range(gelijktijdig)))
    return tijden


def pct(tijden: list[float], p: int) -> float:
    return statistics.quantiles(tijden, n=100, method="inclusive")[p - 1]


async def wacht_tot_klaar(base: str) -> None:
    async with httpx.AsyncClient(base_url=base) as c:
        for _ in range(200):
            try:
                if (await c.get("/health/ready")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("registry did not become ready")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--totaal", type=int, default=20_000)
    parser.add_argument("--gelijktijdig", type=int, default=200)
    parser.add_argument("--opwarmen", type=int, default=1_000)
    args = parser.parse_args()

    url = with_database(test_server_url(), DATABASE)
    await nieuwe_database(url)
    await asyncio.to_thread(upgrade, "oso_registry", url)
    await load(url)

    poort = vrije_poort()
    base = f"http://127.0.0.1:{poort}"
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "oso_registry.main:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(poort), "--no-access-log", "--log-level", "warning"],
        env={"REGISTRY_DATABASE_URL": url, "REGISTRY_LOG_LEVEL": "WARNING", "OSO_AUTH_SECRET": DEV_AUTH_SECRET,
             "PATH": "/usr/bin:/bin"},
    )
    try:
        await wacht_tot_klaar(base)
        token = TokenService(DEV_AUTH_SECRET).issue(Principal(sub="dienst:bench", rol=Rol.DIENST))
        body = {
            "dienst": "OSO-SWV",
            "bron": {"brin": "99AA01", "systeem": "Magister"},
            "doel": {"aanleverpunt": demo.SWV_RIJNMOND.aanleverpunt_id},
        }
        limits = httpx.Limits(max_connections=args.gelijktijdig, max_keepalive_connections=args.gelijktijdig)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
            headers = {"authorization": f"Bearer {token}"}

            async def controle() -> None:
                response = await client.post("/v1/uitwisselcontroles", json=body, headers=headers)
                assert response.status_code == 200 and response.json()["toegestaan"], response.text

            await meet(args.opwarmen, args.gelijktijdig, controle)
            http_tijden = await meet(args.totaal, args.gelijktijdig, controle)

        # Same pool ceiling as the service (db_pool_size + db_max_overflow defaults: 10 + 20).
        pool = await asyncpg.create_pool(asyncpg_dsn(url), min_size=10, max_size=30)
        ap_id = demo.SWV_RIJNMOND.aanleverpunt_id
        try:

            async def opzoeken() -> None:
                async with pool.acquire() as conn:
                    row = await conn.fetchrow("SELECT id, nummer, endpoint FROM aanleverpunten WHERE id = $1", ap_id)
                    assert row is not None

            await meet(args.opwarmen, args.gelijktijdig, opzoeken)
            pg_tijden = await meet(args.totaal, args.gelijktijdig, opzoeken)
        finally:
            await pool.close()
    finally:
        server.terminate()
        server.wait(timeout=10)

    print(f"requests: {args.totaal} per kind, {args.gelijktijdig} concurrent")
    print(f"exchange check (HTTP)   p50 {pct(http_tijden, 50):8.2f} ms   p99 {pct(http_tijden, 99):8.2f} ms")
    print(f"bare asyncpg PK lookup  p50 {pct(pg_tijden, 50):8.2f} ms   p99 {pct(pg_tijden, 99):8.2f} ms")
    print(
        f"ratio                   p50 {pct(http_tijden, 50) / pct(pg_tijden, 50):8.2f} x    "
        f"p99 {pct(http_tijden, 99) / pct(pg_tijden, 99):8.2f} x   (goal <= 3x)"
    )


if __name__ == "__main__":
    asyncio.run(main())
