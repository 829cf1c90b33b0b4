"""ASGI app factory of the portal service."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypeVar

import httpx
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from oso_portal.accounts.router import router as accounts_router
from oso_portal.bestuur.router import router as bestuur_router
from oso_portal.clients.base import GebruikerClient
from oso_portal.clients.dossier import DossierClient
from oso_portal.clients.registry import RegistryClient
from oso_portal.dossiers.router import router as dossiers_router
from oso_portal.headers import SecurityHeadersMiddleware
from oso_portal.importeren.router import router as importeren_router
from oso_portal.leerlingen.router import router as leerlingen_router
from oso_portal.leerlingtabs.router import router as leerlingtabs_router
from oso_portal.school.router import router as school_router
from oso_portal.settings import Settings
from oso_portal.sleutels.router import router as sleutels_router
from oso_portal.swv.router import router as swv_router
from oso_portal.templating import STATIC_DIR
from oso_portal.web import Web, install_page_handlers
from oso_shared.app import create_app as create_service_app
from oso_shared.auth import TokenService
from oso_shared.db import Database
from oso_shared.http import ServiceClient

UPLOAD_PREFIX = "/uploads/"


C = TypeVar("C", bound=GebruikerClient)


def _client(cls: type[C], base_url: str, settings: Settings, transport: httpx.AsyncBaseTransport | None) -> C:
    tokens = TokenService.from_settings(settings, "portal")
    # One attempt: a person is waiting and can try again, and the actions (opvraagbaar maken) are not idempotent.
    service = ServiceClient(
        base_url, tokens, cls.dienst, timeout=settings.http_timeout_seconds, attempts=1, transport=transport
    )
    return cls(
        service,
        tokens,
        token_ttl=dt.timedelta(minutes=settings.backend_token_minutes),
        # Bijlagen stream through: writing a large file may take longer than any other call.
        upload_timeout=httpx.Timeout(settings.http_timeout_seconds, write=120.0),
    )


def create_app(
    settings: Settings | None = None,
    database: Database | None = None,
    backend_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    """Build the portal app; tests pass their own settings, rolled-back database and backend transport."""
    settings = settings or Settings()
    registry = _client(RegistryClient, settings.registry_url, settings, backend_transport)
    dossier = _client(DossierClient, settings.dossier_url, settings, backend_transport)
    web = Web(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await registry.aclose()
            await dossier.aclose()

    app = create_service_app(
        title="OSO Portaal",
        service="portal",
        settings=settings,
        database=database,
        lifespan=lifespan,
        # Bijlagen stream through the portal; their size is checked by the upload route itself.
        body_limit_exempt=(UPLOAD_PREFIX,),
        routers=[
            accounts_router,
            leerlingen_router,
            dossiers_router,
            bestuur_router,
            swv_router,
            school_router,
            importeren_router,
            leerlingtabs_router,
            sleutels_router,
        ],
    )
    app.state.registry = registry
    app.state.dossier = dossier
    app.state.web = web

    # HSTS only where the cookies are Secure: a development run over plain http must stay reachable.
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.cookie_secure)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    install_page_handlers(app, web)
    return app
