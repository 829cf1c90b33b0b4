"""Benchmark of the OSO validation on the full official VO-SWV example.

Run: ``uv run python bench/validate.py [--rounds N]``. Prints the medians of (a) our full validation
(XSD + all business rules), (b) xmlschema XSD-only, (c) lxml XSD-only, the ratios a/b and a/c, and the throughput
of (a) on 2 cores with a process pool.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import xmlschema
from lxml import etree

from oso_dossier.validation import validate
from oso_dossier.validation.schema import XSD_NAME, find_schema_dir, load_schema

EXAMPLE = "Voorbeelddossier_PaO_VOSWV_full.xml"


def _interleaved_medians_ms(fns: list[Callable[[], object]], every: list[int], rounds: int) -> list[float]:
    """Median per function, run interleaved so that all of them see the same machine load (shared CI cores)."""
    for fn in fns:
        for _ in range(10):
            fn()
    samples: list[list[float]] = [[] for _ in fns]
    for i in range(rounds):
        for fn, step, bucket in zip(fns, every, samples, strict=True):
            if i % step:
                continue
            start = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - start)
    return [statistics.median(bucket) * 1000 for bucket in samples]


_worker_data: bytes = b""
_worker_dir: Path | None = None


def _init(data: bytes, schema_dir: Path) -> None:
    global _worker_data, _worker_dir
    _worker_data, _worker_dir = data, schema_dir
    validate(data, schema_dir=schema_dir)  # warm the per-process schema cache


def _work(n: int) -> int:
    ok = 0
    for _ in range(n):
        ok += validate(_worker_data, schema_dir=_worker_dir).valid
    return ok


def main() -> None:
    """Run the three measurements and the pool throughput."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--pool-dossiers", type=int, default=2000)
    args = parser.parse_args()
    schema_dir = find_schema_dir(Path.cwd().resolve(), Path(__file__).resolve().parent)
    if schema_dir is None:
        raise SystemExit("../shared/oso met OSO_gegevensset.xsd niet gevonden")
    data = (schema_dir / EXAMPLE).read_bytes()

    report = validate(data, schema_dir=schema_dir)
    assert report.valid, report.findings
    assert report.xsd_toegepast

    lxml_schema = load_schema(schema_dir)
    assert lxml_schema is not None
    # xmlschema only defuses remote sources by default: defuse always, and never fetch anything.
    xs = xmlschema.XMLSchema(str(schema_dir / XSD_NAME), defuse="always", allow="local")

    def full() -> None:
        validate(data, schema_dir=schema_dir)

    def with_xmlschema() -> None:
        xs.validate(io.BytesIO(data))

    plain = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)

    def with_lxml() -> None:
        if not lxml_schema.validate(etree.fromstring(data, plain)):
            raise AssertionError("lxml XSD rejects the example")

    # xmlschema is ~25x slower: sample it every 10th round to keep the run short.
    a, b, c = _interleaved_medians_ms([full, with_xmlschema, with_lxml], [1, 10, 1], args.rounds)
    print(f"dossier: {EXAMPLE} ({len(data) / 1024:.0f} KB)")
    print(f"(a) volledige validatie (XSD + regels): {a:8.3f} ms")
    print(f"(b) xmlschema, alleen XSD:              {b:8.3f} ms")
    print(f"(c) lxml, alleen XSD (parse + validate):{c:8.3f} ms")
    print(f"a/b = {a / b:.3f}  (a is {b / a:.1f}x sneller dan b; doel >= 10x)")
    print(f"a/c = {a / c:.2f}  (doel <= 3)")

    workers, total = 2, args.pool_dossiers
    with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(data, schema_dir)) as pool:
        list(pool.map(_work, [1] * workers))
        chunk = 50
        start = time.perf_counter()
        valid = sum(pool.map(_work, [chunk] * (total // chunk)))
        elapsed = time.perf_counter() - start
    print(
        f"doorvoer, procespool met {workers} processen: {valid / elapsed:.0f} dossiers/s ({valid} in {elapsed:.2f} s)"
    )


if __name__ == "__main__":
    main()
