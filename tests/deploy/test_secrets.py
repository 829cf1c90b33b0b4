"""The chart and the compose file name exactly the variables the settings read, set every required secret,
default none of them, and never switch a deployment to development (``OSO_OMGEVING``)."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest
import yaml

from oso_shared.cli import AdminSettings
from oso_shared.services import discover
from oso_shared.settings import ServiceSettings, env_names, secret_env_names

from .chart import CHART, PRODUCTIE, ROOT, render, values_file

COMPOSE = ROOT / "deploy" / "compose.yaml"
DOCKERFILE = ROOT / "deploy" / "Dockerfile"


def _settings_of(module: str) -> type[ServiceSettings]:
    cls: type[ServiceSettings] = importlib.import_module(f"{module}.settings").Settings
    assert issubclass(cls, ServiceSettings)
    return cls


SETTINGS = {s.app_factory.split(".")[0]: _settings_of(s.app_factory.split(".")[0]) for s in discover()}
CLASSES: list[type[ServiceSettings]] = [*SETTINGS.values(), AdminSettings]
KNOWN: set[str] = set().union(*(env_names(cls) for cls in CLASSES))


def _all_services_on() -> dict[str, Any]:
    values = values_file(CHART / "values.yaml")
    return {"services": [{**s, "enabled": True} for s in values["services"]]}


def _containers(manifests: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for manifest in manifests:
        spec = manifest.get("spec", {})
        pod = spec.get("template", {}).get("spec") or spec.get("jobTemplate", {}).get("spec", {}).get("template", {})
        pod = pod.get("spec", pod) if "containers" not in pod else pod
        for container in pod.get("containers", []):
            found.append((manifest["metadata"]["name"], container))
    return found


@pytest.mark.parametrize("values", [_all_services_on(), values_file(PRODUCTIE)], ids=["alles", "productie"])
def test_every_variable_the_chart_sets_is_read_by_some_settings_class(values: dict[str, Any]) -> None:
    manifests = render(values=values)
    named = {key for m in manifests if m["kind"] == "ConfigMap" for key in m["data"]}
    named |= {e["name"] for _, container in _containers(manifests) for e in container.get("env", [])}
    assert named
    assert named - KNOWN == set()


@pytest.mark.parametrize("values", [_all_services_on(), values_file(PRODUCTIE)], ids=["alles", "productie"])
def test_every_required_secret_reaches_its_service_from_a_secret_without_default(values: dict[str, Any]) -> None:
    manifests = render(values=values)
    modules = {s["name"]: s["module"] for s in values["services"] if s.get("enabled", True)}
    checked = 0
    for name, container in _containers(manifests):
        if container["command"][:2] != ["python", "-m"]:
            continue
        module = container["command"][2].split(".")[0]
        env = {e["name"]: e for e in container.get("env", [])}
        for secret in secret_env_names(SETTINGS[module]):
            assert secret in env, (name, secret)
            ref = env[secret]["valueFrom"]["secretKeyRef"]
            assert ref["key"] == secret
            assert ref["optional"] is False
            assert "value" not in env[secret]
            checked += 1
    assert checked >= 3 * len(modules)


def test_the_chart_names_the_keys_of_the_dossier_and_receiver_secrets() -> None:
    services = {s["name"]: s for s in values_file(CHART / "values.yaml")["services"]}
    assert set(secret_env_names(SETTINGS["oso_dossier"])[2:]) <= set(services["dossier"]["secretKeys"])
    assert "DOSSIER_PGN_SLEUTELS" in services["dossier"]["secretKeys"]
    # Every signer gets its own private token key from its own Secret (the receiver signs no tokens).
    for name, prefix in [
        ("portal", "PORTAL_"),
        ("registry", "REGISTRY_"),
        ("dossier", "DOSSIER_"),
        ("oso-gateway", "GATEWAY_"),
    ]:
        assert f"{prefix}TOKEN_SLEUTEL" in services[name]["secretKeys"], name
    assert "OSO_VERIFICATIE_SLEUTELS" in values_file(CHART / "values.yaml")["secrets"]["sharedKeys"]
    assert services["swv-receiver"]["secretKeys"] == ["RECEIVER_AANLEVERPUNTEN"]
    assert set(values_file(CHART / "values.yaml")["secrets"]["sharedKeys"]) >= {"OSO_AUTH_SECRET", "OSO_METRICS_TOKEN"}


def _compose_env() -> dict[str, str]:
    env = yaml.safe_load(COMPOSE.read_text())["x-env"]
    assert isinstance(env, dict)
    return {str(k): str(v) for k, v in env.items()}


def test_compose_sets_every_required_secret_without_fallback() -> None:
    env = _compose_env()
    assert set(env) - KNOWN == set()
    for cls in SETTINGS.values():
        for secret in secret_env_names(cls):
            assert re.fullmatch(r"\$\{" + secret + r":\?[^}]+\}", env[secret]), secret
    # No variable of the file has a fallback (`${X:-…}` or `${X-…}`).
    assert re.findall(r"\$\{[A-Z_]+:?-", COMPOSE.read_text()) == []


def test_no_deployment_runs_in_development() -> None:
    for path in (COMPOSE, DOCKERFILE, *CHART.rglob("*.yaml"), *CHART.rglob("*.tpl")):
        # Mentioned in comments, never assigned (`OSO_OMGEVING: …`, `OSO_OMGEVING=…`, `name: OSO_OMGEVING`).
        assert not re.search(r"OSO_OMGEVING\s*[:=]|name:\s*OSO_OMGEVING", path.read_text()), path
    for variant in (_all_services_on(), values_file(PRODUCTIE)):
        for _, container in _containers(render(values=variant)):
            assert all(e["name"] != "OSO_OMGEVING" for e in container.get("env", []))
