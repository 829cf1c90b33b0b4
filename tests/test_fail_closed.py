"""Fail closed: outside ``OSO_OMGEVING=ontwikkeling`` no service, worker or admin command starts on a missing or
published development secret; in development every one starts on the development values."""

from __future__ import annotations

import importlib
import os
import secrets
import subprocess
import sys
from collections.abc import Callable
from typing import Any, cast

import httpx
import pytest
from cryptography.fernet import Fernet

from oso_dev.demo.world import receiver_env
from oso_shared.db import Database
from oso_shared.outbox import OutboxWorker
from oso_shared.services import ServiceInfo, discover
from oso_shared.settings import OnveiligeInstelling, ServiceSettings, secret_env_names

SERVICES = discover()
WORKERS = [(s, argv[-1]) for s in SERVICES for argv in s.workers]
DATABASE = "postgresql://postgres@127.0.0.1:5432/niet_gebruikt"


def _package(service: ServiceInfo) -> str:
    return service.app_factory.split(":")[0].split(".")[0]


def _settings(service: ServiceInfo) -> ServiceSettings:
    module = importlib.import_module(f"{_package(service)}.settings")
    return cast(ServiceSettings, module.Settings(log_json=False))


def _factory(service: ServiceInfo) -> Callable[..., Any]:
    module, _, name = service.app_factory.partition(":")
    return cast(Callable[..., Any], getattr(importlib.import_module(module), name))


def _real_secrets() -> dict[str, str]:
    """Values that are no development value, for every secret the services read."""
    return {
        "OSO_AUTH_SECRET": secrets.token_urlsafe(48),
        "OSO_METRICS_TOKEN": secrets.token_urlsafe(32),
        "DOSSIER_PGN_SLEUTELS": f"2026:{Fernet.generate_key().decode()}",
    }


@pytest.fixture
def productie(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No OSO_OMGEVING (production) and no secret in the environment; the receiver's keys present."""
    monkeypatch.delenv("OSO_OMGEVING", raising=False)
    for name in (*_real_secrets(), "DOSSIER_PGN_SLEUTEL", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in receiver_env().items():
        monkeypatch.setenv(name, value)
    return monkeypatch


def _ids(value: object) -> str:
    return value.name if isinstance(value, ServiceInfo) else str(value)


@pytest.mark.parametrize("service", SERVICES, ids=_ids)
def test_every_app_refuses_a_development_secret_outside_development(
    service: ServiceInfo, productie: pytest.MonkeyPatch
) -> None:
    with pytest.raises(OnveiligeInstelling) as refused:
        _factory(service)(_settings(service))
    assert refused.value.instelling == "OSO_AUTH_SECRET"
    assert "ontwikkelwaarde" in refused.value.reden


@pytest.mark.parametrize("service", SERVICES, ids=_ids)
def test_every_app_refuses_each_missing_or_development_secret(
    service: ServiceInfo, productie: pytest.MonkeyPatch
) -> None:
    required = secret_env_names(type(_settings(service)))
    assert {"OSO_AUTH_SECRET", "OSO_METRICS_TOKEN"} <= set(required)
    real = _real_secrets()
    for name in required:
        # Every other secret real, this one left out: the refusal names exactly this one.
        for other in required:
            if other != name and other in real:
                productie.setenv(other, real[other])
        productie.delenv(name, raising=False)
        if name == "RECEIVER_AANLEVERPUNTEN":
            productie.setenv(name, "[]")
        with pytest.raises(OnveiligeInstelling) as refused:
            _factory(service)(_settings(service))
        assert refused.value.instelling == name
        if name in real:
            productie.setenv(name, real[name])
        else:
            productie.setenv(name, receiver_env()[name])
    app = _factory(service)(_settings(service))
    assert app.title


@pytest.mark.parametrize("service", SERVICES, ids=_ids)
def test_every_app_starts_on_the_development_values_in_development(
    service: ServiceInfo, productie: pytest.MonkeyPatch
) -> None:
    productie.setenv("OSO_OMGEVING", "ontwikkeling")
    assert _factory(service)(_settings(service)).title


@pytest.mark.parametrize(("service", "module"), WORKERS, ids=_ids)
async def test_every_worker_refuses_outside_development_and_builds_in_development(
    service: ServiceInfo, module: str, productie: pytest.MonkeyPatch
) -> None:
    build = cast(Callable[..., OutboxWorker], importlib.import_module(module).build_worker)
    db = Database(DATABASE)
    try:
        with pytest.raises(OnveiligeInstelling) as refused:
            build(_settings(service), db)
        assert refused.value.instelling == "OSO_AUTH_SECRET"
        for name, value in _real_secrets().items():
            productie.setenv(name, value)
        await build(_settings(service), db).aclose()
        for name in _real_secrets():
            productie.delenv(name)
        productie.setenv("OSO_OMGEVING", "ontwikkeling")
        await build(_settings(service), db).aclose()
    finally:
        await db.dispose()


def _run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Outside development, without the secrets and token keys the plugin put in this test process's environment.
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("OSO_OMGEVING", *_real_secrets()) and not k.endswith("TOKEN_SLEUTEL")
    }
    return subprocess.run(argv, env={**base, **env}, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize(
    ("argv", "env", "named"),
    [
        ([sys.executable, "-m", "oso_registry"], {}, "OSO_AUTH_SECRET"),
        (
            [sys.executable, "-m", "oso_dossier.outbox.worker"],
            {"OSO_AUTH_SECRET": secrets.token_urlsafe(48), "OSO_METRICS_TOKEN": "x" * 32},
            "DOSSIER_PGN_SLEUTELS",
        ),
        ([sys.executable, "-m", "swv_receiver"], {"RECEIVER_AANLEVERPUNTEN": ""}, "RECEIVER_AANLEVERPUNTEN"),
        (["oso-admin", "token", "zorgcoordinator", "--school", "99AA"], {}, "PORTAL_TOKEN_SLEUTEL"),
    ],
    ids=["api", "worker", "ontbrekend", "oso-admin"],
)
def test_a_process_exits_with_one_line_naming_the_setting(argv: list[str], env: dict[str, str], named: str) -> None:
    done = _run(argv, {"DATABASE_URL": DATABASE, **env})
    assert done.returncode == 78, done.stderr
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert named in lines[0]
    assert "start_geweigerd" in lines[0]
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("service", SERVICES, ids=_ids)
async def test_every_service_keeps_metrics_behind_the_scrape_token(
    service: ServiceInfo, productie: pytest.MonkeyPatch
) -> None:
    real = _real_secrets()
    for name, value in real.items():
        productie.setenv(name, value)
    app = _factory(service)(_settings(service))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        assert (await client.get("/metrics")).status_code == 401
        scraped = await client.get("/metrics", headers={"Authorization": f"Bearer {real['OSO_METRICS_TOKEN']}"})
    assert scraped.status_code == 200
    assert "http_requests_total" in scraped.text
