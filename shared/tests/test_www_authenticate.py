"""Every 401 of every API service carries ``WWW-Authenticate: Bearer`` (RFC 6750), ``invalid_token`` when refused.

Each service's app is built as it runs (its settings, its routers) on a database nobody listens on, and every
``/v1`` route is called without a token and with a forged one; the routes that answer 401 must carry the challenge.
"""

from __future__ import annotations

import importlib
import re
import uuid
from typing import Any

import httpx
import pytest

from oso_dev.demo.world import receiver_env
from oso_shared.db import Database
from oso_shared.services import ServiceInfo, discover

# A closed port on loopback: a route that reaches the database before authenticating answers 503, never 401.
NOWHERE = "postgresql://postgres@127.0.0.1:9/niemand"
API_SERVICES = [s for s in discover() if s.name != "portal"]


def _app(service: ServiceInfo, monkeypatch: pytest.MonkeyPatch) -> Any:
    for name, value in receiver_env().items():
        monkeypatch.setenv(name, value)
    module, _, factory = service.app_factory.partition(":")
    package = module.split(".")[0]
    settings = importlib.import_module(f"{package}.settings").Settings(log_json=False)
    return getattr(importlib.import_module(module), factory)(settings, database=Database(NOWHERE))


def _calls(app: Any) -> list[tuple[str, str]]:
    # The OpenAPI document lists every public route, however the routers are nested.
    calls: list[tuple[str, str]] = []
    for template, operations in app.openapi()["paths"].items():
        path = re.sub(r"\{[^}]+\}", str(uuid.uuid4()), template)
        calls.extend((method.upper(), path) for method in sorted(operations) if method != "parameters")
    return calls


@pytest.mark.parametrize("service", API_SERVICES, ids=lambda s: s.name)
async def test_elke_401_heeft_een_bearer_challenge(service: ServiceInfo, monkeypatch: pytest.MonkeyPatch) -> None:
    app = _app(service, monkeypatch)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    gezien = 0
    async with httpx.AsyncClient(transport=transport, base_url="http://dienst.test") as client:
        for method, path in _calls(app):
            zonder = await client.request(method, path, json={})
            vervalst = await client.request(
                method, path, json={}, headers={"authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.e30.vervalst"}
            )
            for response, verwacht in ((zonder, None), (vervalst, 'error="invalid_token"')):
                if response.status_code != 401:
                    continue
                gezien += 1
                challenge = response.headers.get("www-authenticate", "")
                assert challenge.startswith("Bearer"), f"{method} {path}: {challenge!r}"
                if verwacht is not None:
                    assert verwacht in challenge, f"{method} {path}: {challenge!r}"
    # Every API service has routes that need a token.
    assert gezien > 0
