"""``/health/ready`` logs why it is not ready, once per change of state, not on every probe."""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from oso_dev.testing import worker_database_url
from oso_shared.db import Database, create_engine
from oso_shared.health import router


async def test_ready_logs_the_reason_once_per_state_change(caplog: pytest.LogCaptureFixture, worker_id: str) -> None:
    app = FastAPI()
    app.include_router(router)
    db = Database(worker_database_url("shared", worker_id))
    up, down = db.engine, create_engine("postgresql://postgres@127.0.0.1:1/none")
    app.state.db = db
    caplog.set_level(logging.INFO, logger="oso.health")
    statuses = []
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as client:
        # The database goes away for three probes and comes back.
        for engine in (up, down, down, down, up, up):
            db.engine = engine
            statuses.append((await client.get("/health/ready")).status_code)
    await up.dispose()
    await down.dispose()
    assert statuses == [200, 503, 503, 503, 200, 200]
    records = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "oso.health"]
    assert [level for level, _ in records] == ["ERROR", "INFO"], records
    assert records[0][1].startswith("not ready: database unavailable (")
    assert "Connect" in records[0][1] or "refused" in records[0][1], records[0][1]
    assert records[1][1] == "ready again: database answers"
