"""Access lines and metrics name the full route template, also for routers included in the one ``/v1`` router."""

from __future__ import annotations

import httpx
from fastapi import APIRouter, FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from oso_shared.logs import route_template


def _app(seen: list[str]) -> FastAPI:
    dossiers = APIRouter(prefix="/dossiers")

    @dossiers.get("/{dossier_id}")
    async def one(dossier_id: str) -> dict[str, str]:
        return {"id": dossier_id}

    @dossiers.post("")
    async def add() -> dict[str, str]:
        return {}

    api = APIRouter(prefix="/v1")
    api.include_router(dossiers)
    app = FastAPI()
    app.include_router(api)

    @app.get("/metrics")
    async def metrics() -> dict[str, str]:
        return {}

    class Record:
        def __init__(self, inner: ASGIApp) -> None:
            self.inner = inner

        async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
            await self.inner(scope, receive, send)
            seen.append(route_template(scope))

    app.add_middleware(Record)
    return app


async def test_nested_routers_keep_their_prefixes() -> None:
    seen: list[str] = []
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=_app(seen)), base_url="http://t") as client:
        await client.get("/v1/dossiers/d-1")
        await client.post("/v1/dossiers")
        await client.get("/metrics")
        await client.get("/nergens")
    assert seen == ["/v1/dossiers/{dossier_id}", "/v1/dossiers", "/metrics", "<unmatched>"]
