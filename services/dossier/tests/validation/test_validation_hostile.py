"""Hostile input: every attack gives a clear ``XML`` finding, reads no file and opens no connection."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from oso_dossier.validation import ValidationReport, validate
from oso_dossier.validation.parsing import Limits

OD = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode() for i in range(1, 10)
    )
    + f'<dossier xmlns="{OD}">&lol9;</dossier>'.encode()
)
QUADRATIC = (
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "'
    + b"A" * 100_000
    + b'">]>'
    + f'<dossier xmlns="{OD}">'.encode()
    + b"&a;" * 10_000
    + b"</dossier>"
)


def _only_xml_finding(report: ValidationReport) -> str:
    assert not report.valid
    assert [f.rule for f in report.findings] == ["XML"], report.findings
    finding = report.findings[0]
    assert finding.severity == "fout"
    assert finding.message
    assert finding.hint
    return finding.message


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("validation tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_billion_laughs(schema_dir: Path) -> None:
    assert "DOCTYPE" in _only_xml_finding(validate(BILLION_LAUGHS, schema_dir=schema_dir))


def test_quadratic_blowup(schema_dir: Path) -> None:
    assert "DOCTYPE" in _only_xml_finding(validate(QUADRATIC, schema_dir=schema_dir))


def test_external_entity_to_a_local_file_is_never_read(tmp_path: Path, schema_dir: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIME-INHOUD")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]><dossier xmlns="{OD}">&x;</dossier>'
    ).encode()
    report = validate(xml, schema_dir=schema_dir)
    _only_xml_finding(report)
    assert "GEHEIME-INHOUD" not in report.to_json()


def test_external_dtd_is_never_fetched(schema_dir: Path) -> None:
    xml = f'<?xml version="1.0"?><!DOCTYPE dossier SYSTEM "http://127.0.0.1:9/oso.dtd"><dossier xmlns="{OD}"/>'
    _only_xml_finding(validate(xml.encode(), schema_dir=schema_dir))


def test_doctype_hidden_behind_a_long_comment_is_still_refused(schema_dir: Path) -> None:
    xml = b"<!--" + b"x" * 200_000 + b'--><!DOCTYPE d SYSTEM "file:///etc/passwd"><dossier/>'
    _only_xml_finding(validate(xml, schema_dir=schema_dir))


def test_utf16_cannot_smuggle_a_doctype(schema_dir: Path) -> None:
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d SYSTEM "file:///etc/passwd"><dossier/>'.encode("utf-16")
    _only_xml_finding(validate(xml, schema_dir=schema_dir))


def test_xinclude_is_never_processed(tmp_path: Path, schema_dir: Path) -> None:
    secret = tmp_path / "geheim.xml"
    secret.write_text("<x>GEHEIME-INHOUD</x>")
    xml = (
        f'<dossier xmlns="{OD}" xmlns:xi="http://www.w3.org/2001/XInclude">'
        f'<xi:include href="file://{secret}" parse="text"/></dossier>'
    ).encode()
    report = validate(xml, schema_dir=schema_dir)
    assert "XInclude" in _only_xml_finding(report)
    assert "GEHEIME-INHOUD" not in report.to_json()


def test_fifty_megabytes_of_nested_elements(schema_dir: Path) -> None:
    depth = 50 * 1024 * 1024 // 7
    xml = b"<a>" * depth + b"</a>" * depth
    assert len(xml) > 50_000_000
    _only_xml_finding(validate(xml, schema_dir=schema_dir))


def test_nesting_within_the_size_cap_is_bounded_by_depth(schema_dir: Path) -> None:
    xml = f'<dossier xmlns="{OD}">'.encode() + b"<a>" * 100 + b"</a>" * 100 + b"</dossier>"
    assert "genest" in _only_xml_finding(validate(xml, schema_dir=schema_dir))


def test_body_over_the_size_cap(schema_dir: Path) -> None:
    message = _only_xml_finding(
        validate(b"<a>" + b"x" * 2048 + b"</a>", schema_dir=schema_dir, limits=Limits(max_bytes=1024))
    )
    assert "groter" in message


def test_overlong_text_node_outside_bestandsinhoud(schema_dir: Path) -> None:
    limits = Limits(max_text_chars=1000)
    long_name = f'<dossier xmlns="{OD}"><metadata><pakketnaam>{"x" * 5000}</pakketnaam></metadata></dossier>'
    _only_xml_finding(validate(long_name.encode(), schema_dir=schema_dir, limits=limits))


def test_large_base64_attachment_is_accepted(full_xml: bytes, schema_dir: Path) -> None:
    big = b"QUJD" * (3 * 1024 * 1024)  # 12 MB base64 in one text node: past libxml2's default 10 MB text limit
    start = full_xml.index(b"<bestandsinhoud>") + len(b"<bestandsinhoud>")
    end = full_xml.index(b"</bestandsinhoud>", start)
    report = validate(full_xml[:start] + big + full_xml[end:], schema_dir=schema_dir)
    assert report.valid, report.findings[:3]


def test_invalid_utf8(schema_dir: Path) -> None:
    xml = f'<?xml version="1.0" encoding="UTF-8"?><dossier xmlns="{OD}">'.encode() + b"\xff\xfe\xc3(" + b"</dossier>"
    _only_xml_finding(validate(xml, schema_dir=schema_dir))


@pytest.mark.parametrize("body", [b"", b"   ", b"%PDF-1.4 binary", b'{"dossier": 1}', b"<dossier>", b"<a></b>"])
def test_non_xml_body(body: bytes, schema_dir: Path) -> None:
    _only_xml_finding(validate(body, schema_dir=schema_dir))


def test_millions_of_tiny_elements_are_refused_before_parsing(schema_dir: Path) -> None:
    xml = f'<dossier xmlns="{OD}">'.encode() + b"<a/>" * 3_000_000 + b"</dossier>"
    assert "elementen" in _only_xml_finding(validate(xml, schema_dir=schema_dir))


@pytest.mark.parametrize("encoding", ["UTF-7", "IBM037", "UTF-16LE", "x-onbekend"])
def test_non_ascii_compatible_encodings_are_refused(encoding: str, schema_dir: Path) -> None:
    xml = f'<?xml version="1.0" encoding="{encoding}"?><dossier xmlns="{OD}"/>'.encode("ascii")
    assert "UTF-8" in _only_xml_finding(validate(xml, schema_dir=schema_dir))


@pytest.mark.parametrize("encoding", ["ISO-8859-1", "ISO-8859-15", "windows-1252"])
def test_ascii_compatible_encodings_are_read(encoding: str, full_xml: bytes, schema_dir: Path) -> None:
    xml = full_xml.replace(b'encoding="UTF-8"', f'encoding="{encoding}"'.encode(), 1)
    assert validate(xml, schema_dir=schema_dir).findings == []
