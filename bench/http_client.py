"""CPU per request of the services' HTTP client: httpx on httpcore (its default) against httpx on aiohttp.

Starts a minimal FastAPI app under uvicorn on a free loopback port in a child process, then sends the same
small JSON POST through each client with 16 requests in flight and prints the client process's CPU time per
request (``time.process_time``, so a busy machine does not skew it) and the ratio. This is why
``oso_shared.http.http_client`` puts aiohttp's transport under the httpx interface.

    uv run python bench/http_client.py [--aantal 3000]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import subprocess
import sys
import time
from collections.abc import Callable

import httpx

from oso_shared.http import http_client

SERVER = """
import sys, uvicorn
from fastapi import FastAPI
app = FastAPI()
@app.post("/v1/x")
async def x(body: dict) -> dict:
    return {"ok": True}
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
"""


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def cpu_per_verzoek(client: httpx.AsyncClient, url: str, aantal: int) -> float:
    """Client CPU milliseconds per request, after a warm-up."""
    grens = asyncio.Semaphore(16)

    async def een() -> None:
        async with grens:
            (await client.post(url, json={"a": 1})).raise_for_status()

    async def reeks(n: int) -> None:
        await asyncio.gather(*(een() for _ in range(n)))

    await reeks(200)
    begin = time.process_time()
    await reeks(aantal)
    return (time.process_time() - begin) / aantal * 1000


async def meet(url: str, aantal: int) -> None:
    clients: list[tuple[str, Callable[[], httpx.AsyncClient]]] = [
        ("httpx op httpcore", httpx.AsyncClient),
        ("httpx op aiohttp (http_client)", http_client),
    ]
    uitkomst: dict[str, float] = {}
    for naam, maak in clients:
        async with maak() as client:
            uitkomst[naam] = await cpu_per_verzoek(client, url, aantal)
        print(f"{naam:32} {uitkomst[naam]:6.3f} ms CPU per verzoek")
    eerste, tweede = (uitkomst[naam] for naam, _ in clients)
    print(f"verhouding httpcore / aiohttp: {eerste / tweede:.1f}x")


def main(aantal: int) -> None:
    poort = vrije_poort()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(poort)], stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{poort}/docs", timeout=0.2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        asyncio.run(meet(f"http://127.0.0.1:{poort}/v1/x", aantal))
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aantal", type=int, default=3000)
    main(parser.parse_args().aantal)
