"""``POST /v1/validaties`` and the ``oso-dossier validate`` command line."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from oso_dev.testing import TokenFor, test_sleutels
from oso_dossier.cli import app
from oso_dossier.main import create_app
from oso_dossier.settings import Settings
from oso_shared.auth import Rol
from oso_shared.db import Database


def _token(settings: Settings, rol: Rol = Rol.ZORGCOORDINATOR) -> dict[str, str]:
    headers = TokenFor(test_sleutels(), "dossier")(rol, sub="t", school="99AA")
    return {"Authorization": headers["authorization"], "Content-Type": "application/xml"}


async def test_api_validates_the_official_example(
    client: httpx.AsyncClient, settings: Settings, full_xml: bytes
) -> None:
    response = await client.post("/v1/validaties", content=full_xml, headers=_token(settings))
    assert response.status_code == 200
    assert response.json() == {"file": None, "valid": True, "xsd_toegepast": True, "findings": []}


async def test_api_reports_findings_for_any_role(
    client: httpx.AsyncClient, settings: Settings, full_xml: bytes
) -> None:
    body = full_xml.replace(b"<overstap>VOSWV</overstap>", b"<overstap>VOVO</overstap>")
    response = await client.post("/v1/validaties", content=body, headers=_token(settings, Rol.SWV_BEHEERDER))
    data = response.json()
    assert response.status_code == 200
    assert data["valid"] is False
    assert {"rule", "severity", "path", "message", "hint"} == set(data["findings"][0])
    assert "PaO.SO02" in {f["rule"] for f in data["findings"]}


async def test_api_hostile_body_gives_xml_finding(client: httpx.AsyncClient, settings: Settings) -> None:
    body = b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><dossier>&x;</dossier>'
    data = (await client.post("/v1/validaties", content=body, headers=_token(settings))).json()
    assert [f["rule"] for f in data["findings"]] == ["XML"]


async def test_api_requires_authentication(client: httpx.AsyncClient, full_xml: bytes) -> None:
    response = await client.post("/v1/validaties", content=full_xml, headers={"Content-Type": "application/xml"})
    assert response.status_code == 401


async def test_api_refuses_non_xml_media_type(client: httpx.AsyncClient, settings: Settings) -> None:
    headers = {**_token(settings), "Content-Type": "application/json"}
    response = await client.post("/v1/validaties", content=b"{}", headers=headers)
    assert response.status_code == 415


@pytest.mark.parametrize("streamed", [False, True])
async def test_api_413_past_the_validation_limit(database: Database, streamed: bool) -> None:
    settings = Settings(log_json=False, validatie_max_body_bytes=4096, max_body_bytes=1024)
    app = create_app(settings, database=database)
    body = b"<a>" + b"x" * 10_000 + b"</a>"

    async def chunks() -> object:
        for i in range(0, len(body), 1000):
            yield body[i : i + 1000]

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        content = chunks() if streamed else body
        response = await client.post("/v1/validaties", content=content, headers=_token(settings))  # type: ignore[arg-type]
        assert response.status_code == 413
        assert response.headers["content-type"].startswith("application/problem+json")
        # Between the app-wide cap and the validation cap the body is accepted (route is exempt from the app cap).
        ok = await client.post("/v1/validaties", content=b"<a>" + b"x" * 2000 + b"</a>", headers=_token(settings))
        assert ok.status_code == 200


def test_cli_json_lines_and_exit_codes(full_xml: bytes, tmp_path: Path) -> None:
    good = tmp_path / "goed.xml"
    good.write_bytes(full_xml)
    bad = tmp_path / "fout.xml"
    bad.write_bytes(full_xml.replace(b"<deeldossier>LASLVS</deeldossier>", b"<deeldossier>LVS</deeldossier>"))
    runner = CliRunner()
    ok = runner.invoke(app, ["validate", "--json", str(good)])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output) == {"file": str(good), "valid": True, "findings": []}
    mixed = runner.invoke(app, ["validate", "--json", str(good), str(bad)])
    assert mixed.exit_code == 1
    lines = [json.loads(line) for line in mixed.output.splitlines()]
    assert [line["valid"] for line in lines] == [True, False]
    assert lines[1]["findings"][0]["rule"] == "PaO.MD01"
    human = runner.invoke(app, ["validate", str(bad)])
    assert human.exit_code == 1
    assert "ONGELDIG" in human.output
    assert "PaO.MD01" in human.output
    assert runner.invoke(app, ["validate"]).exit_code == 2
    assert runner.invoke(app, ["validate", str(tmp_path / "bestaat-niet.xml")]).exit_code == 2
