"""The gateway's OpenAPI describes the multipart intake (health and OpenAPI basics: tests/test_diensten.py)."""

from __future__ import annotations

import httpx


async def test_openapi_describes_the_multipart_intake(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/v1/openapi.json")).json()
    body = spec["paths"]["/v1/afleveringen"]["post"]["requestBody"]["content"]["multipart/form-data"]
    assert body["schema"]["properties"]["meta"] == {"$ref": "#/components/schemas/AfleveringMeta"}
    assert {"AfleveringMeta", "Bron", "Doel"} <= set(spec["components"]["schemas"])
    assert {"/v1/ophalen", "/v1/terugkoppelingen"} <= set(spec["paths"])
