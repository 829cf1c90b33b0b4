"""Benchmark of the whole chain: dossiers of about 180 KB made opvraagbaar until each is a hulpvraag.

Starts every service and worker as real processes on loopback (the e2e harness; fresh databases on a private
embedded PostgreSQL, or with --gedeelde-server on the TEST_DATABASE_URL server) and prepares the dossiers (a
leerling each, a PDF bijlage that brings the XML to about 180 KB, voltooien, valideren). Then it makes them all
opvraagbaar with a fixed number in flight and waits until the receiver holds a hulpvraag for every one, and
prints dossiers/s and p50/p99 of the time from the opvraagbaar-maken request to the hulpvraag's creation. In
the same run, a bare loop POSTs the same dossier XML to the receiver (as a bijlage upload, one request each,
same concurrency): the ratio shows what the chain costs on top of moving the bytes into the receiver.
Goal: at least 50 dossiers/s on a 2-core machine.

    uv run python bench/e2e.py [--aantal 500] [--gelijktijdig 16] [--env RECEIVER_WORKER_CONCURRENCY=8 ...]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import functools
import os
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from oso_dev.demo.world import SWV_RIJNMOND
from oso_dev.keten import Keten, werkmap
from oso_dev.pg import EmbeddedPostgres
from tests.e2e.keten import (
    Schoolkant,
    Swvkant,
    Testdossier,
    bereid_dossiers,
    parallel,
)

DOEL_BYTES = 180_000


def pdf_van(grootte: int) -> bytes:
    """A PDF-signed blob of incompressible bytes (the dossier carries it as base64 of a ZIP)."""
    return b"%PDF-1.4\n" + os.urandom(grootte)


def pg_cpu_seconden(pg: EmbeddedPostgres | None) -> float | None:
    """CPU time of the private PostgreSQL: postmaster, its live children and the children it reaped (Linux)."""
    if pg is None:
        return None
    try:
        postmaster = int((pg.map / "pgdata" / "postmaster.pid").read_text().split()[0])
        tik = os.sysconf("SC_CLK_TCK")
        totaal = 0.0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                velden = stat.read_text().rsplit(")", 1)[1].split()
                pid = int(stat.parent.name)
                if pid == postmaster:
                    totaal += sum(int(v) for v in velden[11:15]) / tik
                elif int(velden[1]) == postmaster:
                    totaal += (int(velden[11]) + int(velden[12])) / tik
        return totaal
    except (OSError, ValueError, IndexError):
        return None


def kwantiel(waarden: list[float], q: float) -> float:
    return statistics.quantiles(waarden, n=100, method="inclusive")[int(q * 100) - 1]


async def keten_meting(
    school: Schoolkant, swv: Swvkant, dossiers: list[Testdossier], gelijktijdig: int, timeout: float
) -> tuple[float, list[float]]:
    """Make every dossier opvraagbaar; returns (dossiers/s, latencies in seconds)."""
    verstuurd: dict[str, dt.datetime] = {}

    async def opvraagbaar(dossier: Testdossier) -> None:
        verstuurd[dossier.achternaam] = dt.datetime.now(dt.UTC)
        response = await school.actie(dossier.id, "opvraagbaar-maken")
        assert response.status_code == 200, response.text

    gezien = {h["id"] for h in await swv.hulpvragen()}  # from before this run
    begin = time.monotonic()
    await parallel([functools.partial(opvraagbaar, d) for d in dossiers], gelijktijdig)
    aangemaakt: dict[str, dt.datetime] = {}
    while len(aangemaakt) < len(dossiers):
        if time.monotonic() - begin > timeout:
            raise TimeoutError(f"na {timeout}s pas {len(aangemaakt)} van {len(dossiers)} hulpvragen")
        await asyncio.sleep(0.5)
        # Only the new ones: the observer should not load the receiver it measures.
        for hulpvraag in await swv.nieuwe_hulpvragen(gezien):
            gezien.add(hulpvraag["id"])
            achternaam = (hulpvraag["leerling_naam"] or "").rsplit(" ", 1)[-1]
            if achternaam in verstuurd:
                aangemaakt[achternaam] = dt.datetime.fromisoformat(hulpvraag["aangemaakt_op"])
    latenties = [(aangemaakt[naam] - verstuurd[naam]).total_seconds() for naam in verstuurd]
    duur = (max(aangemaakt.values()) - min(verstuurd.values())).total_seconds()
    return len(dossiers) / duur, latenties


async def kale_lus(swv: Swvkant, xml: bytes, aantal: int, gelijktijdig: int) -> tuple[float, list[float]]:
    """POST the same payload ``aantal`` times to the receiver; returns (requests/s, latencies)."""
    hulpvraag_id = (await swv.hulpvragen())[0]["id"]
    latenties: list[float] = []

    async def een() -> None:
        start = time.perf_counter()
        response = await swv.post(
            f"/hulpvragen/{hulpvraag_id}/bijlagen", files={"bestand": ("dossier.txt", xml, "text/plain")}
        )
        assert response.status_code == 201, response.text
        latenties.append(time.perf_counter() - start)

    begin = time.perf_counter()
    await parallel([een for _ in range(aantal)], gelijktijdig)
    return aantal / (time.perf_counter() - begin), latenties


async def main(aantal: int, gelijktijdig: int, gedeelde_server: bool, env: dict[str, str]) -> None:
    # A private PostgreSQL by default: the shared test server's connection limit and other users' load
    # would otherwise be part of the figure.
    pg = None if gedeelde_server else await asyncio.to_thread(EmbeddedPostgres)
    ruime_pools = {f"{p}DB_POOL_SIZE": "10" for p in ("REGISTRY_", "DOSSIER_", "GATEWAY_", "RECEIVER_")}
    keten = Keten(
        werkmap("bench"),
        naam="bench",
        server_url=pg.url if pg else None,
        extra_env={**({} if gedeelde_server else ruime_pools), **env},
    )
    try:
        print(f"keten starten (logs in {keten.logmap}) ...", flush=True)
        await keten.start()
        async with httpx.AsyncClient(timeout=120.0, limits=httpx.Limits(max_connections=64)) as http:
            school = Schoolkant(keten, http, "99AA")
            swv = Swvkant(keten, http, SWV_RIJNMOND.code)
            # Size the bijlage so that one generated dossier is about DOEL_BYTES.
            proef = await bereid_dossiers(school, 1, "Proef", SWV_RIJNMOND.aanleverpunt_id)
            kaal = len((await http.get(f"{school.basis}/dossiers/{proef[0].id}/xml", headers=school.headers)).content)
            bijlage = pdf_van(max(1000, int((DOEL_BYTES - kaal) / 1.37)))
            start = time.perf_counter()
            dossiers = await bereid_dossiers(
                school, aantal, "Bench", SWV_RIJNMOND.aanleverpunt_id, bijlage=bijlage, gelijktijdig=8
            )
            xml_url = f"{school.basis}/dossiers/{dossiers[0].id}/xml"
            xml = (await http.get(xml_url, headers=school.headers)).content
            print(f"{aantal} dossiers van {len(xml) / 1000:.0f} KB voorbereid in {time.perf_counter() - start:.0f}s")

            cpu_voor, klok_voor = keten.cpu_seconden(), time.monotonic()
            pg_voor, bench_voor = pg_cpu_seconden(pg), time.process_time()
            snelheid, latenties = await keten_meting(school, swv, dossiers, gelijktijdig, timeout=900)
            cpu_na, klok = keten.cpu_seconden(), time.monotonic() - klok_voor
            pg_na, bench_na = pg_cpu_seconden(pg), time.process_time()
            kaal_snelheid, kaal_latenties = await kale_lus(swv, xml, aantal, gelijktijdig)
        print()
        print(f"keten  (opvraagbaar maken -> hulpvraag), {aantal} dossiers, {gelijktijdig} tegelijk:")
        print(
            f"  {snelheid:8.1f} dossiers/s   p50 {kwantiel(latenties, 0.5) * 1000:7.0f} ms"
            f"   p99 {kwantiel(latenties, 0.99) * 1000:7.0f} ms"
        )
        print(f"kale lus (zelfde XML als POST naar de ontvanger), {aantal} keer, {gelijktijdig} tegelijk:")
        print(
            f"  {kaal_snelheid:8.1f} verzoeken/s  p50 {kwantiel(kaal_latenties, 0.5) * 1000:7.0f} ms"
            f"   p99 {kwantiel(kaal_latenties, 0.99) * 1000:7.0f} ms"
        )
        print(
            f"verhouding kale lus / keten: {kaal_snelheid / snelheid:.1f}x   (doel keten >= 50 dossiers/s:"
            f" {'gehaald' if snelheid >= 50 else 'niet gehaald'})"
        )
        if cpu_na:
            verbruik = {n: cpu_na[n] - cpu_voor.get(n, 0.0) for n in cpu_na}
            if pg_voor is not None and pg_na is not None:
                verbruik["postgresql"] = pg_na - pg_voor
            verbruik["bench (meting)"] = bench_na - bench_voor
            print(f"CPU-seconden per proces tijdens de ketenmeting ({klok:.0f}s wandklok, {os.cpu_count()} cores):")
            for naam, seconden in sorted(verbruik.items(), key=lambda kv: -kv[1]):
                print(f"  {naam:18} {seconden:6.1f}s  ({seconden / len(dossiers) * 1000:5.1f} ms per dossier)")
            samen = sum(verbruik.values())
            print(f"  {'samen':18} {samen:6.1f}s  ({samen / len(dossiers) * 1000:5.1f} ms per dossier)")
        dood = keten.dood()
        if dood:
            print(f"let op: processen gestopt tijdens de meting: {dood}")
    finally:
        keten.stop()
        if pg is not None:
            await asyncio.to_thread(pg.opruimen)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aantal", type=int, default=500)
    parser.add_argument("--gelijktijdig", type=int, default=16)
    parser.add_argument(
        "--gedeelde-server", action="store_true", help="TEST_DATABASE_URL gebruiken in plaats van een eigen PostgreSQL"
    )
    parser.add_argument(
        "--env", action="append", default=[], metavar="NAAM=WAARDE", help="extra instelling voor alle diensten"
    )
    args = parser.parse_args()
    extra = dict(paar.split("=", 1) for paar in args.env)
    asyncio.run(main(args.aantal, args.gelijktijdig, args.gedeelde_server, extra))
