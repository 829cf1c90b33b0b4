"""The workers' exec probe: exit 0 when the service's own database answers, 1 with the reason when not."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from oso_shared import probe


async def test_probe_follows_the_service_database_url(
    shared_engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = shared_engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    monkeypatch.setenv("REGISTRY_DATABASE_URL", url)
    assert await probe.check("oso_registry") is None
    monkeypatch.setenv("REGISTRY_DATABASE_URL", "postgresql://postgres@127.0.0.1:1/none")
    reason = await probe.check("oso_registry")
    assert reason is not None
    assert "Connect" in reason or "refused" in reason
    assert await probe.check("bestaat_niet") == "unknown service package 'bestaat_niet'"


def test_main_reports_the_reason(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PORTAL_DATABASE_URL", "postgresql://postgres@127.0.0.1:1/none")
    assert probe.main(["oso_portal"]) == 1
    assert capsys.readouterr().err.startswith("not ready: ")
    assert probe.main([]) == 2
