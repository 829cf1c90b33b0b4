"""``registry-admin`` against a real (separate) test database: mandates, import all-or-nothing, export round trip."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path

import asyncpg
import pytest
from typer.testing import CliRunner

from oso_dev.demo import loaders
from oso_dev.demo.registry import demo_gegevens, load
from oso_registry.cli import app
from oso_shared.db import asyncpg_dsn

runner = CliRunner()


@pytest.fixture
def demo_bestand(tmp_path: Path) -> Path:
    pad = tmp_path / "demo.json"
    pad.write_text(demo_gegevens().model_dump_json(indent=2), encoding="utf-8")
    return pad


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.mark.usefixtures("cli_db")
def test_import_en_mandaten(demo_bestand: Path) -> None:
    code, out = run("import", str(demo_bestand))
    assert code == 0, out
    assert "scholen 5" in out
    code, out = run("mandaten", "lijst", "--bestuur", "42345")
    assert code == 0
    regels = out.strip().splitlines()[1:]
    assert [r.split("\t")[:3] for r in regels] == [
        ["99BA", "OSO-SWV", "Kindkans"],
        ["99BA", "OSO-SWV", "Magister"],
        ["99BB", "OSO-OV", "Magister"],
        ["99BB", "OSO-SWV", "Kindkans"],
    ]
    assert run("mandaten", "toekennen", "99BB", "OSO-SWV", "Magister")[1].strip().endswith("toegekend")
    assert run("mandaten", "toekennen", "99BB", "OSO-SWV", "Magister")[1].strip().endswith("bestond al")
    code, out = run("mandaten", "intrekken", "99BB", "OSO-SWV", "Magister", "--door", "beheerder@bestuur")
    assert (code, out.strip()) == (0, "mandaat 99BB OSO-SWV Magister: ingetrokken")
    code, out = run("mandaten", "intrekken", "99BB", "OSO-SWV", "Magister")
    assert code == 1
    assert "geen actief mandaat" in out
    code, out = run("mandaten", "lijst", "--brin", "99BB", "--alle")
    assert "ingetrokken" in out
    assert "beheerder@bestuur" in out
    code, out = run("mandaten", "toekennen", "99ZZ", "OSO-SWV", "Magister")
    assert code == 1
    assert "niet bekend" in out


@pytest.mark.usefixtures("cli_db")
def test_kopieer_voorbeeld_en_bevestig(demo_bestand: Path) -> None:
    assert run("import", str(demo_bestand))[0] == 0
    code, out = run("mandaten", "kopieer", "99AA", "OSO-SWV", "Kindkans", "--naar", "99AB", "--naar", "99AC")
    assert code == 0
    assert out.startswith("voorbeeld")
    assert "99AB\tLyceum Noorderlicht\tnieuw" in out
    assert "99AC\tVakcollege De Maas\tbestaat_al" in out
    assert "Kindkans" not in run("mandaten", "lijst", "--brin", "99AB")[1]
    code, out = run("mandaten", "kopieer", "99AA", "OSO-SWV", "Kindkans", "--naar", "99AB", "--bevestig")
    assert code == 0
    assert out.startswith("uitgevoerd")
    assert "Kindkans" in run("mandaten", "lijst", "--brin", "99AB")[1]
    code, out = run("mandaten", "kopieer", "99AA", "OSO-SWV", "Kindkans", "--naar", "99BA", "--bevestig")
    assert code == 1
    assert "hetzelfde bestuur" in out


@pytest.mark.usefixtures("cli_db")
def test_import_alles_of_niets(tmp_path: Path) -> None:
    data = json.loads(demo_gegevens().model_dump_json())
    data["besturen"][1]["scholen"][1]["vestigingen"][0]["vestigingscode"] = "1"
    pad = tmp_path / "fout.json"
    pad.write_text(json.dumps(data, indent=2), encoding="utf-8")
    code, out = run("import", str(pad))
    assert code == 1
    assert "er is niets ingelezen" in out
    assert "besturen[1].scholen[1].vestigingen[0].vestigingscode" in out
    regel = next(r for r in out.splitlines() if "vestigingscode" in r)
    nummer = int(regel.split("regel ")[1].split(",")[0])
    assert '"1"' in pad.read_text().splitlines()[nummer - 1]
    # Nothing was written.
    code, out = run("export")
    assert json.loads(out)["besturen"] == []


@pytest.mark.usefixtures("cli_db")
def test_droge_run(demo_bestand: Path) -> None:
    code, out = run("import", str(demo_bestand), "--droog")
    assert code == 0
    assert "droge run" in out
    assert json.loads(run("export")[1])["besturen"] == []


def test_export_import_round_trip(cli_db: str, demo_bestand: Path, tmp_path: Path, legen: Callable[[], None]) -> None:
    assert run("import", str(demo_bestand))[0] == 0
    assert run("mandaten", "intrekken", "99AA", "OSO-OV", "Magister")[0] == 0
    export = tmp_path / "export.json"
    code, out = run("export", "--uit", str(export))
    assert code == 0
    legen()
    code, out = run("import", str(export))
    assert code == 0, out
    code, out = run("export")
    assert json.loads(out) == json.loads(export.read_text())
    assert {"dienst": "OSO-OV", "systeem": "Magister"} not in json.loads(out)["besturen"][0]["scholen"][0]["mandaten"]


async def _tel_audit(url: str) -> int:
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return int(await conn.fetchval("SELECT count(*) FROM audit_log"))
    finally:
        await conn.close()


def test_demo_loader_is_idempotent(cli_db: str) -> None:
    assert loaders()["registry"] is load
    asyncio.run(load(cli_db))
    eerste = asyncio.run(_tel_audit(cli_db))
    asyncio.run(load(cli_db))
    assert asyncio.run(_tel_audit(cli_db)) == eerste > 0
    export = json.loads(run("export")[1])
    assert [s["brin"] for b in export["besturen"] for s in b["scholen"]] == ["99AA", "99AB", "99AC", "99BA", "99BB"]
