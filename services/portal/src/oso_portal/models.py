"""Declarative base of the portal service's tables."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from oso_shared.db import make_metadata


class Base(DeclarativeBase):
    """Base class of every table of this service (own metadata, own migrations)."""

    metadata = make_metadata()


def load_models() -> None:
    """Import every resource's models so ``Base.metadata`` knows all tables (migrations, tests)."""
    from oso_portal.accounts import models as _accounts  # noqa: F401
