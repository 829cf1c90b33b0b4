"""``oso_shared.app.serve``: the one body behind every ``python -m <pkg>``."""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

import pytest
import uvicorn

from oso_dev.demo.world import receiver_env
from oso_shared import app
from oso_shared.settings import ServiceSettings
from oso_shared.tokensleutels import SleutelFout

SERVICES = ("oso_registry", "oso_dossier", "oso_gateway", "oso_portal", "swv_receiver")


def test_serve_runs_the_factory_on_the_settings_host_and_port(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, dict[str, Any]]] = []
    built = object()
    monkeypatch.setitem(sys.modules, "pkg_main", types.SimpleNamespace(create_app=lambda: built))
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: calls.append((target, kw)))
    app.serve("pkg_main:create_app", ServiceSettings(host="0.0.0.0", port=9999, log_level="WARNING"))
    assert calls == [
        (
            built,
            {"host": "0.0.0.0", "port": 9999, "log_level": "warning", "access_log": False, "proxy_headers": False},
        )
    ]


def test_serve_refuses_an_unusable_token_key_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def create_app() -> object:
        raise SleutelFout("DOSSIER_TOKEN_SLEUTEL is niet gezet")

    monkeypatch.setitem(sys.modules, "pkg_main", types.SimpleNamespace(create_app=create_app))
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: pytest.fail("served without a key"))
    with pytest.raises(SystemExit) as exit_info:
        app.serve("pkg_main:create_app", ServiceSettings(log_level="WARNING"))
    assert exit_info.value.code == 78


@pytest.mark.parametrize("package", SERVICES)
def test_every_main_module_serves_its_own_factory(package: str, monkeypatch: pytest.MonkeyPatch) -> None:
    targets: list[str] = []
    for name, value in receiver_env().items():  # the receiver's keys have no default
        monkeypatch.setenv(name, value)
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
