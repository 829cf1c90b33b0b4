"""The hulpvragen page is served and carries no data of its own."""

from __future__ import annotations

import httpx


async def test_pagina(client: httpx.AsyncClient) -> None:
    response = await client.get("/hulpvragen")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "/v1/hulpvragen" in response.text
    assert response.headers["cache-control"] == "no-store"
