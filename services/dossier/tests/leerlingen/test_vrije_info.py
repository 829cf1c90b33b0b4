"""Vrije info: the school's free text on a pupil, kept at the school and never in a dossier's XML or PDF."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from typing import Any

import httpx
from pypdf import PdfReader
from sqlalchemy import select

from oso_dossier.audit.models import AuditRegel
from oso_shared.auth import Rol
from oso_shared.db import Database

Auth = Callable[..., dict[str, str]]
TEKST = "Broertje zit in groep 6.\nGesprek met moeder gepland (geheimwoord-7319)."
MERKTEKEN = "geheimwoord-7319"


async def test_read_replace_and_clear(client: httpx.AsyncClient, auth: Auth, maak_leerling: Callable[..., Any]) -> None:
    lid = await maak_leerling(0)
    voor = (await client.get(f"/v1/leerlingen/{lid}", headers=auth())).json()
    assert voor["vrije_info"] is None
    response = await client.put(f"/v1/leerlingen/{lid}/vrije-info", json={"vrije_info": f"  {TEKST}  "}, headers=auth())
    assert response.status_code == 200, response.text
    assert response.json() == {"vrije_info": TEKST}
    na = (await client.get(f"/v1/leerlingen/{lid}", headers=auth())).json()
    assert na["vrije_info"] == TEKST
    assert na["gewijzigd_op"] == voor["gewijzigd_op"]  # no dossier data changed

    # Replacing the dossier data (the other tabs, a Magister import) leaves the vrije info alone.
    body = {"vestigingscode": na["vestigingscode"], "leerlingnummer": na["leerlingnummer"], "gegevens": na["gegevens"]}
    assert (await client.put(f"/v1/leerlingen/{lid}", json=body, headers=auth())).status_code == 200
    assert (await client.get(f"/v1/leerlingen/{lid}", headers=auth())).json()["vrije_info"] == TEKST

    assert (await client.put(f"/v1/leerlingen/{lid}/vrije-info", json={}, headers=auth())).json() == {
        "vrije_info": None
    }
    assert (await client.get(f"/v1/leerlingen/{lid}", headers=auth())).json()["vrije_info"] is None


async def test_too_long_empty_other_school_and_role_are_refused(
    client: httpx.AsyncClient, auth: Auth, maak_leerling: Callable[..., Any]
) -> None:
    lid = await maak_leerling(0)
    url = f"/v1/leerlingen/{lid}/vrije-info"
    te_lang = await client.put(url, json={"vrije_info": "x" * 4001}, headers=auth())
    assert te_lang.status_code == 422
    assert [f["veld"] for f in te_lang.json()["fouten"]] == ["vrije_info"]
    assert (await client.put(url, json={"vrije_info": "x" * 4000}, headers=auth())).status_code == 200
    assert (await client.put(url, json={"vrije_info": "   "}, headers=auth())).status_code == 422
    assert (await client.put(url, json={"tekst": "x"}, headers=auth())).status_code == 422
    andere = await client.put(url, json={"vrije_info": "x"}, headers=auth(school="99BB"))
    assert andere.status_code == 404
    beheerder = await client.put(url, json={"vrije_info": "x"}, headers=auth(rol=Rol.SCHOOLBEHEERDER))
    assert beheerder.status_code == 403


async def test_never_in_the_dossier_and_audited_without_its_text(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], database: Database
) -> None:
    dossier = await maak_dossier(0)
    did, lid = dossier["id"], dossier["leerling_id"]
    assert (await client.post(f"/v1/dossiers/{did}/voltooien", headers=auth())).status_code == 200
    response = await client.put(f"/v1/leerlingen/{lid}/vrije-info", json={"vrije_info": TEKST}, headers=auth())
    assert response.status_code == 200
    voltooid = (await client.get(f"/v1/dossiers/{did}", headers=auth())).json()
    assert voltooid["actueel"] is True  # the generated dossier does not notice: vrije info is no part of it
    assert MERKTEKEN not in repr(voltooid)
    xml = (await client.get(f"/v1/dossiers/{did}/xml", headers=auth())).content
    assert b"<achternaam>" in xml
    assert MERKTEKEN.encode() not in xml
    assert b"Broertje" not in xml
    pdf = PdfReader(io.BytesIO((await client.get(f"/v1/dossiers/{did}/pdf", headers=auth())).content))
    tekst = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Overdrachtsdossier VO-SWV" in tekst
    assert MERKTEKEN not in tekst
    async with database.transaction() as session:
        regels = (await session.scalars(select(AuditRegel).where(AuditRegel.leerling_id == uuid.UUID(lid)))).all()
    assert "leerling_vrije_info_gewijzigd" in [r.actie for r in regels]
    assert MERKTEKEN not in repr([(r.actie, r.details) for r in regels])
