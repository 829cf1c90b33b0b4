"""Fixtures of the portal tests: a migrated test database per xdist worker, rolled back per test.

The backends are stubbed with respx (``backends`` fixture); ``aanmelden`` signs a test user in and returns
the session's CSRF token for the forms.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterator

import httpx
import pytest
import respx

from oso_dev.testing import RESPX_AIOHTTP
from oso_portal.accounts import service as accounts
from oso_portal.accounts.service import RECHT_OVERDRACHTSDOSSIER
from oso_portal.settings import Settings
from oso_portal.web import SESSIE_COOKIE
from oso_shared.auth import Rol
from oso_shared.db import Database

REGISTRY = "http://registry.test"
DOSSIER = "http://dossier.test"
WACHTWOORD = "correct-paard-batterij"

Aanmelden = Callable[..., Awaitable[str]]


@pytest.fixture
def settings() -> Settings:
    # The test client speaks plain http, so it would never send a Secure cookie back.
    return Settings(log_json=False, registry_url=REGISTRY, dossier_url=DOSSIER, cookie_secure=False)


@pytest.fixture
def backends() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False, assert_all_mocked=True, using=RESPX_AIOHTTP) as router:
        yield router


def csrf_uit(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "geen csrf_token in de pagina"
    return match.group(1)


@pytest.fixture
def aanmelden(client: httpx.AsyncClient, database: Database) -> Aanmelden:
    """Create a user with a role and scope and sign in; returns the CSRF token of the session."""

    async def _aanmelden(
        rol: Rol = Rol.ZORGCOORDINATOR,
        *,
        gebruikersnaam: str | None = None,
        school: str | None = None,
        bestuur: str | None = None,
        swv: str | None = None,
        rechten: frozenset[str] | None = None,
    ) -> str:
        if rol in (Rol.ZORGCOORDINATOR, Rol.SCHOOLBEHEERDER) and school is None:
            school = "99AA"
        if rol is Rol.BESTUURSBEHEERDER and bestuur is None:
            bestuur = "41234"
        if rol is Rol.SWV_BEHEERDER and swv is None:
            swv = "VO2801"
        if rechten is None:
            rechten = frozenset({RECHT_OVERDRACHTSDOSSIER}) if rol is Rol.ZORGCOORDINATOR else frozenset()
        naam = gebruikersnaam or f"test-{rol.value}-{school or bestuur or swv}".lower()
        async with database.transaction() as session:
            await accounts.maak_gebruiker(
                session,
                gebruikersnaam=naam,
                naam=f"Test {rol.value}",
                wachtwoord=WACHTWOORD,
                rol=rol,
                bestuur=bestuur,
                swv=swv,
                school=school,
                rechten=rechten,
            )
        form = await client.get("/aanmelden")
        response = await client.post(
            "/aanmelden",
            data={"gebruikersnaam": naam, "wachtwoord": WACHTWOORD, "csrf_token": csrf_uit(form.text)},
        )
        assert response.status_code == 303, response.text
        async with database.transaction() as session:
            aangemeld = await accounts.huidige(session, client.cookies[SESSIE_COOKIE], sessie_uren=1, max_uren=1)
        assert aangemeld is not None
        return aangemeld.csrf_token

    return _aanmelden
