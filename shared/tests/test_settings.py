"""Settings: each service derives its own database from DATABASE_URL unless it has its own URL."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from pydantic_settings import SettingsConfigDict

from oso_shared.db import async_url
from oso_shared.settings import ServiceSettings, with_database


class DemoSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DEMO_", extra="ignore")
    database_name: ClassVar[str] = "oso_demo"


def test_shared_url_gets_our_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres:@/postgres?host=/tmp/pg")
    assert DemoSettings().resolved_database_url() == "postgresql://postgres:@/oso_demo?host=/tmp/pg"


def test_own_url_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://a@h/x")
    monkeypatch.setenv("DEMO_DATABASE_URL", "postgresql://b@h/y")
    assert DemoSettings().resolved_database_url() == "postgresql://b@h/y"


def test_with_database_and_async_url() -> None:
    assert with_database("postgresql://u@h:5/db?sslmode=require", "n") == "postgresql://u@h:5/n?sslmode=require"
    assert async_url("postgresql://u@h/db").startswith("postgresql+asyncpg://")


def test_short_secret_is_refused() -> None:
    from oso_shared.auth import TokenService

    with pytest.raises(ValueError, match="at least 32"):
        TokenService("kort")


def test_running_embedded_server_is_used_when_nothing_is_configured(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("OSO_RUN_DIR", str(tmp_path))
    assert DemoSettings().resolved_database_url() == "postgresql://postgres@127.0.0.1:5432/oso_demo"
    (tmp_path / "pgdata").mkdir()
    (tmp_path / "pgdata" / "postmaster.pid").write_text("1\n")
    assert DemoSettings().resolved_database_url() == f"postgresql://postgres:@/oso_demo?host={tmp_path}/pgdata"
