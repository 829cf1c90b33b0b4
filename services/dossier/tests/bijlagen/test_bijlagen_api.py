"""Bijlagen: streamed upload, type check by content, per-file and per-dossier limits, sha256, ZIP+Base64 packing."""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from lxml import etree

from oso_dossier.settings import Settings

Auth = Callable[..., dict[str, str]]
NS = {"o": "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"}


@pytest.fixture
def settings() -> Settings:
    return Settings(
        log_json=False, max_body_bytes=10_000, bijlage_max_bytes=60_000, bijlagen_per_dossier_max_bytes=100_000
    )


def _zip(entries: list[tuple[str, bytes]], stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for index, (name, data) in enumerate(entries):
            kind = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            zf.writestr(name, data, compress_type=kind)
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"0" * 600
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 600
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 600
DOCX = _zip([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")])
XLSX = _zip([("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")])
ODT = _zip([("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<x/>")], stored_first=True)
TXT = "Verslag van het gesprek met ouders op 12 maart.\nAfspraken: één keer per week contact.\n".encode()
EXE = b"MZ\x90\x00" + b"\x00" * 600
ZIP = _zip([("a.txt", b"hallo")])
GIF = b"GIF89a" + b"\x00" * 600


def _headers(auth: Auth, naam: str, omschrijving: str | None = None) -> dict[str, str]:
    from urllib.parse import quote

    headers = {**auth(), "content-disposition": f"attachment; filename*=UTF-8''{quote(naam)}"}
    if omschrijving:
        headers["content-description"] = quote(omschrijving)
    return headers


@pytest.mark.parametrize(
    ("naam", "data", "soort"),
    [
        ("verslag.pdf", PDF, "pdf"),
        ("grafiek.png", PNG, "png"),
        ("foto.jpeg", JPG, "jpg"),
        ("plan.docx", DOCX, "docx"),
        ("cijfers.xlsx", XLSX, "xlsx"),
        ("notitie.odt", ODT, "odt"),
        ("gesprek ouders.txt", TXT, "txt"),
    ],
)
async def test_allowed_types_are_recognised_by_content(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], naam: str, data: bytes, soort: str
) -> None:
    did = (await maak_dossier())["id"]
    response = await client.post(
        f"/v1/dossiers/{did}/bijlagen", content=data, headers=_headers(auth, naam, "Één verslag")
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["soort"], body["grootte"], body["sha256"]) == (soort, len(data), hashlib.sha256(data).hexdigest())
    assert body["bestandsnaam"] == naam
    assert body["omschrijving"] == "Één verslag"


@pytest.mark.parametrize(
    ("naam", "data", "code"),
    [
        ("programma.pdf", EXE, "BIJLAGE_TYPE_NIET_TOEGESTAAN"),
        ("archief.zip", ZIP, "BIJLAGE_TYPE_NIET_TOEGESTAAN"),
        ("plaatje.gif", GIF, "BIJLAGE_TYPE_NIET_TOEGESTAAN"),
        ("verslag.docx", PDF, "BIJLAGE_TYPE_KLOPT_NIET"),
        ("binair.txt", b"tekst\x00\x01\x02" * 100, "BIJLAGE_TYPE_NIET_TOEGESTAAN"),
    ],
)
async def test_disallowed_or_mismatched_content_is_415(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], naam: str, data: bytes, code: str
) -> None:
    did = (await maak_dossier())["id"]
    response = await client.post(f"/v1/dossiers/{did}/bijlagen", content=data, headers=_headers(auth, naam))
    assert response.status_code == 415
    assert response.json()["code"] == code
    assert (await client.get(f"/v1/dossiers/{did}/bijlagen", headers=auth())).json() == []


async def test_missing_name_and_empty_file_are_400(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    did = (await maak_dossier())["id"]
    response = await client.post(f"/v1/dossiers/{did}/bijlagen", content=PDF, headers=auth())
    assert (response.status_code, response.json()["code"]) == (400, "BESTANDSNAAM_ONGELDIG")
    response = await client.post(f"/v1/dossiers/{did}/bijlagen", content=b"", headers=_headers(auth, "leeg.txt"))
    assert (response.status_code, response.json()["code"]) == (422, "BIJLAGE_LEEG")


async def test_path_in_name_is_stripped(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    did = (await maak_dossier())["id"]
    headers = {**auth(), "content-disposition": 'attachment; filename="../../etc/verslag.pdf"'}
    response = await client.post(f"/v1/dossiers/{did}/bijlagen", content=PDF, headers=headers)
    assert response.json()["bestandsnaam"] == "verslag.pdf"


async def _chunks(total: int, size: int = 8192) -> AsyncIterator[bytes]:
    yield TXT
    sent = len(TXT)
    while sent < total:
        part = b"a" * min(size, total - sent)
        sent += len(part)
        yield part


async def test_per_file_limit_also_when_streamed_without_length(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    did = (await maak_dossier())["id"]
    response = await client.post(
        f"/v1/dossiers/{did}/bijlagen", content=_chunks(70_000), headers=_headers(auth, "b.txt")
    )
    assert (response.status_code, response.json()["code"]) == (413, "BIJLAGE_TE_GROOT")
    response = await client.post(f"/v1/dossiers/{did}/bijlagen", content=b"a" * 70_000, headers=_headers(auth, "c.txt"))
    assert (response.status_code, response.json()["code"]) == (413, "BIJLAGE_TE_GROOT")
    # Larger than the app body limit (10 000) but within the bijlage limit: the upload path is exempt.
    response = await client.post(
        f"/v1/dossiers/{did}/bijlagen", content=_chunks(50_000), headers=_headers(auth, "a.txt")
    )
    assert response.status_code == 201, response.text


async def test_per_dossier_limit(client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]) -> None:
    did = (await maak_dossier())["id"]
    for naam in ("a.txt", "b.txt"):
        response = await client.post(
            f"/v1/dossiers/{did}/bijlagen", content=_chunks(45_000), headers=_headers(auth, naam)
        )
        assert response.status_code == 201
    response = await client.post(
        f"/v1/dossiers/{did}/bijlagen", content=_chunks(20_000), headers=_headers(auth, "c.txt")
    )
    assert (response.status_code, response.json()["code"]) == (413, "BIJLAGEN_DOSSIER_TE_GROOT")
    assert response.json()["nog_beschikbaar"] == 10_000
    assert len((await client.get(f"/v1/dossiers/{did}/bijlagen", headers=auth())).json()) == 2


async def test_other_json_routes_keep_the_app_body_limit(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    did = (await maak_dossier())["id"]
    big = {"opties": {"contactpersoon": "x" * 20_000}}
    response = await client.patch(f"/v1/dossiers/{did}", json=big, headers=auth())
    assert (response.status_code, response.json()["code"]) == (413, "TE_GROOT")


async def test_remove_and_packing_as_base64_zip(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    did = (await maak_dossier())["id"]
    eerste = (
        await client.post(f"/v1/dossiers/{did}/bijlagen", content=PDF, headers=_headers(auth, "v.pdf", "Verslag"))
    ).json()
    tweede = (await client.post(f"/v1/dossiers/{did}/bijlagen", content=TXT, headers=_headers(auth, "g.txt"))).json()
    assert (await client.delete(f"/v1/dossiers/{did}/bijlagen/{tweede['id']}", headers=auth())).status_code == 204
    assert (await client.delete(f"/v1/dossiers/{did}/bijlagen/{tweede['id']}", headers=auth())).status_code == 404
    await client.post(f"/v1/dossiers/{did}/genereren", headers=auth())
    xml = (await client.get(f"/v1/dossiers/{did}/xml", headers=auth())).content
    docs = etree.fromstring(xml).findall(".//o:overigdocumentlijst/o:document", NS)
    assert len(docs) == 1
    assert docs[0].findtext("o:bestandsnaam", namespaces=NS) == "v.pdf"
    assert docs[0].findtext("o:omschrijving", namespaces=NS) == "Verslag"
    packed = base64.b64decode(docs[0].findtext("o:bestandsinhoud", namespaces=NS) or "")
    with zipfile.ZipFile(io.BytesIO(packed)) as zf:
        assert zf.namelist() == ["v.pdf"]
        assert hashlib.sha256(zf.read("v.pdf")).hexdigest() == eerste["sha256"]
    # Opting out of bijlagedocs leaves the documents out.
    await client.patch(f"/v1/dossiers/{did}", json={"categorieen": {"cat_bijlagedocs": False}}, headers=auth())
    await client.post(f"/v1/dossiers/{did}/genereren", headers=auth())
    xml = (await client.get(f"/v1/dossiers/{did}/xml", headers=auth())).content
    assert b"overigdocumentlijst" not in xml
    assert b"<cat_bijlagedocs>OPT-UIT</cat_bijlagedocs>" in xml


async def test_download_streams_the_original_bytes(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    did = (await maak_dossier())["id"]
    data = PDF + bytes(range(256)) * 200
    bijlage = (
        await client.post(f"/v1/dossiers/{did}/bijlagen", content=data, headers=_headers(auth, "scan één.pdf"))
    ).json()
    response = await client.get(f"/v1/dossiers/{did}/bijlagen/{bijlage['id']}/inhoud", headers=auth())
    assert response.status_code == 200
    assert response.content == data
    assert response.headers["content-type"] == "application/pdf"
    assert "filename*=UTF-8''scan%20%C3%A9%C3%A9n.pdf" in response.headers["content-disposition"]
    ander = auth(school="99AB", sub="zc:99AB")
    response = await client.get(f"/v1/dossiers/{did}/bijlagen/{bijlage['id']}/inhoud", headers=ander)
    assert response.status_code == 404
