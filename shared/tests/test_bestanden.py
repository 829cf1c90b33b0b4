"""ZIP containers: structure, declared and actual inflated size; HTML sniffing; file-name characters."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from oso_shared.bestanden import BestandOngeldig, ZipGrenzen, bevat_html, controleer_zip, schone_naamtekens

OOXML = [("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")]


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return buffer.getvalue()


def _forge_sizes(data: bytes, name: bytes, size: int) -> bytes:
    """Rewrite the uncompressed size of ``name`` in both its local header and the central directory."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if out[name_at : name_at + len(name)] == name:
                out[start + offset : start + offset + 4] = struct.pack("<I", size)
            start += 4
    return bytes(out)


def test_sound_container_passes() -> None:
    controleer_zip(io.BytesIO(_zip(OOXML)), "docx", ZipGrenzen(max_uitgepakt=10_000))


def test_declared_total_over_the_bound_is_refused() -> None:
    data = _zip([*OOXML, ("word/media/a.bin", b"\x00" * 50_000)])
    with pytest.raises(BestandOngeldig, match="groter dan"):
        controleer_zip(io.BytesIO(data), "docx", ZipGrenzen(max_uitgepakt=20_000))


def test_ratio_of_a_big_member_is_refused() -> None:
    data = _zip([*OOXML, ("word/media/a.bin", b"\x00" * (4 << 20))])
    with pytest.raises(BestandOngeldig, match="zip-bom"):
        controleer_zip(io.BytesIO(data), "docx", ZipGrenzen(max_uitgepakt=100 << 20))


def test_forged_directory_is_caught_while_inflating() -> None:
    data = _forge_sizes(_zip([*OOXML, ("word/x.bin", b"\x00" * 100_000)]), b"word/x.bin", 10)
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("word/x.bin").file_size == 10
    with pytest.raises(BestandOngeldig):
        controleer_zip(io.BytesIO(data), "docx", ZipGrenzen(max_uitgepakt=50_000))


@pytest.mark.parametrize(
    ("entries", "soort"),
    [
        ([("word/document.xml", b"<x/>")], "docx"),
        ([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<x/>")], "xlsx"),
        ([("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")], "odt"),
        ([("content.xml", b"<x/>")], "odt"),
    ],
)
def test_wrong_structure_is_refused(entries: list[tuple[str, bytes]], soort: str) -> None:
    with pytest.raises(BestandOngeldig, match="geen geldig"):
        controleer_zip(io.BytesIO(_zip(entries)), soort, ZipGrenzen(max_uitgepakt=10_000))


def test_not_a_zip_is_refused() -> None:
    with pytest.raises(BestandOngeldig, match="geen geldig ZIP"):
        controleer_zip(io.BytesIO(b"PK\x03\x04 not really"), "docx", ZipGrenzen(max_uitgepakt=10_000))


def test_html_markers_and_plain_text() -> None:
    assert bevat_html(b"<HTML>")
    assert bevat_html(b"x <script src=a>")
    assert bevat_html(b"<!doctype html>")
    assert bevat_html(b"<svg onload=x>")
    assert not bevat_html("Afspraak: 3 < 4 en 5 > 2; één keer per week.\n".encode())


def test_name_characters() -> None:
    assert schone_naamtekens("rapport\u202efdp.exe") == "rapportfdp.exe"
    assert schone_naamtekens("a\u2066b\u2069c\u200f\x00\x1f\x7f\x9f.txt") == "abc.txt"
    assert schone_naamtekens("Zoë verslag.pdf") == "Zoë verslag.pdf"
