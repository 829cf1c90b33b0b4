"""ASGI app factory of the portal service."""

from __future__ import annotations

from fastapi import FastAPI

from oso_portal.settings import Settings
from oso_shared.app import create_app as create_service_app
from oso_shared.db import Database


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    """Build the portal app; tests pass their own settings and rolled-back database."""
    settings = settings or Settings()
    return create_service_app(
        title="OSO Portaal",
        service="portal",
        settings=settings,
        database=database,
        routers=[],
    )
