"""ASGI app factory of the oso-gateway service."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI

from oso_gateway.afleveringen.router import OPENAPI_SCHEMAS
from oso_gateway.afleveringen.router import router as afleveringen_router
from oso_gateway.clients.registry import RegistryClient
from oso_gateway.metrics import GatewayCollector, RefreshMetricsMiddleware
from oso_gateway.ophalen.router import router as ophalen_router
from oso_gateway.settings import Settings
from oso_gateway.terugkoppelingen.router import router as terugkoppelingen_router
from oso_shared.app import create_app as create_service_app
from oso_shared.app import scrape_token
from oso_shared.auth import TokenService
from oso_shared.db import Database

API_PREFIX = "/v1"


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    """Build the oso-gateway app; tests pass their own settings and rolled-back database."""
    settings = settings or Settings()
    # Built here, not in the lifespan, so in-process test clients (which skip the lifespan) have it too.
    registry = RegistryClient(
        settings.registry_url,
        TokenService.from_settings(settings, "oso-gateway"),
        timeout=settings.http_timeout_seconds,
        key_ttl=settings.public_key_cache_seconds,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await registry.aclose()

    api = APIRouter(prefix=API_PREFIX)
    for router in (afleveringen_router, ophalen_router, terugkoppelingen_router):
        api.include_router(router)
    app = create_service_app(
        title="OSO Gateway",
        service="oso-gateway",
        settings=settings,
        database=database,
        routers=[api],
        lifespan=lifespan,
        # The intake streams and caps dossiers itself (max_dossier_bytes); they may exceed the app-wide limit.
        body_limit_exempt=[API_PREFIX + afleveringen_router.prefix],
        description="Het OSO-eindpunt van de school: notificeren, laten ophalen en terugkoppeling ontvangen.",
    )
    app.state.registry = registry
    _add_openapi_schemas(app)
    collector = GatewayCollector()
    app.state.metrics.registry.register(collector)
    app.add_middleware(
        RefreshMetricsMiddleware, collector=collector, database=app.state.db, token=scrape_token(settings)
    )
    return app


def _add_openapi_schemas(app: FastAPI) -> None:
    """Publish the schemas of bodies that are parsed by hand (multipart intake)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            schema.setdefault("components", {}).setdefault("schemas", {}).update(OPENAPI_SCHEMAS)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
