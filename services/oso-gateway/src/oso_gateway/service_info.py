"""How ``make run`` finds, migrates and starts the oso-gateway service."""

from __future__ import annotations

from oso_shared.services import ServiceInfo

SERVICE = ServiceInfo(
    name="oso-gateway",
    port=8003,
    app_factory="oso_gateway.main:create_app",
    database="oso_gateway",
    migrations_package="oso_gateway",
    order=30,
)
