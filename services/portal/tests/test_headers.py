"""Security headers on every answer, Secure cookies and HSTS by default, and the session's absolute lifetime."""

from __future__ import annotations

import datetime as dt

import httpx
from sqlalchemy import update

from oso_portal.accounts import service as accounts
from oso_portal.accounts.models import Sessie
from oso_portal.main import create_app
from oso_portal.settings import Settings
from oso_portal.web import SESSIE_COOKIE
from oso_shared.auth import Rol
from oso_shared.db import Database

from .conftest import WACHTWOORD, Aanmelden, csrf_uit


def _veilige_koppen(response: httpx.Response) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    # No inline script or style may run: htmx and the NL Design System CSS are served from /static.
    assert "'unsafe-inline'" not in csp
    assert "script-src 'self'" in csp


async def test_elke_pagina_heeft_beveiligingskoppen_en_geen_cache(
    client: httpx.AsyncClient, aanmelden: Aanmelden
) -> None:
    for url in ("/aanmelden", "/school", "/niet-bestaand"):
        response = await client.get(url)
        _veilige_koppen(response)
        assert response.headers["cache-control"] == "no-store"
    await aanmelden()
    leerlingen = await client.get("/leerlingen/geen-uuid")
    _veilige_koppen(leerlingen)
    assert leerlingen.headers["cache-control"] == "no-store"
    static = await client.get("/static/portal.css")
    _veilige_koppen(static)
    assert static.headers.get("cache-control") != "no-store"
    # Over plain http (development) there is no HSTS.
    assert "strict-transport-security" not in static.headers


async def test_cookie_standaard_secure_met_hsts(database: Database) -> None:
    # The defaults, as production runs: cookies Secure, HSTS on every answer.
    settings = Settings(log_json=False)
    assert settings.cookie_secure is True
    async with database.transaction() as session:
        await accounts.maak_gebruiker(
            session, gebruikersnaam="veilig", naam="V", wachtwoord=WACHTWOORD, rol=Rol.SCHOOLBEHEERDER, school="99AA"
        )
    app = create_app(settings, database=database)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://portaal.test") as client:
        form = await client.get("/aanmelden")
        assert form.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
        login_cookie = form.headers["set-cookie"]
        assert "Secure" in login_cookie
        assert "HttpOnly" in login_cookie
        response = await client.post(
            "/aanmelden",
            data={"gebruikersnaam": "veilig", "wachtwoord": WACHTWOORD, "csrf_token": csrf_uit(form.text)},
        )
        assert response.status_code == 303
        cookie = next(h for h in response.headers.get_list("set-cookie") if h.startswith(SESSIE_COOKIE))
        assert "Secure" in cookie
        assert "HttpOnly" in cookie
        assert "SameSite=lax" in cookie
        assert "Max-Age=43200" in cookie  # the absolute lifetime, 12 h
        assert response.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"


async def test_sessie_eindigt_na_absolute_levensduur_ook_als_actief(
    client: httpx.AsyncClient, aanmelden: Aanmelden, database: Database
) -> None:
    await aanmelden(Rol.SCHOOLBEHEERDER)
    assert (await client.get("/school/zorgcoordinatoren")).status_code == 200
    # Back-date sign-in to just past the absolute lifetime; the idle expiry is still hours away.
    async with database.transaction() as session:
        await session.execute(
            update(Sessie).values(
                aangemaakt_op=Sessie.aangemaakt_op - dt.timedelta(hours=12, minutes=1),
                verloopt_op=Sessie.verloopt_op + dt.timedelta(hours=4),
            )
        )
    response = await client.get("/school/zorgcoordinatoren")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/aanmelden")


async def test_verlenging_gaat_niet_voorbij_absolute_levensduur(
    client: httpx.AsyncClient, aanmelden: Aanmelden, database: Database
) -> None:
    await aanmelden(Rol.SCHOOLBEHEERDER)
    async with database.transaction() as session:
        await session.execute(update(Sessie).values(aangemaakt_op=Sessie.aangemaakt_op - dt.timedelta(hours=10)))
    assert (await client.get("/school/zorgcoordinatoren")).status_code == 200
    async with database.transaction() as session:
        aangemeld = await accounts.huidige(session, client.cookies[SESSIE_COOKIE], sessie_uren=8, max_uren=12)
        assert aangemeld is not None
        sessie = await session.get(Sessie, aangemeld.token_hash)
        assert sessie is not None
        # Sliding by 8 h would reach 18 h after sign-in; the absolute end (12 h) caps it.
        assert sessie.verloopt_op <= sessie.aangemaakt_op + dt.timedelta(hours=12)
