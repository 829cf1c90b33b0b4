"""``oso_shared.app.serve``: the one body behind every ``python -m <pkg>``."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
import uvicorn

from oso_shared import app
from oso_shared.settings import ServiceSettings

SERVICES = ("oso_registry", "oso_dossier", "oso_gateway", "oso_portal", "swv_receiver")


def test_serve_runs_the_factory_on_the_settings_host_and_port(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: calls.append((target, kw)))
    app.serve("pkg.main:create_app", ServiceSettings(host="0.0.0.0", port=9999, log_level="WARNING"))
    assert calls == [
        (
            "pkg.main:create_app",
            {
                "factory": True,
                "host": "0.0.0.0",
                "port": 9999,
                "log_level": "warning",
                "access_log": False,
                "proxy_headers": False,
            },
        )
    ]


@pytest.mark.parametrize("package", SERVICES)
def test_every_main_module_serves_its_own_factory(package: str, monkeypatch: pytest.MonkeyPatch) -> None:
    targets: list[str] = []
    module = importlib.import_module(f"{package}.__main__")
    monkeypatch.setattr(module, "serve", lambda target, settings: targets.append(target))
    module.main()
    assert targets == [f"{package}.main:create_app"]


def test_state_dependency_reads_and_checks_app_state() -> None:
    from fastapi import FastAPI
    from starlette.requests import Request

    application = FastAPI()
    application.state.settings = ServiceSettings()
    application.state.registry = "geen client"
    request = Request({"type": "http", "app": application})
    assert app.state_dependency("settings", ServiceSettings)(request) is application.state.settings
    with pytest.raises(TypeError):
        app.state_dependency("registry", ServiceSettings)(request)
