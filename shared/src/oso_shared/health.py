"""Liveness and readiness endpoints: ``/health/live`` always 200, ``/health/ready`` 503 when the DB is down."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from oso_shared.db import get_database

router = APIRouter(tags=["health"])


@router.get("/health/live")
async def live() -> dict[str, str]:
    """The process is up and serving requests."""
    return {"status": "ok"}


@router.get("/health/ready")
async def ready(request: Request) -> JSONResponse:
    """The service can do its work: its database answers."""
    ok = await get_database(request).ping()
    status = {"status": "ok" if ok else "unavailable", "database": "ok" if ok else "unavailable"}
    return JSONResponse(status, status_code=200 if ok else 503)
