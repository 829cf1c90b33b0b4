"""Lockout and rate limits under concurrency: real commits on the test database, 40 sign-ins at once over ASGI."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator

import httpx
import pytest_asyncio
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from oso_portal.accounts import service as accounts
from oso_portal.accounts.models import Aanmeldpoging, Gebruiker
from oso_portal.main import create_app
from oso_portal.settings import Settings
from oso_shared.auth import Rol
from oso_shared.db import Database, utcnow

from ..conftest import WACHTWOORD, csrf_uit

NAAM = "gelijktijdig"
POGINGEN = 40


@pytest_asyncio.fixture(loop_scope="session")
async def echte_database(engine: AsyncEngine) -> AsyncIterator[Database]:
    """The test database WITHOUT the rolled-back outer transaction: row locks and commits as in production."""
    database = Database(engine=engine)
    async with database.transaction() as session:
        await accounts.maak_gebruiker(
            session, gebruikersnaam=NAAM, naam="G", wachtwoord=WACHTWOORD, rol=Rol.SCHOOLBEHEERDER, school="99AA"
        )
    try:
        yield database
    finally:
        async with database.transaction() as session:
            await session.execute(delete(Gebruiker).where(Gebruiker.gebruikersnaam == NAAM))
            await session.execute(delete(Aanmeldpoging))


async def _poging(transport: httpx.ASGITransport, wachtwoord: str) -> int:
    # Each attempt is its own browser with its own login form and CSRF cookie.
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as browser:
        form = await browser.get("/aanmelden")
        response = await browser.post(
            "/aanmelden", data={"gebruikersnaam": NAAM, "wachtwoord": wachtwoord, "csrf_token": csrf_uit(form.text)}
        )
        return response.status_code


async def _gebruiker(database: Database) -> Gebruiker:
    async with database.transaction() as session:
        return (await session.execute(select(Gebruiker).where(Gebruiker.gebruikersnaam == NAAM))).scalar_one()


async def test_40_gelijktijdige_foute_wachtwoorden_vergrendelen_het_account(
    settings: Settings, echte_database: Database
) -> None:
    # Rate limits out of the way: this proves the lockout counter itself under concurrency.
    ruim = settings.model_copy(update={"login_max_per_account": 1000, "login_max_per_address": 1000})
    app = create_app(ruim, database=echte_database)
    transport = httpx.ASGITransport(app=app)
    statussen = await asyncio.gather(*(_poging(transport, f"fout-{i}") for i in range(POGINGEN)))
    assert set(statussen) == {401}
    gebruiker = await _gebruiker(echte_database)
    assert gebruiker.mislukte_pogingen >= ruim.login_max_failures
    assert gebruiker.geblokkeerd_tot is not None
    assert gebruiker.geblokkeerd_tot > utcnow()
    # The right password is refused while the pause lasts ...
    assert await _poging(transport, WACHTWOORD) == 401
    # ... and works once it is over.
    async with echte_database.transaction() as session:
        await session.execute(
            update(Gebruiker)
            .where(Gebruiker.gebruikersnaam == NAAM)
            .values(geblokkeerd_tot=utcnow() - dt.timedelta(seconds=1))
        )
    assert await _poging(transport, WACHTWOORD) == 303
    assert (await _gebruiker(echte_database)).mislukte_pogingen == 0


async def test_snelheidslimiet_per_account_laat_precies_het_maximum_door(
    settings: Settings, echte_database: Database
) -> None:
    app = create_app(settings, database=echte_database)
    transport = httpx.ASGITransport(app=app)
    statussen = await asyncio.gather(*(_poging(transport, f"fout-{i}") for i in range(POGINGEN)))
    # Exactly the limit reaches the password check; the rest is refused unchecked.
    assert statussen.count(401) == settings.login_max_per_account
    assert statussen.count(429) == POGINGEN - settings.login_max_per_account
    gebruiker = await _gebruiker(echte_database)
    assert gebruiker.mislukte_pogingen >= settings.login_max_failures
    assert await _poging(transport, WACHTWOORD) == 429
    # The window passing (rows gone) still leaves the paused account refusing the right password.
    async with echte_database.transaction() as session:
        await session.execute(delete(Aanmeldpoging))
    assert await _poging(transport, WACHTWOORD) == 401


async def test_snelheidslimiet_per_adres_over_verschillende_namen(settings: Settings, database: Database) -> None:
    app = create_app(settings.model_copy(update={"login_max_per_address": 3}), database=database)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as browser:
        statussen: list[int] = []
        for naam in ("a", "b", "c", "d"):
            form = await browser.get("/aanmelden")
            response = await browser.post(
                "/aanmelden", data={"gebruikersnaam": naam, "wachtwoord": "x", "csrf_token": csrf_uit(form.text)}
            )
            statussen.append(response.status_code)
    assert statussen == [401, 401, 401, 429]
    async with database.transaction() as session:
        sleutels = set((await session.execute(select(Aanmeldpoging.sleutel))).scalars())
    # Neither names nor addresses are stored in the clear.
    assert all(len(s) == 64 and s not in {"a", "b", "127.0.0.1"} for s in sleutels)


async def test_adres_uit_de_kop_van_de_ingress(settings: Settings, database: Database) -> None:
    # Behind the ingress every TCP peer is the ingress: the configured header's last entry is the client.
    ingress = settings.model_copy(update={"login_max_per_address": 1, "client_address_header": "x-forwarded-for"})
    app = create_app(ingress, database=database)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as browser:
        statussen: list[int] = []
        for adres in ("203.0.113.1", "203.0.113.2", "9.9.9.9, 203.0.113.2"):
            form = await browser.get("/aanmelden")
            response = await browser.post(
                "/aanmelden",
                data={"gebruikersnaam": f"n{len(statussen)}", "wachtwoord": "x", "csrf_token": csrf_uit(form.text)},
                headers={"x-forwarded-for": adres},
            )
            statussen.append(response.status_code)
    # A client cannot escape by prepending its own claim: the last entry is what the ingress saw.
    assert statussen == [401, 401, 429]
