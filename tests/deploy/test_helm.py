"""The Helm chart lints, renders for the default and the production-like values, and every manifest is valid."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import helm_python as helm
import pytest

from .chart import CHART, PRODUCTIE, problems, render, values_file

VALUES = {"default": {}, "productie": values_file(PRODUCTIE)}


def _by_kind(manifests: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {m["metadata"]["name"]: m for m in manifests if m["kind"] == kind}


@pytest.mark.parametrize("variant", VALUES)
def test_lint_and_kubernetes_schemas_accept_every_manifest(variant: str) -> None:
    assert problems(CHART, VALUES[variant]) == []
    assert len(render(values=VALUES[variant])) > 20


def test_default_install_renders_one_deployment_per_service_and_worker() -> None:
    manifests = render(release="acc")
    kinds = Counter(m["kind"] for m in manifests)
    deployments = _by_kind(manifests, "Deployment")
    assert sorted(deployments) == [
        "acc-oso-dossier",
        "acc-oso-dossier-worker",
        "acc-oso-oso-gateway",
        "acc-oso-oso-gateway-worker",
        "acc-oso-portal",
        "acc-oso-registry",
    ]
    assert kinds["PodDisruptionBudget"] == len(deployments)
    assert kinds["Service"] == 4
    assert kinds["ServiceAccount"] == 1
    assert kinds["Ingress"] == 1
    cronjob = _by_kind(manifests, "CronJob")["acc-oso-dossier-retentie"]["spec"]
    assert cronjob["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["command"] == ["oso-dossier", "retentie"]
    jobs = _by_kind(manifests, "Job")
    assert list(jobs) == ["acc-oso-migrate"]
    hook = jobs["acc-oso-migrate"]["metadata"]["annotations"]["helm.sh/hook"]
    assert hook == "pre-install,pre-upgrade"
    # Migrations run once, in the hook: no pod migrates on start.
    assert all("initContainers" not in d["spec"]["template"]["spec"] for d in deployments.values())
    assert [m["metadata"]["name"] for m in manifests if m["metadata"]["name"].startswith("oso-")] == []


def test_receiver_and_its_worker_are_optional() -> None:
    services = [dict(s) for s in values_file(CHART / "values.yaml")["services"]]
    for service in services:
        if service["name"] == "swv-receiver":
            service["enabled"] = True
    manifests = render(values={"services": services})
    deployments = _by_kind(manifests, "Deployment")
    assert {"oso-swv-receiver", "oso-swv-receiver-worker"} <= set(deployments)
    worker = deployments["oso-swv-receiver-worker"]["spec"]["template"]["spec"]["containers"][0]
    assert worker["command"] == ["python", "-m", "swv_receiver.outbox.worker"]
    env = _by_kind(manifests, "ConfigMap")["oso-swv-receiver-env"]["data"]
    assert env["RECEIVER_GATEWAY_URL"] == "http://oso-oso-gateway:8003"


@pytest.mark.parametrize("variant", VALUES)
def test_every_container_is_probed_limited_and_locked_down(variant: str) -> None:
    for name, deployment in _by_kind(render(values=VALUES[variant]), "Deployment").items():
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, name
        assert pod["automountServiceAccountToken"] is False, name
        for container in pod["containers"]:
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                assert probe in container, (name, probe)
            assert container["resources"]["requests"], name
            assert container["resources"]["limits"]["memory"], name
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True, name
            assert security["allowPrivilegeEscalation"] is False, name
            assert security["capabilities"]["drop"] == ["ALL"], name
            if name.endswith("-worker"):
                assert container["command"][-1].endswith(".outbox.worker"), name
                assert container["livenessProbe"]["exec"]["command"][:3] == ["python", "-m", "oso_shared.probe"]


def test_internal_urls_follow_the_release_name() -> None:
    env = {n: m["data"] for n, m in _by_kind(render(release="prod"), "ConfigMap").items()}
    assert env["prod-oso-portal-env"]["PORTAL_REGISTRY_URL"] == "http://prod-oso-registry:8001"
    assert env["prod-oso-portal-env"]["PORTAL_DOSSIER_URL"] == "http://prod-oso-dossier:8002"
    assert env["prod-oso-dossier-env"]["DOSSIER_GATEWAY_URL"] == "http://prod-oso-oso-gateway:8003"
    assert env["prod-oso-oso-gateway-env"]["GATEWAY_PUBLIC_URL"] == "https://oso.example.org"
    assert env["prod-oso-dossier-env"]["DOSSIER_OSO_SCHEMA_DIR"] == "/oso"


def test_each_service_is_reachable_only_from_its_documented_callers() -> None:
    policies = _by_kind(render(values=VALUES["productie"]), "NetworkPolicy")

    def allowed(name: str) -> set[str]:
        rule = policies[f"oso-{name}"]["spec"]["ingress"][0]
        return {
            peer["podSelector"]["matchLabels"]["app.kubernetes.io/component"]
            if "podSelector" in peer
            else "ingress-controller"
            for peer in rule["from"]
        }

    assert policies["oso-default-deny"]["spec"]["podSelector"]["matchLabels"]["app.kubernetes.io/instance"] == "oso"
    assert allowed("registry") == {"portal", "dossier", "oso-gateway"}
    assert allowed("dossier") == {"portal", "oso-gateway-worker"}
    assert allowed("oso-gateway") == {"dossier-worker", "ingress-controller"}
    assert allowed("portal") == {"ingress-controller"}
    assert not any(name.endswith("-worker") for name in policies)


def test_the_oso_schema_is_required_when_validation_is_on() -> None:
    dossier = _by_kind(render(), "Deployment")["oso-dossier"]["spec"]["template"]["spec"]
    volume = next(v for v in dossier["volumes"] if v["name"] == "oso-schema")
    assert volume["configMap"] == {"name": "oso-gegevensset", "optional": False}
    with pytest.raises(helm.HelmError, match=r"validation\.configMap"):
        render(values={"validation": {"xsd": True, "configMap": ""}})
    off = _by_kind(render(values={"validation": {"xsd": False, "configMap": ""}}), "Deployment")
    assert all(v["name"] != "oso-schema" for v in off["oso-dossier"]["spec"]["template"]["spec"]["volumes"])


def test_values_are_checked_against_the_chart_schema() -> None:
    services = values_file(CHART / "values.yaml")["services"]
    wrong = [{**services[1], "workers": [{"name": "worker", "module": "oso_dossier.worker"}]}]
    with pytest.raises(helm.HelmError, match="outbox"):
        render(values={"services": wrong})


def test_the_koppelvlak_ingress_verifies_client_certificates() -> None:
    ingress = _by_kind(render(values=VALUES["productie"]), "Ingress")["oso-oso-gateway"]
    annotations = ingress["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/auth-tls-verify-client"] == "on"
    assert annotations["nginx.ingress.kubernetes.io/auth-tls-secret"] == "oso/pkioverheid-private-services-ca"
    paths = [p["path"] for p in ingress["spec"]["rules"][0]["http"]["paths"]]
    assert paths == ["/v1/ophalen", "/v1/terugkoppelingen"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # The bug this chart once shipped: envFrom rendered inside the env list (the YAML does not parse).
        ("      envFrom:\n", "      env:\n        - name: X\n          value: y\n        envFrom:\n", "parse"),
        # Valid YAML, invalid Kubernetes: only the schema validation sees it.
        ("  ports:\n    - { name: http, port:", "  ports:\n    - { name: http, bogus: 1, port:", "bogus"),
    ],
)
def test_a_broken_template_fails_the_check(tmp_path: Path, old: str, new: str, expected: str) -> None:
    broken = tmp_path / "oso"
    shutil.copytree(CHART, broken)
    template = broken / "templates" / ("_helpers.tpl" if "envFrom" in old else "services.yaml")
    assert old in template.read_text()
    template.write_text(template.read_text().replace(old, new, 1))
    found = problems(broken)
    assert found
    assert any(expected in problem for problem in found), found
