"""Opvraagbaar maken against the real registry app (its demo data), wired in over ASGI instead of respx."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from oso_dev.demo.registry import load as load_registry_demo
from oso_dev.testing import prepare_database
from oso_dossier.clients.registry import RegistryClient
from oso_dossier.deps import get_registry
from oso_dossier.main import create_app
from oso_dossier.settings import Settings
from oso_registry.main import create_app as create_registry_app
from oso_registry.settings import Settings as RegistrySettings
from oso_shared.auth import TokenService
from oso_shared.db import Database
from oso_shared.http import ServiceClient

Auth = Callable[..., dict[str, str]]


@pytest.fixture(scope="session")
async def registry_url(worker_id: str) -> str:
    """A migrated registry database with its demo data (99AA complete, 99AB without the Kindkans mandate)."""
    url = await prepare_database("registry_voor_dossier", "oso_registry", worker_id)
    await load_registry_demo(url)
    return url


@pytest.fixture
async def echte_client(
    settings: Settings, database: Database, registry_url: str
) -> AsyncIterator[tuple[httpx.AsyncClient, RegistryClient]]:
    registry_db = Database(registry_url)
    registry_app = create_registry_app(RegistrySettings(log_json=False), database=registry_db)
    app = create_app(settings, database=database)
    tokens = TokenService.from_settings(settings, "dossier")
    transport = httpx.ASGITransport(app=registry_app)
    registry = RegistryClient(ServiceClient("http://registry", tokens, "registry", transport=transport))
    app.dependency_overrides[get_registry] = lambda: registry
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        yield client, registry
    await registry.aclose()
    await registry_db.dispose()


async def _dossier_naar_swv(
    echte: tuple[httpx.AsyncClient, RegistryClient], auth: Auth, index: int, brin: str
) -> httpx.Response:
    from oso_dev.demo.dossier_data import leerlingen

    client, registry = echte
    d = leerlingen()[index]
    headers = auth(school=brin, sub=f"zc:{brin}")
    body: dict[str, Any] = {
        "vestigingscode": d.vestigingscode,
        "leerlingnummer": d.leerlingnummer,
        "gegevens": d.gegevens.model_dump(mode="json", exclude_none=True),
    }
    leerling_id = (await client.post("/v1/leerlingen", json=body, headers=headers)).json()["id"]
    punten = await registry.aanleverpunten(brin)
    assert punten, "the registry offers no SWV aanleverpunt for this school"
    payload = {"leerling_id": leerling_id, "vestigingscode": "00", "aanleverpunt_id": str(punten[0].id)}
    created = await client.post("/v1/dossiers", json=payload, headers=headers)
    assert created.status_code == 201, created.text
    did = created.json()["id"]
    assert created.json()["school"]["adres"] is not None
    await client.post(f"/v1/dossiers/{did}/voltooien", headers=headers)
    validated = (await client.post(f"/v1/dossiers/{did}/valideren", headers=headers)).json()
    assert validated["validatie"]["findings"] == []
    return await client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=headers)


async def test_real_registry_allows_99aa(echte_client: tuple[httpx.AsyncClient, RegistryClient], auth: Auth) -> None:
    response = await _dossier_naar_swv(echte_client, auth, 0, "99AA")
    assert response.status_code == 200, response.text
    assert response.json()["melding"] == "Notificatie aan samenwerkingsverband wordt verstuurd"


async def test_real_registry_refuses_99ab_without_kindkans_mandate(
    echte_client: tuple[httpx.AsyncClient, RegistryClient], auth: Auth
) -> None:
    response = await _dossier_naar_swv(echte_client, auth, 8, "99AB")
    assert response.status_code == 403, response.text
    body = response.json()
    assert body["code"] == "UITWISSELING_NIET_TOEGESTAAN"
    ontbrekend = {(o["code"], o["wie"], o["stap"]) for o in body["ontbrekend"]}
    assert ("MANDAAT_SWV_SYSTEEM_ONTBREEKT", "bestuur", 2) in ontbrekend
    assert all(o["uitleg"] for o in body["ontbrekend"])
