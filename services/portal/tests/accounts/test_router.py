"""Sign-in, sessions, CSRF, sign-out and the pause after repeated failures."""

from __future__ import annotations

import httpx

from oso_portal.accounts import service as accounts
from oso_portal.web import SESSIE_COOKIE
from oso_shared.auth import Rol
from oso_shared.db import Database

from ..conftest import WACHTWOORD, Aanmelden, csrf_uit


async def _maak(database: Database, naam: str = "piet") -> None:
    async with database.transaction() as session:
        await accounts.maak_gebruiker(
            session, gebruikersnaam=naam, naam="Piet", wachtwoord=WACHTWOORD, rol=Rol.SCHOOLBEHEERDER, school="99AA"
        )


async def test_pagina_vraagt_aanmelding(client: httpx.AsyncClient) -> None:
    response = await client.get("/school")
    assert response.status_code == 303
    assert response.headers["location"] == "/aanmelden?volgende=/school"


async def test_aanmeldpagina_is_nederlands_en_heeft_labels(client: httpx.AsyncClient) -> None:
    response = await client.get("/aanmelden")
    assert response.status_code == 200
    assert '<html lang="nl"' in response.text
    assert '<label class="utrecht-form-label" for="gebruikersnaam">Gebruikersnaam</label>' in response.text
    assert 'for="wachtwoord"' in response.text


async def test_aanmelden_zet_veilig_cookie_en_afmelden_beeindigt_sessie(
    client: httpx.AsyncClient, database: Database
) -> None:
    await _maak(database)
    form = await client.get("/aanmelden")
    response = await client.post(
        "/aanmelden", data={"gebruikersnaam": "Piet", "wachtwoord": WACHTWOORD, "csrf_token": csrf_uit(form.text)}
    )
    assert response.status_code == 303
    cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith(SESSIE_COOKIE))
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    token = client.cookies[SESSIE_COOKIE]

    start = await client.get("/", follow_redirects=False)
    assert start.headers["location"] == "/school"

    afmelden = await client.post("/afmelden", data={"csrf_token": "fout"})
    assert afmelden.status_code == 403
    assert "Formulier verlopen" in afmelden.text

    page = await client.get("/aanmelden?afgemeld=1")
    del page
    school = await client.get("/")
    assert school.status_code == 303
    csrf = csrf_uit((await client.get("/school/zorgcoordinatoren")).text)
    afmelden = await client.post("/afmelden", data={"csrf_token": csrf})
    assert afmelden.status_code == 303
    assert afmelden.headers["location"] == "/aanmelden?afgemeld=1"

    # The old token no longer opens a session, even when replayed.
    client.cookies.set(SESSIE_COOKIE, token)
    again = await client.get("/school")
    assert again.status_code == 303
    assert again.headers["location"].startswith("/aanmelden")


async def test_verkeerd_wachtwoord_en_onbekende_gebruiker_geven_zelfde_melding(
    client: httpx.AsyncClient, database: Database
) -> None:
    await _maak(database)
    teksten = []
    for naam, wachtwoord in (("piet", "fout"), ("onbekend", WACHTWOORD)):
        form = await client.get("/aanmelden")
        response = await client.post(
            "/aanmelden", data={"gebruikersnaam": naam, "wachtwoord": wachtwoord, "csrf_token": csrf_uit(form.text)}
        )
        assert response.status_code == 401
        teksten.append(response.text.split('id="aanmeldfout"')[1].split("</div>")[0])
    assert teksten[0] == teksten[1]
    assert SESSIE_COOKIE not in client.cookies


async def test_aanmelden_zonder_csrf_wordt_geweigerd(client: httpx.AsyncClient, database: Database) -> None:
    await _maak(database)
    response = await client.post(
        "/aanmelden", data={"gebruikersnaam": "piet", "wachtwoord": WACHTWOORD, "csrf_token": "x"}
    )
    assert response.status_code == 403
    assert SESSIE_COOKIE not in client.cookies


async def test_account_pauzeert_na_te_veel_pogingen(client: httpx.AsyncClient, database: Database) -> None:
    await _maak(database)
    for _ in range(5):
        form = await client.get("/aanmelden")
        await client.post(
            "/aanmelden", data={"gebruikersnaam": "piet", "wachtwoord": "fout", "csrf_token": csrf_uit(form.text)}
        )
    form = await client.get("/aanmelden")
    response = await client.post(
        "/aanmelden", data={"gebruikersnaam": "piet", "wachtwoord": WACHTWOORD, "csrf_token": csrf_uit(form.text)}
    )
    assert response.status_code == 401


async def test_open_redirect_na_aanmelden_wordt_genegeerd(client: httpx.AsyncClient, database: Database) -> None:
    await _maak(database)
    form = await client.get("/aanmelden?volgende=//evil.example/")
    response = await client.post(
        "/aanmelden",
        data={
            "gebruikersnaam": "piet",
            "wachtwoord": WACHTWOORD,
            "csrf_token": csrf_uit(form.text),
            "volgende": "//evil.example/",
        },
    )
    assert response.headers["location"] == "/"


async def test_rol_zonder_toegang_krijgt_403(client: httpx.AsyncClient, aanmelden: Aanmelden) -> None:
    await aanmelden(Rol.SCHOOLBEHEERDER)
    response = await client.get("/bestuur")
    assert response.status_code == 403
    assert "Geen toegang" in response.text


async def test_ongeldige_link_geeft_html_pagina(client: httpx.AsyncClient, aanmelden: Aanmelden) -> None:
    await aanmelden()
    response = await client.get("/dossiers/geen-uuid/gegevens")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "Pagina of formulier klopt niet" in response.text
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
