"""Both official examples pass with zero findings, with and without the official XSD, sync and async."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from oso_dossier.validation import validate, validate_async
from oso_dossier.validation.schema import find_schema_dir


@pytest.mark.parametrize("name", ["Voorbeelddossier_PaO_VOSWV_full.xml", "Voorbeelddossier_PaO_VOSWV_opt_out.xml"])
def test_official_examples_have_no_findings(name: str, schema_dir: Path) -> None:
    xml = (schema_dir / name).read_bytes()
    with_xsd = validate(xml, schema_dir=schema_dir)
    assert with_xsd.xsd_toegepast
    assert with_xsd.valid
    assert with_xsd.findings == []
    without_xsd = validate(xml, schema_dir=None)
    assert not without_xsd.xsd_toegepast
    assert without_xsd.findings == []


def test_missing_schema_folder_means_xsd_not_applied(full_xml: bytes, tmp_path: Path) -> None:
    report = validate(full_xml, schema_dir=tmp_path)
    assert not report.xsd_toegepast
    assert report.valid


def test_schema_folder_is_found_next_to_the_repo(schema_dir: Path) -> None:
    assert find_schema_dir(Path(__file__).resolve().parent) == schema_dir


async def test_validate_async_runs_concurrently_off_the_loop(full_xml: bytes) -> None:
    reports = await asyncio.gather(*(validate_async(full_xml) for _ in range(4)))
    assert all(r.valid and r.xsd_toegepast for r in reports)


def test_report_json_line(full_xml: bytes, schema_dir: Path) -> None:
    report = validate(full_xml.replace(b"<overstap>VOSWV</overstap>", b""), schema_dir=schema_dir)
    line = report.to_json("x.xml")
    assert "\n" not in line
    assert line.startswith('{"file": "x.xml", "valid": false, "findings": [{"rule": "PaO.SO01"')


@pytest.mark.parametrize("mode", ["verwijder", "tekst", "dubbel"])
def test_every_single_element_edit_gives_a_well_formed_report(mode: str, opt_out_xml: bytes, schema_dir: Path) -> None:
    """Robustness: delete, overwrite or duplicate each element in turn; the validator never raises."""
    import copy

    from lxml import etree

    count = sum(1 for _ in etree.fromstring(opt_out_xml).iter())
    for index in range(count):
        root = etree.fromstring(opt_out_xml)
        el = list(root.iter())[index]
        parent = el.getparent()
        if not isinstance(el.tag, str) or (parent is None and mode != "tekst"):
            continue
        if mode == "verwijder":
            assert parent is not None
            parent.remove(el)
        elif mode == "tekst":
            el.text = "x"
        else:
            assert parent is not None
            parent.append(copy.deepcopy(el))
        report = validate(etree.tostring(root), schema_dir=schema_dir)
        assert report.valid == (not report.errors)
        for finding in report.findings:
            assert finding.rule
            assert finding.message
            assert finding.hint
            assert finding.path.startswith("/")
