"""ASGI app factory of the swv-receiver service; the ``/v1`` prefix is applied here, once."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from oso_shared.app import create_app as create_service_app
from oso_shared.db import Database
from swv_receiver.hulpvragen.router import router as hulpvragen_router
from swv_receiver.notificaties.router import router as notificaties_router
from swv_receiver.pagina.router import router as pagina_router
from swv_receiver.scholen.router import router as scholen_router
from swv_receiver.settings import Settings
from swv_receiver.sleutels import Sleutelbos


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    """Build the swv-receiver app; tests pass their own settings and rolled-back database."""
    settings = settings or Settings()
    v1 = APIRouter(prefix="/v1")
    for router in (notificaties_router, hulpvragen_router, scholen_router):
        v1.include_router(router)
    app = create_service_app(
        title="SWV Receiver (Kindkans-stand-in)",
        service="swv-receiver",
        settings=settings,
        database=database,
        # The hulpvragen page lives outside the API, at /hulpvragen.
        routers=[v1, pagina_router],
    )
    app.state.sleutels = Sleutelbos(settings.aanleverpunten, settings.jwt_ttl_seconds)
    return app
