"""The demo world (``world``) and, per service, the loader that puts it into that service's database.

``make run`` and the e2e chain call :func:`loaders` after migrating; every loader is idempotent.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from typing import Any

Loader = Callable[[str], Coroutine[Any, Any, None]]


def loaders() -> Mapping[str, Loader]:
    """Service name → its demo loader (imported lazily: ``world`` alone must not import every service)."""
    from oso_dev.demo import dossier, portal, registry, swv_receiver

    return {
        "registry": registry.load,
        "dossier": dossier.load,
        "portal": portal.load,
        "swv-receiver": swv_receiver.load,
    }
