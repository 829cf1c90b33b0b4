"""Fixtures of the dossier tests: a migrated test database per xdist worker, rolled back per test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
import respx

from oso_dossier.main import create_app
from oso_dossier.settings import Settings
from oso_shared.auth import Principal, Rol, TokenService
from oso_shared.db import Database
from oso_shared.testing import RESPX_AIOHTTP, database_fixtures

engine, database = database_fixtures("dossier", "oso_dossier")


@pytest.fixture
def settings() -> Settings:
    return Settings(log_json=False)


@pytest.fixture
async def client(settings: Settings, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, database=database)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


# --- dossier lifecycle fixtures (dos) ---

REGISTRY_SCHOOL_99AA = {
    "brin": "99AA",
    "naam": "Scholengemeenschap De Brug",
    "bestuur": "41234",
    "vestigingen": [
        {
            "vestigingscode": "00",
            "brin6": "99AA00",
            "naam": "Scholengemeenschap De Brug",
            "aanleverpuntnummer": 0,
            "adres": {"straat": "Brugweg", "huisnummer": "1", "postcode": "3011 AA", "plaats": "Rotterdam"},
            "telefoon": "0101234567",
            "email": "zorg@debrug.example.nl",
        },
        {
            "vestigingscode": "01",
            "brin6": "99AA01",
            "naam": "De Brug locatie Zuid",
            "aanleverpuntnummer": 1,
            "adres": {"straat": "Zuidplein", "huisnummer": "9", "postcode": "3083 CX", "plaats": "Rotterdam"},
            "telefoon": "0107777777",
            "email": "zuid@debrug.example.nl",
        },
    ],
}
AANLEVERPUNT_RIJNMOND = "59f952f6-e07e-5962-97d7-2a6d9ee87d66"
REGISTRY_PUNTEN_99AA = [
    {
        "id": AANLEVERPUNT_RIJNMOND,
        "nummer": "2801500",
        "label": "2801 500 SWV VO Rijnmond",
        "swv": {"code": "VO2801", "naam": "Samenwerkingsverband VO Rijnmond"},
    }
]
CONTROLE_OK = {
    "toegestaan": True,
    "ontbrekend": [],
    "route": {
        "swv": {"code": "VO2801", "naam": "Samenwerkingsverband VO Rijnmond"},
        "aanleverpunt": {
            "id": AANLEVERPUNT_RIJNMOND,
            "nummer": "2801500",
            "label": "2801 500 SWV VO Rijnmond",
            "routeringskenmerk": "0000000700099AA02801",
        },
        "endpoint": "http://127.0.0.1:8004/v1/notificaties",
        "oin": "00000001823288444000",
        "besluit": "besluit-van-het-register",
    },
}


@pytest.fixture
def auth(settings: Settings) -> Callable[..., dict[str, str]]:
    """Headers with a bearer token: ``auth()`` is a zorgcoördinator of 99AA with the Overdrachtsdossier right."""
    tokens = TokenService(settings.auth_secret.get_secret_value())

    def make(
        rol: Rol = Rol.ZORGCOORDINATOR,
        school: str | None = "99AA",
        rechten: tuple[str, ...] = ("overdrachtsdossier",),
        sub: str = "zc:99AA:1",
    ) -> dict[str, str]:
        principal = Principal(sub=sub, rol=rol, school=school, rechten=frozenset(rechten))
        return {"authorization": f"Bearer {tokens.issue(principal)}"}

    return make


@pytest.fixture
def registry(settings: Settings) -> Iterator[respx.MockRouter]:
    """The registry stubbed with respx: 99AA fully set up with SWV Rijnmond."""
    with respx.mock(base_url=settings.registry_url, assert_all_called=False, using=RESPX_AIOHTTP) as router:
        router.get("/v1/scholen/99AA", name="school").respond(json=REGISTRY_SCHOOL_99AA)
        router.get("/v1/scholen/99AA/aanleverpunten", name="punten").respond(json=REGISTRY_PUNTEN_99AA)
        router.post("/v1/uitwisselcontroles", name="controle").respond(json=CONTROLE_OK)
        yield router


@pytest.fixture
def maak_leerling(client: httpx.AsyncClient, auth: Callable[..., dict[str, str]]) -> Callable[..., Any]:
    """Create demo leerling ``index`` through the API; returns its id."""
    from oso_dossier.demo_data import leerlingen

    async def make(index: int = 0, **overrides: Any) -> str:
        d = leerlingen()[index]
        body = {
            "vestigingscode": d.vestigingscode,
            "leerlingnummer": d.leerlingnummer,
            "bsn": d.bsn,
            "gegevens": d.gegevens.model_dump(mode="json", exclude_none=True),
            **overrides,
        }
        response = await client.post("/v1/leerlingen", json=body, headers=auth(school=d.brin))
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    return make


@pytest.fixture
def maak_dossier(
    client: httpx.AsyncClient,
    auth: Callable[..., dict[str, str]],
    maak_leerling: Callable[..., Any],
    registry: respx.MockRouter,
) -> Callable[..., Any]:
    """Create a leerling (demo index) and a VO-SWV dossier for it at 99AA; returns the dossier JSON."""

    async def make(index: int = 0, **body: Any) -> dict[str, Any]:
        leerling_id = await maak_leerling(index)
        payload = {"leerling_id": leerling_id, "vestigingscode": "00", "aanleverpunt_id": AANLEVERPUNT_RIJNMOND, **body}
        response = await client.post("/v1/dossiers", json=payload, headers=auth())
        assert response.status_code == 201, response.text
        result = response.json()
        assert isinstance(result, dict)
        return result

    return make


@pytest.fixture
def controle_ok() -> dict[str, Any]:
    """The registry's answer for an allowed exchange."""
    return CONTROLE_OK
