"""Liveness and readiness endpoints: ``/health/live`` always 200, ``/health/ready`` 503 when the DB is down.

Worker processes serve no HTTP: their exec probe is ``python -m oso_shared.probe <package>``.

Readiness logs once per change of state (ready → not ready with the reason, and back), not on every probe:
a failing probe every few seconds would otherwise flood the log, and a silent 503 tells an operator nothing.
"""

from __future__ import annotations

import logging
from weakref import WeakKeyDictionary

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from oso_shared.db import Database, get_database

router = APIRouter(tags=["health"])
log = logging.getLogger("oso.health")

# Last reported reason per database (None = ready); weak so test apps and their databases can go.
_last: WeakKeyDictionary[Database, str | None] = WeakKeyDictionary()


def report(db: Database, reason: str | None) -> None:
    """Log the readiness of ``db`` when it differs from what was logged last."""
    if db in _last and _last[db] == reason:
        return
    previous = _last.get(db, None) if db in _last else "unknown"
    _last[db] = reason
    if reason is None:
        if previous != "unknown":
            log.info("ready again: database answers")
    else:
        log.error("not ready: database unavailable (%s)", reason)


@router.get("/health/live")
async def live() -> dict[str, str]:
    """The process is up and serving requests."""
    return {"status": "ok"}


@router.get("/health/ready")
async def ready(request: Request) -> JSONResponse:
    """The service can do its work: its database answers."""
    db = get_database(request)
    reason = await db.check()
    report(db, reason)
    ok = reason is None
    status = {"status": "ok" if ok else "unavailable", "database": "ok" if ok else "unavailable"}
    return JSONResponse(status, status_code=200 if ok else 503)
