"""Benchmark of the dossier service: dossier size and generate+validate time, and memory while uploading.

Run: ``uv run python bench/dossier_upload.py [--mb 50] [--rounds 10]``. Starts the dossier service as a real
process (uvicorn, ``python -m oso_dossier``) on a scratch database ``test_dos_bench`` (recreated), with the demo
data loaded, then:

1. adds three bijlagen (incompressible PDF/JPG/TXT-like content, 150 + 80 + 10 KiB) to the demo dossier of
   leerling 99AA-1001 and prints the size of the generated OSO XML and the median time of
   ``POST genereren`` + ``POST valideren`` over the HTTP API;
2. streams a bijlage of ``--mb`` MB (chunked, no Content-Length) while sampling the server's RSS from
   /proc every 2 ms, and prints the RSS growth next to the file size (ratio growth/file).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator

import httpx

from oso_dev.demo.dossier import DEMO_NS, load
from oso_dev.pg import recreate_database
from oso_dev.sleutels import Sleutelset
from oso_shared.auth import Principal, Rol
from oso_shared.migrations import upgrade

URL = "postgresql://postgres@127.0.0.1:5432/test_dos_bench"
PORT = 8092
BASE = f"http://127.0.0.1:{PORT}"
DOSSIER_ID = uuid.uuid5(DEMO_NS, "dossier:1")
MIB = 1024 * 1024


def _rss(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


class RssSampler(threading.Thread):
    """Samples a process's resident set size until stopped; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, _rss(self.pid))
            time.sleep(0.002)


SLEUTELS = Sleutelset.nieuw()  # this run's token keys


def _headers() -> dict[str, str]:
    tokens = SLEUTELS.tokens("portal")
    principal = Principal(
        sub="bench", rol=Rol.ZORGCOORDINATOR, school="99AA", rechten=frozenset({"overdrachtsdossier"})
    )
    return {"authorization": f"Bearer {tokens.issue(principal, audience='dossier')}"}


def _bestand(kop: bytes, grootte: int) -> bytes:
    return kop + os.urandom(grootte - len(kop))


async def _stream(grootte: int, blok: int = 64 * 1024) -> AsyncIterator[bytes]:
    yield b"%PDF-1.7\n"
    verzonden = 9
    data = os.urandom(blok)
    while verzonden < grootte:
        deel = data[: min(blok, grootte - verzonden)]
        verzonden += len(deel)
        yield deel


async def prepare() -> None:
    """Fresh scratch database with migrations and demo data."""
    await recreate_database(URL)
    await asyncio.to_thread(upgrade, "oso_dossier", URL)
    await load(URL)


def main(mb: int, rounds: int) -> None:
    """Start the service, measure, stop it."""
    asyncio.run(prepare())
    env = {
        **os.environ,
        **SLEUTELS.env(),
        "OSO_OMGEVING": "ontwikkeling",
        "DOSSIER_DATABASE_URL": URL,
        "DOSSIER_PORT": str(PORT),
        "DOSSIER_BIJLAGE_MAX_BYTES": str((mb + 10) * MIB),
        "DOSSIER_BIJLAGEN_PER_DOSSIER_MAX_BYTES": str((mb + 20) * MIB),
        "DOSSIER_LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "oso_dossier"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        asyncio.run(measure(server.pid, mb, rounds))
    finally:
        server.terminate()
        server.wait(timeout=10)


async def measure(pid: int, mb: int, rounds: int) -> None:
    """Both measurements against the running server ``pid``."""
    async with httpx.AsyncClient(base_url=BASE, timeout=120, headers=_headers()) as client:
        for _ in range(200):
            try:
                if (await client.get("/health/live")).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.05)
        d = f"/v1/dossiers/{DOSSIER_ID}"
        bijlagen = [
            ("verslag-orthopedagoog.pdf", _bestand(b"%PDF-1.7\n", 150 * 1024)),
            ("groepsoverzicht.jpg", _bestand(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", 80 * 1024)),
            ("gespreksverslag.txt", ("Gesprek met ouders en mentor. " * 400).encode()[: 10 * 1024]),
        ]
        for naam, data in bijlagen:
            response = await client.post(
                f"{d}/bijlagen", content=data, headers={"content-disposition": f'attachment; filename="{naam}"'}
            )
            assert response.status_code == 201, response.text
        samples = []
        for _ in range(rounds):
            start = time.perf_counter()
            gen = await client.post(f"{d}/genereren")
            val = await client.post(f"{d}/valideren")
            samples.append(time.perf_counter() - start)
            assert gen.status_code == 200, gen.text
            assert val.json()["validatie"]["valid"], val.json()["validatie"]
        grootte = gen.json()["xml_grootte"]
        print(f"generated dossier with 3 bijlagen (240 KiB): {grootte} bytes ({grootte / 1024:.0f} KiB)")
        print(
            f"genereren + valideren over HTTP: median {statistics.median(samples) * 1000:.0f} ms over {rounds} rounds"
        )

        await asyncio.sleep(0.5)
        baseline = _rss(pid)
        sampler = RssSampler(pid)
        sampler.start()
        start = time.perf_counter()
        response = await client.post(
            f"{d}/bijlagen",
            content=_stream(mb * MIB),
            headers={"content-disposition": 'attachment; filename="scan.pdf"'},
        )
        elapsed = time.perf_counter() - start
        sampler.stop.set()
        sampler.join()
        assert response.status_code == 201, response.text
        groei = max(sampler.peak - baseline, 0)
        print(
            f"upload {mb} MB streamed in {elapsed:.2f} s: server RSS {baseline / MIB:.1f} MiB -> peak "
            f"{sampler.peak / MIB:.1f} MiB, growth {groei / MIB:.1f} MiB = {groei / (mb * MIB):.3f} x file size"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    main(args.mb, args.rounds)
