"""``python -m oso_dossier.outbox.worker``: drains the dossier outbox towards the oso-gateway until SIGTERM/SIGINT."""

from __future__ import annotations

from oso_dossier.clients.gateway import GatewayClient
from oso_dossier.outbox.handlers import AfleveringHandler
from oso_dossier.outbox.models import AFLEVERING, Outbox
from oso_dossier.settings import Settings
from oso_shared.auth import TokenService
from oso_shared.db import Database
from oso_shared.http import ServiceClient
from oso_shared.outbox import OutboxWorker
from oso_shared.settings import load_settings, require_secrets
from oso_shared.worker import run_worker, stop_on_signals


def gateway_client(settings: Settings) -> GatewayClient:
    """The client of the oso-gateway as the worker uses it (dienst token, short inline retries)."""
    tokens = TokenService.from_settings(settings, "dossier")
    return GatewayClient(
        ServiceClient(settings.gateway_url, tokens, "oso-gateway", timeout=settings.http_timeout_seconds, attempts=2)
    )


def build_worker(settings: Settings, db: Database, gateway: GatewayClient | None = None) -> OutboxWorker:
    """The outbox worker with its handler and ``on_dead`` hook; ``aclose()`` closes the gateway client."""
    require_secrets(settings)
    gateway = gateway or gateway_client(settings)
    handler = AfleveringHandler(db, gateway)
    return OutboxWorker(
        db,
        Outbox,
        {AFLEVERING: handler},
        max_attempts=settings.outbox_max_attempts,
        on_dead={AFLEVERING: handler.opgegeven},
        closing=(gateway.aclose,),
    )


async def run(settings: Settings) -> None:
    """Run until a stop signal arrives."""
    db = Database(settings.resolved_database_url(), pool_size=5, max_overflow=5)
    worker = build_worker(settings, db)
    try:
        with stop_on_signals() as stop:
            await worker.run(stop)
    finally:
        await worker.aclose()
        await db.dispose()


def main() -> None:
    """Entry point."""
    settings = load_settings(Settings, "dossier-worker")
    run_worker(settings, "dossier-worker", lambda: run(settings))


if __name__ == "__main__":
    main()
