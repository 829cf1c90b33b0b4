"""Render and lint the Helm chart in-process (helm-python-sdk bundles Helm's Go library: no binary download)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import helm_python as helm
import kubernetes_validate
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "deploy" / "helm" / "oso"
PRODUCTIE = CHART / "values-productie.yaml"
KUBERNETES_VERSION = "1.30.0"


def values_file(path: Path) -> dict[str, Any]:
    """The values in ``path``."""
    loaded = yaml.safe_load(path.read_text())
    assert isinstance(loaded, dict)
    return loaded


def lint(chart: Path, values: dict[str, Any] | None = None) -> list[str]:
    """Helm's lint errors (warnings and info do not count) for ``chart`` with ``values``."""
    result = helm.lint(str(chart), values=values or {}, strict=False)
    return list(result.get("errors") or [])


def render(chart: Path = CHART, values: dict[str, Any] | None = None, release: str = "oso") -> list[dict[str, Any]]:
    """Every manifest ``helm template`` would print, parsed (NOTES.txt left out)."""
    with helm.Chart.load(str(chart)) as loaded:
        files = loaded.render(values or {}, name=release, namespace="oso")
    manifests: list[dict[str, Any]] = []
    for name, text in sorted(files.items()):
        if name.endswith("NOTES.txt"):
            continue
        manifests.extend(doc for doc in yaml.safe_load_all(text) if doc)
    return manifests


def problems(chart: Path = CHART, values: dict[str, Any] | None = None) -> list[str]:
    """Everything the deploy check refuses: lint errors, a failed render, manifests the schemas reject."""
    found = lint(chart, values)
    try:
        manifests = render(chart, values)
    except (helm.HelmError, yaml.YAMLError) as exc:
        return [*found, f"render: {exc}"]
    for manifest in manifests:
        try:
            kubernetes_validate.validate(manifest, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.ValidationError as exc:
            found.append(f"{manifest.get('kind')}/{manifest.get('metadata', {}).get('name')}: {exc.message}")
    return found
