"""``python -m oso_gateway.worker``: drains the gateway outbox and purges expired dossier content until SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib

import structlog

from oso_gateway.notificaties.service import Dispatcher, build_worker, purge
from oso_gateway.settings import Settings
from oso_shared.db import Database
from oso_shared.worker import run_worker, stop_on_signals

log = structlog.get_logger(__name__)


async def _purge_loop(database: Database, settings: Settings, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await purge(database, settings)
        except Exception:
            # Database down or similar: try again next round.
            log.warning("purge_error", exc_info=True)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=settings.purge_interval_seconds)


async def run(settings: Settings, stop: asyncio.Event | None = None) -> None:
    """Run the outbox worker and the purge loop until ``stop`` is set (or SIGTERM/SIGINT)."""
    database = Database(
        settings.resolved_database_url(),
        pool_size=settings.worker_concurrency + 2,
        max_overflow=2,
    )
    dispatcher = Dispatcher(settings)
    worker = build_worker(database, settings, dispatcher)
    log.info("worker_started", concurrency=settings.worker_concurrency)
    try:
        with stop_on_signals(stop) as stopped:
            await asyncio.gather(worker.run(stopped), _purge_loop(database, settings, stopped))
    finally:
        await dispatcher.aclose()
        await database.dispose()
        log.info("worker_stopped")


def main() -> None:
    """Entry point."""
    settings = Settings()
    run_worker(settings, "oso-gateway-worker", lambda: run(settings))


if __name__ == "__main__":
    main()
