"""``/metrics`` is not public: outside development it answers only a scrape with ``OSO_METRICS_TOKEN``."""

from __future__ import annotations

import httpx
import pytest

from oso_shared.app import create_app
from oso_shared.db import Database
from oso_shared.settings import OnveiligeInstelling, ServiceSettings

TOKEN = "scrape-token-van-prometheus-0123456789"


@pytest.fixture
def productie(monkeypatch: pytest.MonkeyPatch) -> ServiceSettings:
    """Settings outside development with a real auth secret and the scrape token (read from the environment)."""
    monkeypatch.setenv("OSO_OMGEVING", "productie")
    monkeypatch.setenv("OSO_AUTH_SECRET", "x" * 48)
    monkeypatch.setenv("OSO_METRICS_TOKEN", TOKEN)
    return ServiceSettings(log_json=False)


def _client(settings: ServiceSettings, database: Database) -> httpx.AsyncClient:
    app = create_app(title="t", service="t", settings=settings, routers=[], database=database)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer verkeerd-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer "],
    ids=["zonder", "verkeerd", "ander-schema", "langer", "leeg"],
)
async def test_metrics_without_the_scrape_token_is_401(
    shared_db: Database, productie: ServiceSettings, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    async with _client(productie, shared_db) as client:
        response = await client.get("/metrics", headers=headers)
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "NIET_GEAUTHENTICEERD"
    assert "http_requests_total" not in response.text


async def test_metrics_with_the_scrape_token_answers(shared_db: Database, productie: ServiceSettings) -> None:
    async with _client(productie, shared_db) as client:
        await client.get("/health/live")
        response = await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert "http_requests_total" in response.text


async def test_development_without_a_token_keeps_metrics_open(
    shared_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OSO_OMGEVING", "ontwikkeling")
    monkeypatch.delenv("OSO_METRICS_TOKEN", raising=False)
    async with _client(ServiceSettings(log_json=False), shared_db) as client:
        assert (await client.get("/metrics")).status_code == 200


def test_outside_development_the_scrape_token_is_required(
    shared_db: Database, productie: ServiceSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OSO_METRICS_TOKEN")
    settings = ServiceSettings(log_json=False)
    with pytest.raises(OnveiligeInstelling) as refused:
        create_app(title="t", service="t", settings=settings, routers=[], database=shared_db)
    assert refused.value.instelling == "OSO_METRICS_TOKEN"
