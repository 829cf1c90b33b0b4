"""The SWV user's API: list, get, toekennen, titel/omschrijving, bijlagen, dossier and terugkoppeling."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import jwt
import pytest
import respx
from sqlalchemy import select

from oso_dev.demo.world import SWV_RIJNMOND
from oso_dev.testing import RESPX_AIOHTTP
from oso_shared.auth import Rol
from oso_shared.db import Database
from oso_shared.outbox import DEAD, DONE, PENDING
from swv_receiver.hulpvragen.models import Terugkoppeling
from swv_receiver.outbox.models import SOORT_TERUGKOPPELING, Outbox
from swv_receiver.scholen.models import AangemeldeSchool

OPHAAL_URL = "http://gateway.test/v1/ophalen"
TERUGKOPPEL_URL = "http://gateway.test/v1/terugkoppelingen"
# The gateway's receipt (oso_shared.contracts.notificatie.TerugkoppelingOut).
ONTVANGEN = {
    "terugkoppeling_id": "0b1e6f7e-3a57-4c0e-9d7a-2f4c8f0e1a11",
    "status": "toegekend",
    "ontvangen_op": "2026-12-01T12:00:00Z",
}
Token = Callable[..., dict[str, str]]
Verwerk = Callable[..., Awaitable[int]]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
async def hulpvraag_id(
    client: httpx.AsyncClient,
    melding: Callable[..., dict[str, Any]],
    verwerk: Verwerk,
    database: Database,
    dossier: Callable[..., bytes],
) -> str:
    async with database.transaction() as session:
        session.add(AangemeldeSchool(swv_code="VO2801", brin="99AA", vestigingscode=None, naam="De Brug"))
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        gateway.post(OPHAAL_URL).mock(return_value=httpx.Response(200, content=dossier()))
        await client.post("/v1/notificaties", json=melding())
        await verwerk()
    async with database.transaction() as session:
        rows = (await session.scalars(select(Outbox))).all()
    assert [r.status for r in rows] == [DONE]
    return str((await client.get("/v1/hulpvragen")).json()[0]["id"])


@pytest.fixture(autouse=True)
def _auth(client: httpx.AsyncClient, token: Token) -> None:
    # Every request of these tests is made by SWV Rijnmond's beheerder unless a test passes other headers.
    client.headers.update(token())


async def test_lijst_en_detail(client: httpx.AsyncClient, hulpvraag_id: str) -> None:
    lijst = await client.get("/v1/hulpvragen")
    assert lijst.status_code == 200
    assert lijst.headers["x-total-count"] == "1"
    [kort] = lijst.json()
    assert kort["titel"] == "Nog in te vullen…"
    assert kort["schoolnaam"] == "De Brug"
    detail = (await client.get(f"/v1/hulpvragen/{hulpvraag_id}")).json()
    assert detail["status"] == "nieuw"
    assert detail["bijlagen"] == detail["terugkoppelingen"] == []
    assert (await client.get("/v1/hulpvragen", params={"status": "toegekend"})).json() == []


async def test_ander_swv_ziet_niets(client: httpx.AsyncClient, hulpvraag_id: str, token: Token) -> None:
    utrecht = token(swv="VO2605")
    assert (await client.get("/v1/hulpvragen", headers=utrecht)).json() == []
    response = await client.get(f"/v1/hulpvragen/{hulpvraag_id}", headers=utrecht)
    assert response.status_code == 404
    assert response.json()["code"] == "HULPVRAAG_NIET_GEVONDEN"


async def test_toegang_geweigerd(client: httpx.AsyncClient, token: Token) -> None:
    client.headers.pop("authorization")
    assert (await client.get("/v1/hulpvragen")).json()["code"] == "TOKEN_ONTBREEKT"
    school = await client.get("/v1/hulpvragen", headers=token(Rol.ZORGCOORDINATOR, swv=None, school="99AA"))
    assert (school.status_code, school.json()["code"]) == (403, "ROL_NIET_TOEGESTAAN")
    vreemd = await client.get("/v1/hulpvragen", headers=token(swv="VO9999"))
    assert (vreemd.status_code, vreemd.json()["code"]) == (403, "SWV_NIET_BEDIEND")


async def test_toekennen_en_wijzigen(client: httpx.AsyncClient, hulpvraag_id: str) -> None:
    toegekend = await client.post(f"/v1/hulpvragen/{hulpvraag_id}/toekennen")
    assert toegekend.status_code == 200
    assert toegekend.json()["status"] == "toegekend"
    assert toegekend.json()["toegekend_door"] == "swv-beheerder:test"
    opnieuw = await client.post(f"/v1/hulpvragen/{hulpvraag_id}/toekennen")
    assert opnieuw.json()["toegekend_op"] == toegekend.json()["toegekend_op"]
    gewijzigd = await client.patch(
        f"/v1/hulpvragen/{hulpvraag_id}", json={"titel": "TLV praktijkonderwijs", "omschrijving": "Aanvraag TLV"}
    )
    assert gewijzigd.status_code == 200
    assert (gewijzigd.json()["titel"], gewijzigd.json()["omschrijving"]) == ("TLV praktijkonderwijs", "Aanvraag TLV")
    leeg = await client.patch(f"/v1/hulpvragen/{hulpvraag_id}", json={})
    assert leeg.status_code == 422
    onbekend = await client.post(f"/v1/hulpvragen/{uuid.uuid4()}/toekennen")
    assert onbekend.status_code == 404


async def test_bijlagen(client: httpx.AsyncClient, hulpvraag_id: str) -> None:
    url = f"/v1/hulpvragen/{hulpvraag_id}/bijlagen"
    nieuw = await client.post(url, files={"bestand": ("C:\\map\\verslag.png", PNG, "image/png")})
    assert nieuw.status_code == 201
    assert (nieuw.json()["bestandsnaam"], nieuw.json()["mediatype"]) == ("verslag.png", "image/png")
    tekst = await client.post(url, files={"bestand": ("notitie.txt", b"Gesprek gehad.", "text/plain")})
    assert tekst.json()["mediatype"] == "text/plain"
    download = await client.get(f"{url}/{nieuw.json()['id']}")
    assert download.content == PNG
    assert download.headers["content-type"] == "image/png"
    detail = (await client.get(f"/v1/hulpvragen/{hulpvraag_id}")).json()
    assert [b["bestandsnaam"] for b in detail["bijlagen"]] == ["verslag.png", "notitie.txt"]


async def test_bijlage_geweigerd(client: httpx.AsyncClient, hulpvraag_id: str) -> None:
    url = f"/v1/hulpvragen/{hulpvraag_id}/bijlagen"
    exe = await client.post(url, files={"bestand": ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")})
    assert (exe.status_code, exe.json()["code"]) == (415, "BIJLAGE_TYPE_NIET_TOEGESTAAN")
    groot = await client.post(url, files={"bestand": ("groot.png", PNG + b"\x00" * 5000, "image/png")})
    assert (groot.status_code, groot.json()["code"]) == (413, "BIJLAGE_TE_GROOT")
    leeg = await client.post(url, files={"bestand": ("leeg.txt", b"", "text/plain")})
    assert (leeg.status_code, leeg.json()["code"]) == (422, "BIJLAGE_LEEG")


async def test_dossier_download(client: httpx.AsyncClient, hulpvraag_id: str, dossier: Callable[..., bytes]) -> None:
    response = await client.get(f"/v1/hulpvragen/{hulpvraag_id}/dossier")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/xml"
    assert response.content == dossier()


async def test_terugkoppeling_eerst_toekennen(client: httpx.AsyncClient, hulpvraag_id: str) -> None:
    body = {"status": "in_behandeling", "bericht": "We kijken ernaar."}
    response = await client.post(f"/v1/hulpvragen/{hulpvraag_id}/terugkoppeling", json=body)
    assert (response.status_code, response.json()["code"]) == (409, "HULPVRAAG_NIET_TOEGEKEND")


async def test_terugkoppeling_gaat_via_outbox_naar_gateway(
    client: httpx.AsyncClient, hulpvraag_id: str, verwerk: Verwerk, database: Database
) -> None:
    await client.post(f"/v1/hulpvragen/{hulpvraag_id}/toekennen")
    body = {"status": "toegekend", "bericht": "TLV afgegeven.", "referentie": "TLV-2026-001"}
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        route = gateway.post(TERUGKOPPEL_URL).mock(
            side_effect=[httpx.Response(502), httpx.Response(201, json=ONTVANGEN)]
        )
        response = await client.post(f"/v1/hulpvragen/{hulpvraag_id}/terugkoppeling", json=body)
        assert response.status_code == 202
        assert response.json()["aflevering"] == "in_wachtrij"
        assert await verwerk() == 1
        async with database.transaction() as session:
            rij = (await session.scalars(select(Outbox).where(Outbox.kind == SOORT_TERUGKOPPELING))).one()
        assert (rij.status, rij.attempts) == (PENDING, 1)
        assert await verwerk() == 1
    assert route.call_count == 2
    keys = {call.request.headers["idempotency-key"] for call in route.calls}
    assert keys == {response.json()["id"]}
    verzoek = route.calls.last.request
    assert json.loads(verzoek.content) == {"koppelsleutel": "k" * 32, **body}
    token = verzoek.headers["authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, SWV_RIJNMOND.public_key_pem, algorithms=["EdDSA"], audience="oso-gateway")
    assert claims["sub"] == SWV_RIJNMOND.aanleverpunt_id
    detail = (await client.get(f"/v1/hulpvragen/{hulpvraag_id}")).json()
    assert detail["status"] == "teruggekoppeld"
    [terugkoppeling] = detail["terugkoppelingen"]
    assert terugkoppeling["aflevering"] == "verzonden"
    assert terugkoppeling["verzonden_op"] is not None


async def test_terugkoppeling_geweigerd_door_gateway(
    client: httpx.AsyncClient, hulpvraag_id: str, verwerk: Verwerk, database: Database
) -> None:
    await client.post(f"/v1/hulpvragen/{hulpvraag_id}/toekennen")
    with respx.mock(using=RESPX_AIOHTTP) as gateway:
        gateway.post(TERUGKOPPEL_URL).mock(
            return_value=httpx.Response(404, json={"code": "ONBEKENDE_KOPPELSLEUTEL", "detail": "onbekend"})
        )
        await client.post(f"/v1/hulpvragen/{hulpvraag_id}/terugkoppeling", json={"status": "x", "bericht": "y"})
        await verwerk()
    async with database.transaction() as session:
        terugkoppeling = (await session.scalars(select(Terugkoppeling))).one()
        rij = (await session.scalars(select(Outbox).where(Outbox.kind == SOORT_TERUGKOPPELING))).one()
    assert (terugkoppeling.aflevering, terugkoppeling.reden, rij.status) == (
        "geweigerd",
        "ONBEKENDE_KOPPELSLEUTEL",
        DEAD,
    )


def _zip_bom() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        zf.writestr("word/document.xml", b"\x00" * (2 << 20))  # 2 MB inflated from a 2 KB upload
    return buffer.getvalue()


async def test_bijlage_html_zipbom_en_bidi(client: httpx.AsyncClient, hulpvraag_id: str) -> None:
    url = f"/v1/hulpvragen/{hulpvraag_id}/bijlagen"
    html = await client.post(url, files={"bestand": ("notitie.txt", b"<html><script>x()</script>", "text/plain")})
    assert (html.status_code, html.json()["code"]) == (415, "BIJLAGE_TYPE_NIET_TOEGESTAAN")
    bom = await client.post(url, files={"bestand": ("plan.docx", _zip_bom(), "application/octet-stream")})
    assert (bom.status_code, bom.json()["code"]) == (415, "BIJLAGE_INHOUD_ONGELDIG")
    bidi = await client.post(url, files={"bestand": ("verslag\u202egnp.txt", b"Gesprek gehad.", "text/plain")})
    assert (bidi.status_code, bidi.json()["bestandsnaam"]) == (201, "verslaggnp.txt")
