"""How ``make run`` finds, migrates and starts the registry service."""

from __future__ import annotations

from oso_shared.services import ServiceInfo

SERVICE = ServiceInfo(
    name="registry",
    port=8001,
    app_factory="oso_registry.main:create_app",
    database="oso_registry",
    migrations_package="oso_registry",
    order=10,
)
