"""Settings: each service derives its own database from DATABASE_URL unless it has its own URL."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from pydantic_settings import SettingsConfigDict

from oso_dev.testing import test_sleutels
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


@pytest.mark.parametrize(
    ("env", "naam"),
    [
        ({"OSO_VERIFICATIE_SLEUTELS": None}, "OSO_VERIFICATIE_SLEUTELS"),
        (
            {"OSO_VERIFICATIE_SLEUTELS": '{"keys": [{"kty": "oct", "kid": "portal:1", "k": "c2VjcmV0"}]}'},
            "OSO_VERIFICATIE_SLEUTELS",
        ),
        ({"DEMO_TOKEN_SLEUTEL": None}, "DEMO_TOKEN_SLEUTEL"),
        ({"DEMO_TOKEN_SLEUTEL": "geen pem"}, "DEMO_TOKEN_SLEUTEL"),
    ],
)
def test_unusable_token_keys_are_refused_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str | None], naam: str
) -> None:
    from oso_shared.auth import TokenService
    from oso_shared.tokensleutels import SleutelFout

    sleutels = test_sleutels()
    monkeypatch.setenv("DEMO_TOKEN_SLEUTEL", sleutels.prive["dossier"])
    for key, value in env.items():
        if value is None:
            monkeypatch.delenv(key, raising=False)
        else:
            monkeypatch.setenv(key, value)

    class Signer(DemoSettings):
        dienst_identiteit: ClassVar[bool] = True

    with pytest.raises(SleutelFout, match=naam):
        TokenService.from_settings(Signer(), "dossier")


def test_a_token_key_whose_kid_names_another_issuer_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from oso_shared.auth import TokenService
    from oso_shared.tokensleutels import SleutelFout

    monkeypatch.setenv("DEMO_TOKEN_SLEUTEL", test_sleutels().prive["dossier"])
    with pytest.raises(SleutelFout, match="uitgever dossier"):
        TokenService.from_settings(DemoSettings(), "portal")  # the dossier's key cannot sign as the portal


def test_running_embedded_server_is_used_when_nothing_is_configured(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("OSO_RUN_DIR", str(tmp_path))
    assert DemoSettings().resolved_database_url() == "postgresql://postgres@127.0.0.1:5432/oso_demo"
    (tmp_path / "pgdata").mkdir()
    (tmp_path / "pgdata" / "postmaster.pid").write_text("1\n")
    assert DemoSettings().resolved_database_url() == f"postgresql://postgres:@/oso_demo?host={tmp_path}/pgdata"
