"""School admin pages: aanleverpunt per location, OSO-SWV registration, zorgcoördinator accounts and rights."""

from __future__ import annotations

import json
import re

import httpx
import respx

from oso_portal.accounts import service as accounts
from oso_portal.accounts.service import RECHT_OVERDRACHTSDOSSIER
from oso_shared.auth import Rol
from oso_shared.db import Database

from ..conftest import REGISTRY, WACHTWOORD, Aanmelden

SCHOOL = {
    "brin": "99AA",
    "naam": "De Brug",
    "oso_swv_geregistreerd": False,
    "oso_swv_geregistreerd_op": None,
    "vestigingen": [
        {"vestigingscode": "00", "naam": "Hoofdlocatie", "aanleverpuntnummer": 0, "aanleverpunt_ingesteld": True},
        {"vestigingscode": "01", "naam": "Noord", "aanleverpuntnummer": 0, "aanleverpunt_ingesteld": False},
    ],
}


async def test_aanleverpunt_en_registratie(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    backends.get(f"{REGISTRY}/v1/scholen/99AA").respond(json=SCHOOL)
    zet = backends.put(f"{REGISTRY}/v1/scholen/99AA/vestigingen/01/aanleverpunt").respond(json={})
    registreer = backends.put(f"{REGISTRY}/v1/scholen/99AA/oso-swv-registratie").respond(json=SCHOOL)
    csrf = await aanmelden(Rol.SCHOOLBEHEERDER, school="99AA")
    pagina = await client.get("/school")
    assert "Niet geregistreerd" in pagina.text
    assert 'for="ap-01"' in pagina.text
    response = await client.post(
        "/school/vestigingen/01/aanleverpunt", data={"csrf_token": csrf, "aanleverpuntnummer": "0"}
    )
    assert response.status_code == 303
    assert json.loads(zet.calls.last.request.content) == {"aanleverpuntnummer": 0}
    fout = await client.post(
        "/school/vestigingen/01/aanleverpunt", data={"csrf_token": csrf, "aanleverpuntnummer": "x"}
    )
    assert fout.status_code == 422
    assert zet.call_count == 1
    response = await client.post("/school/oso-swv-registratie", data={"csrf_token": csrf})
    assert response.status_code == 303
    assert registreer.called


async def test_zorgcoordinator_aanmaken_recht_geven_en_aanmelden(
    client: httpx.AsyncClient, aanmelden: Aanmelden, database: Database
) -> None:
    csrf = await aanmelden(Rol.SCHOOLBEHEERDER, school="99AA")
    kort = await client.post(
        "/school/zorgcoordinatoren",
        data={"csrf_token": csrf, "gebruikersnaam": "nieuwe.zorg", "naam": "N. Zorg", "wachtwoord": "kort"},
    )
    assert kort.status_code == 422
    assert "minstens 12 tekens" in kort.text
    response = await client.post(
        "/school/zorgcoordinatoren",
        data={"csrf_token": csrf, "gebruikersnaam": "nieuwe.zorg", "naam": "N. Zorg", "wachtwoord": WACHTWOORD},
    )
    assert response.status_code == 303
    dubbel = await client.post(
        "/school/zorgcoordinatoren",
        data={"csrf_token": csrf, "gebruikersnaam": "Nieuwe.Zorg", "naam": "X", "wachtwoord": WACHTWOORD},
    )
    assert "Deze gebruikersnaam bestaat al" in dubbel.text

    async with database.transaction() as session:
        [zorg] = await accounts.zorgcoordinatoren(session, "99AA")
    assert zorg.rechten == []
    assert zorg.wachtwoord_hash.startswith("$argon2id$")
    response = await client.post(
        f"/school/zorgcoordinatoren/{zorg.id}/rechten", data={"csrf_token": csrf, "overdrachtsdossier": "aan"}
    )
    assert response.status_code == 303
    async with database.transaction() as session:
        [zorg] = await accounts.zorgcoordinatoren(session, "99AA")
    assert zorg.rechten == [RECHT_OVERDRACHTSDOSSIER]
    lijst = await client.get("/school/zorgcoordinatoren")
    assert re.search(r"Recht intrekken<span class=\"visueel-verborgen\"> aan N. Zorg", lijst.text)


async def test_ander_school_account_wordt_niet_gewijzigd(
    client: httpx.AsyncClient, aanmelden: Aanmelden, database: Database
) -> None:
    async with database.transaction() as session:
        ander = await accounts.maak_zorgcoordinator(session, "99BA", "zorg.ba", "Z. BA", WACHTWOORD, False)
    csrf = await aanmelden(Rol.SCHOOLBEHEERDER, school="99AA")
    response = await client.post(
        f"/school/zorgcoordinatoren/{ander.id}/rechten",
        data={"csrf_token": csrf, "overdrachtsdossier": "aan"},
        follow_redirects=True,
    )
    assert "Dit account hoort niet bij jouw school." in response.text
    async with database.transaction() as session:
        [zelfde] = await accounts.zorgcoordinatoren(session, "99BA")
    assert zelfde.rechten == []
    lijst = await client.get("/school/zorgcoordinatoren")
    assert "Z. BA" not in lijst.text
