"""publiccode.yml follows the publiccode.yml standard (v0.4): no schema package exists, so these are its rules."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from .chart import ROOT

DEVELOPMENT_STATUS = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
}
MAINTENANCE = {"internal", "contract", "community", "none"}


def _publiccode() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "publiccode.yml").read_text())
    assert isinstance(loaded, dict)
    return loaded


def test_required_keys_and_values() -> None:
    code = _publiccode()
    for key in ("publiccodeYmlVersion", "name", "url", "platforms", "developmentStatus", "softwareType"):
        assert code.get(key), key
    assert code["publiccodeYmlVersion"] in {"0", "0.4"}
    assert re.match(r"^https://\S+\.git$", code["url"])
    assert code["developmentStatus"] in DEVELOPMENT_STATUS
    assert code["softwareType"] in SOFTWARE_TYPES
    assert dt.date.fromisoformat(code["releaseDate"])
    assert code["legal"]["license"] == "EUPL-1.2"
    assert code["maintenance"]["type"] in MAINTENANCE
    assert code["maintenance"]["contacts"], "community or internal maintenance names contacts"
    assert isinstance(code["localisation"]["localisationReady"], bool)
    assert code["localisation"]["availableLanguages"]


def test_descriptions_fit_the_limits() -> None:
    for language, text in _publiccode()["description"].items():
        assert len(text["shortDescription"]) <= 150, language
        assert 150 <= len(text["longDescription"]) <= 10_000, language
        assert text["features"], language


def test_licence_file_is_the_eupl() -> None:
    licence = (ROOT / "LICENCE").read_text()
    assert licence.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert "Appendix" in licence
    assert len(licence) > 12_000
