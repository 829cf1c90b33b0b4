"""ASGI app factory of the portal service."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from oso_portal.accounts.router import router as accounts_router
from oso_portal.backend import Backend, install_backend_handler
from oso_portal.bestuur.router import router as bestuur_router
from oso_portal.dossiers.router import router as dossiers_router
from oso_portal.leerlingen.router import router as leerlingen_router
from oso_portal.school.router import router as school_router
from oso_portal.settings import Settings
from oso_portal.swv.router import router as swv_router
from oso_portal.web import STATIC_DIR, install_page_handlers
from oso_shared.app import create_app as create_service_app
from oso_shared.auth import TokenService
from oso_shared.db import Database

UPLOAD_PREFIX = "/uploads/"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
)


def create_app(
    settings: Settings | None = None,
    database: Database | None = None,
    backend_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    """Build the portal app; tests pass their own settings, rolled-back database and backend transport."""
    settings = settings or Settings()
    backend = Backend(settings, TokenService(settings.auth_secret.get_secret_value()), backend_transport)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await backend.aclose()

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
        ],
    )
    app.state.backend = backend

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        # Everything is served from the portal itself (vendored htmx and CSS): no inline script, no framing.
        response.headers.setdefault("content-security-policy", CSP)
        response.headers.setdefault("x-content-type-options", "nosniff")
        response.headers.setdefault("referrer-policy", "same-origin")
        response.headers.setdefault("x-frame-options", "DENY")
        return response

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    install_page_handlers(app)
    install_backend_handler(app)
    return app
