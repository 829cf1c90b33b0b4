"""How ``make run`` finds, migrates and starts the portal service."""

from __future__ import annotations

from oso_shared.services import ServiceInfo

SERVICE = ServiceInfo(
    name="portal",
    port=8000,
    app_factory="oso_portal.main:create_app",
    database="oso_portal",
    migrations_package="oso_portal",
    order=50,
)
