"""ASGI app factory of the dossier service."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from oso_dossier.bijlagen.router import UPLOAD_PATH_PATTERN
from oso_dossier.bijlagen.router import router as bijlagen_router
from oso_dossier.clients.registry import RegistryClient
from oso_dossier.crypto import PgnVersleuteling
from oso_dossier.dossiers.router import keuzes_router
from oso_dossier.dossiers.router import router as dossiers_router
from oso_dossier.intern.router import router as intern_router
from oso_dossier.leerlingen.router import router as leerlingen_router
from oso_dossier.leerlingimporten.router import IMPORT_MAX_BODY_BYTES, inrichtingen_router, leerling_router
from oso_dossier.leerlingimporten.router import router as leerlingimporten_router
from oso_dossier.settings import Settings
from oso_dossier.validation.router import PATH as VALIDATIE_PATH
from oso_dossier.validation.router import router as validatie_router
from oso_shared.app import create_app as create_service_app
from oso_shared.db import Database
from oso_shared.http import ServiceClient


def api_router() -> APIRouter:
    """Every resource router under the one ``/v1`` prefix."""
    v1 = APIRouter(prefix="/v1")
    for router in (
        validatie_router,
        leerlingen_router,
        dossiers_router,
        keuzes_router,
        bijlagen_router,
        intern_router,
        leerlingimporten_router,
        inrichtingen_router,
        leerling_router,
    ):
        v1.include_router(router)
    return v1


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    """Build the dossier app; tests pass their own settings and rolled-back database."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await app.state.registry.aclose()

    app = create_service_app(
        title="OSO Dossier",
        service="dossier",
        settings=settings,
        database=database,
        routers=[api_router()],
        # The validation route enforces its own, larger streaming cap.
        body_limit_exempt=(VALIDATIE_PATH,),
        body_limits=(
            # Bijlage uploads stream with their own per-file/per-dossier limits.
            (UPLOAD_PATH_PATTERN, None),
            # A Magister export may be 20 MB, more than the app-wide limit.
            (r"^/v1/leerlingimporten", IMPORT_MAX_BODY_BYTES),
        ),
        lifespan=lifespan,
    )
    app.state.pgn = PgnVersleuteling(settings.pgn_sleutels)
    app.state.registry = RegistryClient(
        ServiceClient(
            settings.registry_url,
            app.state.tokens,
            "registry",
            timeout=settings.registry_timeout_seconds,
            attempts=settings.registry_attempts,
        )
    )
    return app
