"""``oso-admin migrate``: four runs at once on fresh databases all succeed, and a current database is a no-op."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import asyncpg
import pytest
from alembic.script import ScriptDirectory

from oso_dev.testing import worker_database_url
from oso_shared import migrations
from oso_shared.db import asyncpg_dsn
from oso_shared.migrations import alembic_config, ensure_database, targets
from oso_shared.services import discover

PREFIXES = {
    "registry": "REGISTRY_",
    "dossier": "DOSSIER_",
    "oso-gateway": "GATEWAY_",
    "portal": "PORTAL_",
    "swv-receiver": "RECEIVER_",
}


def _urls(worker_id: str) -> dict[str, str]:
    return {s.name: worker_database_url(f"mig_{s.name}", worker_id) for s in discover() if s.database}


async def _drop(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    admin = await asyncpg.connect(asyncpg_dsn(url.rsplit("/", 1)[0] + "/postgres"))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def _versions(url: str) -> list[str]:
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return [row["version_num"] for row in await conn.fetch("SELECT version_num FROM alembic_version")]
    finally:
        await conn.close()


def _migrate_env(urls: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("DATABASE_URL")}
    # DATABASE_URL points nowhere useful: every service must take its own <PREFIX>DATABASE_URL.
    env["DATABASE_URL"] = "postgresql://nobody@127.0.0.1:1/none"
    env.update({f"{PREFIXES[name]}DATABASE_URL": url for name, url in urls.items()})
    return env


def _run_migrate(env: dict[str, str]) -> subprocess.Popen[str]:
    admin = Path(sys.executable).parent / "oso-admin"
    return subprocess.Popen(
        [str(admin), "migrate"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


async def test_four_concurrent_runs_migrate_fresh_databases_once(worker_id: str) -> None:
    urls = _urls(worker_id)
    assert set(urls) == set(PREFIXES)
    for url in urls.values():
        await _drop(url)
    env = _migrate_env(urls)

    runs = [_run_migrate(env) for _ in range(4)]
    outputs = await asyncio.gather(*(asyncio.to_thread(run.communicate, timeout=240) for run in runs))
    for run, (out, _) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, out

    for service in discover():
        if not service.database:
            continue
        head = ScriptDirectory.from_config(alembic_config(str(service.migrations_package), "")).get_current_head()
        assert await _versions(urls[service.name]) == [head]

    again = _run_migrate(env)
    out, _ = await asyncio.to_thread(again.communicate, timeout=240)
    assert again.returncode == 0, out
    assert out.count("al actueel") == len(urls), out


def test_targets_honour_the_service_prefix_and_fall_back_to_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGISTRY_DATABASE_URL", "postgresql://eigen@db.example:5432/register?sslmode=require")
    monkeypatch.delenv("DOSSIER_DATABASE_URL", raising=False)
    chosen = {t.service: t.url for t in targets("postgresql://gedeeld@server:5432/postgres", ["registry", "dossier"])}
    assert chosen == {
        "registry": "postgresql://eigen@db.example:5432/register?sslmode=require",
        "dossier": "postgresql://gedeeld@server:5432/oso_dossier",
    }
    with pytest.raises(ValueError, match="onbekend"):
        targets(None, ["onbekend"])


async def test_an_existing_database_needs_no_maintenance_database(
    monkeypatch: pytest.MonkeyPatch, worker_id: str
) -> None:
    url = worker_database_url("mig_bestaat", worker_id)
    await _drop(url)
    assert await ensure_database(url) is True
    monkeypatch.setattr(migrations, "MAINTENANCE_DATABASES", ("bestaat_niet_onderhoud",))
    assert await ensure_database(url) is False
    await _drop(url)
    with pytest.raises(asyncpg.InvalidCatalogNameError):
        await ensure_database(url)
