"""ASGI app factory of the registry service; the ``/v1`` prefix is applied here, once."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from oso_registry.audit.router import router as audit_router
from oso_registry.mandaten.router import router as mandaten_router
from oso_registry.organisaties.router import router as organisaties_router
from oso_registry.settings import Settings
from oso_registry.swv.router import router as swv_router
from oso_registry.uitwisseling.router import router as uitwisseling_router
from oso_shared.app import create_app as create_service_app
from oso_shared.db import Database


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    """Build the registry app; tests pass their own settings and rolled-back database."""
    settings = settings or Settings()
    v1 = APIRouter(prefix="/v1")
    for router in (uitwisseling_router, organisaties_router, swv_router, mandaten_router, audit_router):
        v1.include_router(router)
    return create_service_app(
        title="OSO Registry",
        service="registry",
        settings=settings,
        database=database,
        routers=[v1],
    )
