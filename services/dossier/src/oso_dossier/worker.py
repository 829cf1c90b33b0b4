"""``python -m oso_dossier.worker``: drains the dossier outbox towards the oso-gateway until SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import contextlib
import signal

import uvloop

from oso_dossier.aflevering import AfleveringHandler
from oso_dossier.dossiers.models import DossierOutbox
from oso_dossier.dossiers.service import AFLEVERING
from oso_dossier.settings import Settings
from oso_shared.auth import TokenService
from oso_shared.db import Database
from oso_shared.http import ServiceClient
from oso_shared.logs import configure_logging
from oso_shared.outbox import OutboxWorker


def build(settings: Settings, db: Database, gateway: ServiceClient) -> OutboxWorker:
    """The outbox worker with its handler (tests drive it with ``drain``)."""
    handler = AfleveringHandler(db, gateway, settings.outbox_max_attempts)
    return OutboxWorker(db, DossierOutbox, {AFLEVERING: handler}, max_attempts=settings.outbox_max_attempts)


async def run(settings: Settings) -> None:
    """Run until a stop signal arrives."""
    db = Database(settings.resolved_database_url(), pool_size=5, max_overflow=5)
    tokens = TokenService(settings.auth_secret.get_secret_value())
    gateway = ServiceClient(settings.gateway_url, tokens, "dossier", timeout=settings.http_timeout_seconds, attempts=2)
    worker = build(settings, db, gateway)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await worker.run(stop)
    finally:
        await gateway.aclose()
        await db.dispose()


def main() -> None:
    """Entry point."""
    settings = Settings()
    configure_logging(settings.log_level, settings.log_json, "dossier-worker")
    # uvloop (already used by the uvicorn API processes): a cheaper event loop for the claim loops and HTTP calls.
    uvloop.run(run(settings))


if __name__ == "__main__":
    main()
