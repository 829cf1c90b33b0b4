"""How ``make run`` finds, migrates and starts the swv-receiver service."""

from __future__ import annotations

import sys

from oso_shared.services import ServiceInfo

SERVICE = ServiceInfo(
    name="swv-receiver",
    port=8004,
    app_factory="swv_receiver.main:create_app",
    database="swv_receiver",
    migrations_package="swv_receiver",
    workers=((sys.executable, "-m", "swv_receiver.outbox.worker"),),
    order=40,
)
