"""deploy/compose.yaml: valid against the compose-spec schema, wired with the right URLs, no secret defaults."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import jsonschema
import pytest
import yaml

from .chart import ROOT

COMPOSE = ROOT / "deploy" / "compose.yaml"


def _schema() -> dict[str, Any]:
    # check-jsonschema vendors the compose-spec schema (licence alongside it): offline, pinned by the lock.
    text = (resources.files("check_jsonschema") / "builtin_schemas" / "vendor" / "compose-spec.json").read_text()
    schema = json.loads(text)
    assert isinstance(schema, dict)
    return schema


def compose_errors(document: Any) -> list[str]:
    """What the compose-spec schema says about ``document``."""
    schema = _schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def _compose() -> dict[str, Any]:
    loaded = yaml.safe_load(COMPOSE.read_text())
    assert isinstance(loaded, dict)
    return loaded


def test_compose_is_valid_against_the_compose_spec() -> None:
    assert compose_errors(_compose()) == []


def test_an_invalid_compose_file_is_refused() -> None:
    broken = _compose()
    broken["services"]["portal"]["healthcheck"] = {"test": ["CMD", "true"], "every": "10s"}
    assert any("every" in error for error in compose_errors(broken))


def test_every_long_running_service_has_a_healthcheck() -> None:
    services = _compose()["services"]
    for name, service in services.items():
        if name in ("migrate", "demo"):
            continue
        assert "healthcheck" in service, name
        assert service["healthcheck"].get("disable") is not True, name


def test_services_find_each_other_and_notifications_point_at_the_gateway() -> None:
    env = _compose()["services"]["portal"]["environment"]
    assert env["PORTAL_REGISTRY_URL"] == "http://registry:8001"
    assert env["PORTAL_DOSSIER_URL"] == "http://dossier:8002"
    assert env["GATEWAY_PUBLIC_URL"] == env["RECEIVER_GATEWAY_URL"] == "http://oso-gateway:8003"
    assert env["DOSSIER_GATEWAY_URL"] == "http://oso-gateway:8003"
    assert all("127.0.0.1" not in str(v) for k, v in env.items() if k.endswith("_URL"))


def test_workers_run_the_outbox_modules_and_demo_is_a_profile() -> None:
    services = _compose()["services"]
    workers = {n: s["command"] for n, s in services.items() if n.endswith("-worker")}
    assert workers == {
        "dossier-worker": ["python", "-m", "oso_dossier.outbox.worker"],
        "oso-gateway-worker": ["python", "-m", "oso_gateway.outbox.worker"],
        "swv-receiver-worker": ["python", "-m", "swv_receiver.outbox.worker"],
    }
    assert services["demo"]["profiles"] == ["demo"]
    assert "profiles" not in services["portal"]


@pytest.mark.parametrize(
    "variable", ["POSTGRES_PASSWORD", "OSO_AUTH_SECRET", "OSO_METRICS_TOKEN", "DOSSIER_PGN_SLEUTELS"]
)
def test_secrets_have_no_fallback(variable: str) -> None:
    uses = re.findall(r"\$\{" + variable + r"(:?[-?])?", COMPOSE.read_text())
    assert uses
    assert set(uses) == {":?"}, f"{variable} must be required (${{{variable}:?…}}), never defaulted"
