"""docs/configuratie.md is generated from the settings classes and must be current."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from .chart import ROOT


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("config_reference", ROOT / "scripts" / "config_reference.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_configuration_reference_is_current() -> None:
    script = _script()
    assert script.TARGET.read_text() == script.render(), "run: python scripts/config_reference.py"


def test_reference_names_every_setting_of_every_service() -> None:
    text = (ROOT / "docs" / "configuratie.md").read_text()
    for variable in (
        "PORTAL_REGISTRY_URL",
        "GATEWAY_PUBLIC_URL",
        "RECEIVER_GATEWAY_URL",
        "DOSSIER_PGN_SLEUTELS",
        "OSO_METRICS_TOKEN",
    ):
        assert f"`{variable}`" in text
    assert "ZGV2" not in text  # a secret default is never printed
    assert "`OSO_OMGEVING`" in text
    assert text.count("refused outside development") >= 2  # OSO_AUTH_SECRET, DOSSIER_PGN_SLEUTELS
