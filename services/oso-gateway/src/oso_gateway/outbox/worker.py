"""``python -m oso_gateway.outbox.worker``: drains the outbox and purges expired dossier content until SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib

import httpx
import structlog

from oso_gateway.afleveringen import service as afleveringen_service
from oso_gateway.clients.dossier import DossierClient
from oso_gateway.clients.swv import SwvClient
from oso_gateway.outbox.handlers import GebeurtenisHandler, NotificatieHandler, notificatie_mislukt
from oso_gateway.outbox.models import KIND_GEBEURTENIS, KIND_NOTIFICATIE, Outbox
from oso_gateway.settings import Settings
from oso_shared.auth import TokenService
from oso_shared.db import Database
from oso_shared.outbox import OutboxWorker
from oso_shared.settings import load_settings, require_secrets
from oso_shared.worker import run_worker, stop_on_signals

log = structlog.get_logger(__name__)


def build_worker(
    settings: Settings,
    database: Database | None = None,
    *,
    swv_transport: httpx.AsyncBaseTransport | None = None,
    dossier_transport: httpx.AsyncBaseTransport | None = None,
) -> OutboxWorker:
    """The outbox worker configured from the settings (its own database unless one is given; ``aclose`` after)."""
    require_secrets(settings)
    database = database or Database(
        settings.resolved_database_url(), pool_size=settings.worker_concurrency + 2, max_overflow=2
    )
    ontwikkeling = settings.omgeving == "ontwikkeling"
    swv = SwvClient(
        timeout=settings.notify_timeout_seconds,
        transport=swv_transport,
        https_required=not ontwikkeling,
        allow_loopback=ontwikkeling and settings.swv_loopback_toegestaan,
    )
    dossier = DossierClient(
        settings.dossier_url,
        TokenService.from_settings(settings, "oso-gateway"),
        timeout=settings.notify_timeout_seconds,
        transport=dossier_transport,
    )
    return OutboxWorker(
        database,
        Outbox,
        {KIND_NOTIFICATIE: NotificatieHandler(swv, settings.public_url)},
        batch_handlers={KIND_GEBEURTENIS: GebeurtenisHandler(dossier)},
        on_dead={KIND_NOTIFICATIE: notificatie_mislukt},
        closing=(swv.aclose, dossier.aclose),
        concurrency=settings.worker_concurrency,
        max_attempts=settings.worker_max_attempts,
        base_delay=settings.worker_base_delay_seconds,
        max_delay=settings.worker_max_delay_seconds,
        poll_interval=settings.worker_poll_interval_seconds,
    )


async def purge(database: Database, settings: Settings) -> int:
    """One purge round in its own transaction; returns the deliveries whose content was dropped."""
    async with database.transaction() as session:
        purged = await afleveringen_service.purge(session, settings)
    if purged:
        log.info("inhoud_verwijderd", aantal=purged)
    return purged


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
    worker = build_worker(settings)
    log.info("worker_started", concurrency=settings.worker_concurrency)
    try:
        with stop_on_signals(stop) as stopped:
            await asyncio.gather(worker.run(stopped), _purge_loop(worker.db, settings, stopped))
    finally:
        await worker.aclose()
        await worker.db.dispose()
        log.info("worker_stopped")


def main() -> None:
    """Entry point."""
    settings = load_settings(Settings, "oso-gateway-worker")
    run_worker(settings, "oso-gateway-worker", lambda: run(settings))


if __name__ == "__main__":
    main()
