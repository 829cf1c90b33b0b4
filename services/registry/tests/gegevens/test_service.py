"""Reading an ``oso-registry/1`` file: syntax and field errors, each with its line and field."""

from __future__ import annotations

import json

import pytest

from oso_dev.demo.registry import demo_gegevens
from oso_registry.gegevens import service
from oso_registry.problems import ImportOngeldig


def demo_tekst() -> str:
    return demo_gegevens().model_dump_json(indent=2)


async def test_json_syntaxfout_met_regel() -> None:
    with pytest.raises(ImportOngeldig) as exc:
        service.lees_bestand('{\n  "besturen": [\n    {"nummer": "1"\n  ]\n}')
    [fout] = exc.value.extensions["fouten"]
    assert fout["regel"] == 4
    assert "geen geldige JSON" in fout["melding"]


async def test_veldfouten_met_regel_en_veld() -> None:
    data = json.loads(demo_tekst())
    data["besturen"][1]["scholen"][0]["brin"] = "99ba"
    data["samenwerkingsverbanden"][0]["aanleverpunten"][0]["oin"] = "123"
    tekst = json.dumps(data, indent=2)
    with pytest.raises(ImportOngeldig) as exc:
        service.lees_bestand(tekst)
    fouten = exc.value.extensions["fouten"]
    velden = [f["veld"] for f in fouten]
    assert velden == ["besturen[1].scholen[0].brin", "samenwerkingsverbanden[0].aanleverpunten[0].oin"]
    regels = tekst.splitlines()
    assert '"99ba"' in regels[fouten[0]["regel"] - 1]
    assert '"123"' in regels[fouten[1]["regel"] - 1]
