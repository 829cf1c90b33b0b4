"""``python -m swv_receiver.outbox.worker``: drains the receiver's outbox (fetch dossiers, send terugkoppeling)."""

from __future__ import annotations

import structlog

from oso_shared.db import Database
from oso_shared.outbox import OutboxWorker
from oso_shared.settings import load_settings, require_secrets
from oso_shared.worker import run_worker, stop_on_signals
from swv_receiver.clients.gateway import GatewayClient
from swv_receiver.outbox.handlers import OphaalHandler, TerugkoppelingHandler
from swv_receiver.outbox.models import SOORT_OPHALEN, SOORT_TERUGKOPPELING, Outbox
from swv_receiver.settings import Settings
from swv_receiver.sleutels import Sleutelbos

log = structlog.get_logger(__name__)


def build_worker(settings: Settings, db: Database | None = None, gateway: GatewayClient | None = None) -> OutboxWorker:
    """The outbox worker with the receiver's handlers; tests pass their own database and gateway client.

    A gateway client made here is closed by ``worker.aclose()``; the database stays the caller's to dispose.
    """
    require_secrets(settings)
    db = db or Database(
        settings.resolved_database_url(),
        # One connection per claim loop plus a little slack; the loops never need more.
        pool_size=settings.worker_concurrency + 1,
        max_overflow=2,
    )
    closing = []
    if gateway is None:
        gateway = GatewayClient.from_settings(settings)
        closing.append(gateway.aclose)
    sleutels = Sleutelbos(settings.aanleverpunten, settings.jwt_ttl_seconds)
    return OutboxWorker(
        db,
        Outbox,
        {
            SOORT_OPHALEN: OphaalHandler(settings, sleutels, gateway),
            SOORT_TERUGKOPPELING: TerugkoppelingHandler(sleutels, gateway),
        },
        on_dead={SOORT_OPHALEN: OphaalHandler.on_dead, SOORT_TERUGKOPPELING: TerugkoppelingHandler.on_dead},
        concurrency=settings.worker_concurrency,
        max_attempts=settings.worker_max_attempts,
        base_delay=settings.worker_base_delay,
        max_delay=settings.worker_max_delay,
        poll_interval=settings.worker_poll_interval,
        closing=closing,
    )


async def run(settings: Settings) -> None:
    """Run until SIGTERM or SIGINT."""
    worker = build_worker(settings)
    try:
        log.info("worker_gestart", concurrency=settings.worker_concurrency)
        with stop_on_signals() as stop:
            await worker.run(stop)
    finally:
        await worker.aclose()
        await worker.db.dispose()
    log.info("worker_gestopt")


def main() -> None:
    """Entry point of the worker process."""
    settings = load_settings(Settings, "swv-receiver-worker")
    run_worker(settings, "swv-receiver-worker", lambda: run(settings))


if __name__ == "__main__":
    main()
