"""How ``make run`` finds, migrates and starts the dossier service."""

from __future__ import annotations

import sys

from oso_shared.services import ServiceInfo

SERVICE = ServiceInfo(
    name="dossier",
    port=8002,
    app_factory="oso_dossier.main:create_app",
    database="oso_dossier",
    migrations_package="oso_dossier",
    order=20,
    workers=((sys.executable, "-m", "oso_dossier.outbox.worker"),),
)
