"""How a service describes itself to the dev supervisor and tooling (entry point group ``oso.services``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points


@dataclass(frozen=True)
class ServiceInfo:
    """A service: its database, port, ASGI factory, migrations package and worker commands.

    The demo data of a service is development code: ``oso_dev.demo.loaders()`` maps the service name to it.
    """

    name: str
    port: int
    app_factory: str
    database: str | None = None
    migrations_package: str | None = None
    workers: Sequence[Sequence[str]] = field(default_factory=tuple)
    order: int = 50


def discover() -> list[ServiceInfo]:
    """All installed services, in start order."""
    found = [ep.load() for ep in entry_points(group="oso.services")]
    return sorted((s for s in found if isinstance(s, ServiceInfo)), key=lambda s: (s.order, s.name))
