"""The oso-gateway service answers its health probes and publishes OpenAPI."""

from __future__ import annotations

import httpx


async def test_live_and_ready(client: httpx.AsyncClient) -> None:
    assert (await client.get("/health/live")).json() == {"status": "ok"}
    ready = await client.get("/health/ready")
    assert ready.status_code == 200


async def test_openapi_published(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"]
