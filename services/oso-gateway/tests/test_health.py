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


async def test_openapi_describes_the_multipart_intake(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/v1/openapi.json")).json()
    body = spec["paths"]["/v1/afleveringen"]["post"]["requestBody"]["content"]["multipart/form-data"]
    assert body["schema"]["properties"]["meta"] == {"$ref": "#/components/schemas/AfleveringMeta"}
    assert {"AfleveringMeta", "Bron", "Doel"} <= set(spec["components"]["schemas"])
    assert {"/v1/ophalen", "/v1/terugkoppelingen"} <= set(spec["paths"])
