"""ASGI app factory of the swv-receiver service."""

from __future__ import annotations

from fastapi import FastAPI

from oso_shared.app import create_app as create_service_app
from oso_shared.db import Database
from swv_receiver.settings import Settings


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    """Build the swv-receiver app; tests pass their own settings and rolled-back database."""
    settings = settings or Settings()
    return create_service_app(
        title="SWV Receiver (Kindkans-stand-in)",
        service="swv-receiver",
        settings=settings,
        database=database,
        routers=[],
    )
