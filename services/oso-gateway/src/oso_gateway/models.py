"""Declarative base of the oso-gateway service's tables (the tables themselves: see ``tables.py``)."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from oso_shared.db import make_metadata


class Base(DeclarativeBase):
    """Base class of every table of this service (own metadata, own migrations)."""

    metadata = make_metadata()
