"""``python -m swv_receiver.worker``: drains the receiver's outbox (fetch dossiers, send terugkoppeling)."""

from __future__ import annotations

import httpx
import structlog

from oso_shared.db import Database
from oso_shared.http import http_client
from oso_shared.outbox import OutboxWorker
from oso_shared.worker import run_worker, stop_on_signals
from swv_receiver.settings import Settings
from swv_receiver.sleutels import Sleutelbos
from swv_receiver.uitgaand.gateway import GatewayClient
from swv_receiver.uitgaand.models import Uitgaand
from swv_receiver.uitgaand.service import Verwerker

log = structlog.get_logger(__name__)


def bouw_worker(settings: Settings, db: Database, http: httpx.AsyncClient) -> OutboxWorker:
    """The outbox worker with the receiver's handlers (tests build one on their own database)."""
    sleutels = Sleutelbos(settings.aanleverpunten, settings.jwt_ttl_seconds)
    verwerker = Verwerker(settings, sleutels, GatewayClient(http, settings.max_dossier_bytes))
    return OutboxWorker(
        db,
        Uitgaand,
        verwerker.handlers(),
        concurrency=settings.worker_concurrency,
        max_attempts=settings.worker_max_attempts,
        base_delay=settings.worker_base_delay,
        max_delay=settings.worker_max_delay,
        poll_interval=settings.worker_poll_interval,
    )


async def run(settings: Settings) -> None:
    """Run until SIGTERM or SIGINT."""
    db = Database(
        settings.resolved_database_url(),
        # One connection per claim loop plus a little slack; the loops never need more.
        pool_size=settings.worker_concurrency + 1,
        max_overflow=2,
    )
    timeout = httpx.Timeout(settings.ophaal_timeout_seconds, connect=5.0)
    limits = httpx.Limits(max_connections=settings.worker_concurrency * 2)
    try:
        async with http_client(timeout=timeout, limits=limits) as http:
            worker = bouw_worker(settings, db, http)
            log.info("worker_gestart", concurrency=settings.worker_concurrency)
            with stop_on_signals() as stop:
                await worker.run(stop)
    finally:
        await db.dispose()
    log.info("worker_gestopt")


def main() -> None:
    """Entry point of the worker process."""
    settings = Settings()
    run_worker(settings, "swv-receiver-worker", lambda: run(settings))


if __name__ == "__main__":
    main()
