"""Benchmark of the Magister import: a generated 2,000-pupil leerlingen file tested, read in and read in again.

Run: ``uv run python bench/import.py [--leerlingen 2000]``. Uses a scratch database ``test_imp_bench`` (recreated
and migrated) and the import flow in-process (the code behind ``POST /v1/leerlingimporten`` and
``oso-dossier import``), reading the file in 64 KiB chunks as the API does. Prints per step the lines per second,
the process's own CPU time (the machine is shared: wall time varies with load), for the test run the peak Python
heap (tracemalloc), and at the end the process's peak RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import resource
import time
import tracemalloc

from oso_dev import magister as voorbeeld
from oso_dev.pg import recreate_database
from oso_dossier.leerlingimporten import flows
from oso_dossier.leerlingimporten.parsing import Soort, Tekenset
from oso_dossier.leerlingimporten.regels import Vestigingen
from oso_dossier.leerlingimporten.router import chunks
from oso_shared.auth import Principal, Rol
from oso_shared.db import Database
from oso_shared.migrations import upgrade

URL = "postgresql://postgres@127.0.0.1:5432/test_imp_bench"
PRINCIPAL = Principal(sub="bench", rol=Rol.SCHOOLBEHEERDER, school="99AA")


async def stap(database: Database, data: bytes, modus: flows.Modus, *, geheugen: bool = False) -> None:
    opdracht = flows.Opdracht("99AA", Soort.LEERLINGEN, "2026-2027", "00", Tekenset.WINDOWS1252, modus)
    if geheugen:
        tracemalloc.start()
    begin, cpu = time.perf_counter(), time.process_time()
    async with database.transaction() as session:
        uitkomst = await flows.importeer(session, PRINCIPAL, opdracht, chunks(io.BytesIO(data)), Vestigingen("99AA"))
    duur, cpu = time.perf_counter() - begin, time.process_time() - cpu
    piek = ""
    if geheugen:
        piek = f", piek Python-geheugen {tracemalloc.get_traced_memory()[1] / 1024 / 1024:.1f} MiB (tracemalloc)"
        tracemalloc.stop()
    imp = uitkomst.leerlingimport
    print(
        f"{modus.value:8} {imp.status}: {imp.regels} regels in {duur:.2f} s = {imp.regels / duur:,.0f} regels/s "
        f"(CPU van dit proces {cpu:.2f} s){piek}"
    )
    print(f"         aantallen {imp.aantallen}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leerlingen", type=int, default=2000)
    args = parser.parse_args()
    await recreate_database(URL)
    await asyncio.to_thread(upgrade, "oso_dossier", URL)
    data = voorbeeld.bestand([voorbeeld.leerling(i) for i in range(args.leerlingen)], tekenset=Tekenset.WINDOWS1252)
    print(f"bestand: {args.leerlingen} leerlingen, {len(data) / 1024:.0f} KiB, windows-1252, 45 kolommen")
    voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    database = Database(URL, pool_size=1, max_overflow=0)
    try:
        await stap(database, data, flows.Modus.TESTEN, geheugen=True)
        await stap(database, data, flows.Modus.INLEZEN)
        await stap(database, data, flows.Modus.INLEZEN)  # again: every pupil exists, nothing changes
    finally:
        await database.dispose()
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"piek RSS van het proces: {piek:.0f} MiB ({voor:.0f} MiB voor de eerste import, dus +{piek - voor:.0f} MiB)")


if __name__ == "__main__":
    asyncio.run(main())
