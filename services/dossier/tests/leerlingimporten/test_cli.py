"""``oso-dossier import``: exit codes 0/1/2, the JSON object and the Dutch report, against its own database."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oso_dev import magister as voorbeeld
from oso_dev.testing import prepare_database
from oso_dossier.cli import app

runner = CliRunner()
OPTIES = ["--school", "99AA", "--vestiging", "00", "--schooljaar", "2026-2027"]


@pytest.fixture
def cli_database(monkeypatch: pytest.MonkeyPatch, worker_id: str) -> None:
    """A freshly migrated database of its own (the command commits); the registry is unreachable (codes only)."""
    url = asyncio.run(prepare_database("dossier_cli", "oso_dossier", worker_id))
    monkeypatch.setenv("DOSSIER_DATABASE_URL", url)
    monkeypatch.setenv("DOSSIER_REGISTRY_URL", "http://127.0.0.1:9")


def schrijf(tmp_path: Path, data: bytes) -> str:
    pad = tmp_path / "export.csv"
    pad.write_bytes(data)
    return str(pad)


@pytest.mark.usefixtures("cli_database")
def test_testen_then_inlezen_exit_0(tmp_path: Path) -> None:
    pad = schrijf(tmp_path, voorbeeld.bestand([voorbeeld.leerling(i) for i in range(3)]))
    result = runner.invoke(app, ["import", "leerlingen", pad, *OPTIES, "--testen"])
    assert result.exit_code == 0, result.output
    assert "SUCCESVOL (getest, niets gewijzigd)" in result.output
    assert "leerlingen nieuw: 3" in result.output
    result = runner.invoke(app, ["import", "leerlingen", pad, *OPTIES, "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert set(body) == {"id", "status", "regels", "aantallen", "log"}
    assert body["aantallen"]["leerlingen_nieuw"] == 3
    result = runner.invoke(app, ["import", "leerlingen", pad, *OPTIES, "--json"])
    assert json.loads(result.output)["aantallen"]["leerlingen_bijgewerkt"] == 3  # the first run committed


@pytest.mark.usefixtures("cli_database")
def test_fouten_exit_1_with_the_report(tmp_path: Path) -> None:
    rijen = [voorbeeld.leerling(0), voorbeeld.leerling(1, wijzig={"Geslacht": "x", "Leerjaar": ""})]
    pad = schrijf(tmp_path, voorbeeld.bestand(rijen))
    result = runner.invoke(app, ["import", "leerlingen", pad, *OPTIES])
    assert result.exit_code == 1
    assert "FOUTEN GEVONDEN (niet ingelezen" in result.output
    assert "[FOUT] regel 3, kolom Geslacht: Geslacht 'x' is niet man, vrouw" in result.output
    assert "[FOUT] regel 3, kolom Leerjaar: Geen leerjaar." in result.output


@pytest.mark.usefixtures("cli_database")
def test_windows_1252_option(tmp_path: Path) -> None:
    from oso_dossier.leerlingimporten.parsing import Tekenset

    pad = schrijf(tmp_path, voorbeeld.bestand([voorbeeld.leerling(1)], tekenset=Tekenset.WINDOWS1252))
    assert runner.invoke(app, ["import", "leerlingen", pad, *OPTIES, "--testen"]).exit_code == 1
    result = runner.invoke(app, ["import", "leerlingen", pad, *OPTIES, "--testen", "--tekenset", "windows-1252"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "args",
    [
        ["import", "cijfers", "{pad}", *OPTIES],
        ["import", "leerlingen", "{pad}", "--school", "99aa", "--vestiging", "00", "--schooljaar", "2026-2027"],
        ["import", "leerlingen", "{pad}", "--school", "99AA", "--vestiging", "00", "--schooljaar", "2026"],
        ["import", "leerlingen", "{pad}", "--school", "99AA", "--vestiging", "0A", "--schooljaar", "2026-2027"],
        ["import", "leerlingen", "{pad}", "--vestiging", "00", "--schooljaar", "2026-2027"],
        ["import", "leerlingen", "{pad}", *OPTIES, "--tekenset", "ebcdic"],
        ["import", "leerlingen", "bestaat-niet.csv", *OPTIES],
    ],
)
def test_wrong_use_exit_2(tmp_path: Path, args: list[str]) -> None:
    pad = schrijf(tmp_path, voorbeeld.bestand([voorbeeld.leerling(0)]))
    result = runner.invoke(app, [a.replace("{pad}", pad) for a in args])
    assert result.exit_code == 2, result.output
