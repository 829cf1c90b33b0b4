"""Benchmark of the oso-gateway alone: intake → notification → fetch, with real gateway processes.

The gateway API and its worker run as processes on a fresh database; this script plays the registry and the
SWV receiver (one small ASGI app on a loopback port) and the dossier service's outbox (it POSTs the deliveries).
A delivery counts as done when the stub receiver has fetched its XML. Next to it, a bare loop POSTs the same
multipart payload to a no-op endpoint of the stub, so the ratio shows what the gateway adds.

    uv run python services/oso-gateway/bench/gateway_roundtrip.py --n 300 --kb 180 --concurrency 8
"""

# ruff: noqa: T201 - a benchmark prints its figures
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import statistics
import time
import uuid
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from oso_dev.demo.world import SWV_RIJNMOND as SWV
from oso_dev.pg import recreate_database
from oso_dev.sleutels import Sleutelset
from oso_dev.testing.gateway import gateway_env, start_gateway, stop, swv_token
from oso_shared.migrations import upgrade
from oso_shared.settings import DEV_AUTH_SECRET

SLEUTELS = Sleutelset.nieuw()  # this run's token keys

STUB_PORT = 18990
GATEWAY_PORT = 18903
DB_URL = "postgresql://postgres@127.0.0.1:5432/test_gw_bench"


def dossier_xml(kb: int) -> bytes:
    head = b'<?xml version="1.0" encoding="UTF-8"?><dossier xmlns="http://www.edustandaard.nl/oso_gegevensset/2019/dossier">'
    filler = b"<overigdocument><bestandsinhoud>" + b"QUJD" * (kb * 256) + b"</bestandsinhoud></overigdocument>"
    return head + filler + b"</dossier>"


def stub_app(done: dict[str, float], fetch_queue: asyncio.Queue[str]) -> FastAPI:
    app = FastAPI()
    route = {
        "toegestaan": True,
        "ontbrekend": [],
        "route": {
            "swv": {"code": SWV.code, "naam": SWV.naam},
            "aanleverpunt": {
                "id": SWV.aanleverpunt_id,
                "nummer": SWV.aanleverpunt_nummer,
                "label": "",
                "routeringskenmerk": "r",
            },
            "endpoint": f"http://127.0.0.1:{STUB_PORT}/v1/notificaties",
            "oin": SWV.oin,
        },
    }

    @app.post("/v1/uitwisselcontroles")
    async def controle() -> JSONResponse:
        return JSONResponse(route)

    @app.get("/v1/aanleverpunten/{pid}")
    async def punt(pid: str) -> JSONResponse:
        return JSONResponse(
            {
                "id": pid,
                "nummer": SWV.aanleverpunt_nummer,
                "publieke_sleutel": SWV.public_key_pem,
                "swv": {"code": SWV.code, "naam": SWV.naam, "systeem": "Kindkans"},
            }
        )

    @app.post("/v1/notificaties")
    async def notificatie(request: Request) -> Response:
        await fetch_queue.put((await request.json())["koppelsleutel"])
        return Response(status_code=202)

    @app.post("/v1/intern/gebeurtenissen")
    async def gebeurtenis() -> Response:
        return Response(status_code=202)

    @app.post("/bare")
    async def bare(request: Request) -> Response:
        await request.form()
        return Response(status_code=201)

    return app


