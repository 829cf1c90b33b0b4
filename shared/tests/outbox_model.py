"""A concrete outbox table used only by the shared tests."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from oso_shared.db import make_metadata
from oso_shared.outbox import OutboxMixin


class Base(DeclarativeBase):
    metadata = make_metadata()


class TestOutbox(OutboxMixin, Base):
    __test__ = False
    __tablename__ = "test_outbox"
