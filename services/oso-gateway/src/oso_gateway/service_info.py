"""How ``make run`` finds, migrates and starts the oso-gateway service."""

from __future__ import annotations

import sys

from oso_shared.services import ServiceInfo

SERVICE = ServiceInfo(
    name="oso-gateway",
    port=8003,
    app_factory="oso_gateway.main:create_app",
    database="oso_gateway",
    migrations_package="oso_gateway",
    # The outbox worker (notifications, status events) and the retention purge, as a separate process.
    workers=((sys.executable, "-m", "oso_gateway.outbox.worker"),),
    order=30,
)