async def main(n: int, kb: int, concurrency: int) -> None:
    await recreate_database(DB_URL)
    await asyncio.to_thread(upgrade, "oso_gateway", DB_URL)
    done: dict[str, float] = {}
    fetch_queue: asyncio.Queue[str] = asyncio.Queue()
    server = uvicorn.Server(uvicorn.Config(stub_app(done, fetch_queue), port=STUB_PORT, log_level="warning"))
    server_task = asyncio.create_task(server.serve())
    env = gateway_env(
        database_url=DB_URL,
        registry_url=f"http://127.0.0.1:{STUB_PORT}",
        dossier_url=f"http://127.0.0.1:{STUB_PORT}",
        port=GATEWAY_PORT,
        extra={
            "GATEWAY_LOG_LEVEL": "WARNING",
            "OSO_AUTH_SECRET": DEV_AUTH_SECRET,
            "OSO_OMGEVING": "ontwikkeling",
            **SLEUTELS.env(),
        },
    )
    api, worker = await asyncio.to_thread(start_gateway, env)
    token = SLEUTELS.tokens("dossier").dienst_token("oso-gateway", dt.timedelta(hours=1))
    xml = dossier_xml(kb)
    started: dict[str, float] = {}
    fetched: dict[str, float] = {}
    all_fetched = asyncio.Event()
    try:
        async with httpx.AsyncClient(timeout=60) as http:

            def files(aflevering_id: str) -> dict[str, Any]:
                meta = {
                    "aflevering_id": aflevering_id,
                    "dossier_id": aflevering_id,
                    "dienst": "OSO-SWV",
                    "bron": {"brin": "99AA", "vestigingscode": "02", "systeem": "Magister"},
                    "doel": {"aanleverpunt": SWV.aanleverpunt_id},
                }
                return {
                    "meta": (None, json.dumps(meta), "application/json"),
                    "dossier": ("d.xml", xml, "application/xml"),
                }

            async def fetcher() -> None:
                while True:
                    sleutel = await fetch_queue.get()
                    headers = {"authorization": f"Bearer {swv_token(SWV.private_key_pem, SWV.aanleverpunt_id)}"}
                    r = await http.post(
                        f"http://127.0.0.1:{GATEWAY_PORT}/v1/ophalen", json={"koppelsleutel": sleutel}, headers=headers
                    )
                    assert r.status_code == 200, r.text[:200]
                    assert len(r.content) == len(xml)
                    fetched[sleutel] = time.perf_counter()
                    if len(fetched) == n:
                        all_fetched.set()

            fetchers = [asyncio.create_task(fetcher()) for _ in range(concurrency)]
            ids = [str(uuid.uuid4()) for _ in range(n)]
            sem = asyncio.Semaphore(concurrency)

            async def deliver(aflevering_id: str) -> None:
                async with sem:
                    started[aflevering_id] = time.perf_counter()
                    r = await http.post(
                        f"http://127.0.0.1:{GATEWAY_PORT}/v1/afleveringen",
                        files=files(aflevering_id),
                        headers={"authorization": f"Bearer {token}", "idempotency-key": aflevering_id},
                    )
                    assert r.status_code == 201, r.text[:300]

            t0 = time.perf_counter()
            await asyncio.gather(*(deliver(i) for i in ids))
            intake_seconds = time.perf_counter() - t0
            await all_fetched.wait()
            chain_seconds = time.perf_counter() - t0
            for f in fetchers:
                f.cancel()

            t1 = time.perf_counter()

            async def bare(i: str) -> None:
                async with sem:
                    r = await http.post(f"http://127.0.0.1:{STUB_PORT}/bare", files=files(i))
                    assert r.status_code == 201

            await asyncio.gather(*(bare(i) for i in ids))
            bare_seconds = time.perf_counter() - t1
    finally:
        await asyncio.to_thread(stop, worker)
        await asyncio.to_thread(stop, api)
        server.should_exit = True
        await server_task
    # Latency per delivery: intake start → fetched (keys are not linked to ids here, so use sorted orders).
    lat = sorted(b - a for a, b in zip(sorted(started.values()), sorted(fetched.values()), strict=True))
    print(f"dossiers: {n} x {len(xml) // 1024} KB, concurrency {concurrency}")
    print(f"gateway chain: {n / chain_seconds:.1f} dossiers/s (intake → notification → fetch)")
    p50, p99 = statistics.median(lat) * 1000, lat[int(0.99 * (n - 1))] * 1000
    print(f"  latency p50 {p50:.0f} ms, p99 {p99:.0f} ms (intake start → fetched, order-matched)")
    print(f"  intake alone: {n / intake_seconds:.1f} dossiers/s")
    print(f"bare POST loop: {n / bare_seconds:.1f} posts/s")
    print(f"ratio chain/bare: {(n / chain_seconds) / (n / bare_seconds):.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--kb", type=int, default=180)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    asyncio.run(main(args.n, args.kb, args.concurrency))
