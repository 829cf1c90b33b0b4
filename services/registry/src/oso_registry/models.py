"""Declarative base of the registry service's tables."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from oso_shared.db import make_metadata


class Base(DeclarativeBase):
    """Base class of every table of this service (own metadata, own migrations)."""

    metadata = make_metadata()


def load_all_models() -> None:
    """Import every resource's models so ``Base.metadata`` knows all tables (Alembic, tests)."""
    import oso_registry.audit.models
    import oso_registry.mandaten.models
    import oso_registry.organisaties.models
    import oso_registry.swv.models  # noqa: F401
