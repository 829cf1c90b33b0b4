"""A concrete outbox table used only by the shared tests."""

from __future__ import annotations

from sqlalchemy import ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from oso_shared.db import make_metadata
from oso_shared.outbox import OutboxMixin


class Base(DeclarativeBase):
    metadata = make_metadata()


class TestOutbox(OutboxMixin, Base):
    __test__ = False
    __tablename__ = "test_outbox"


class Parent(Base):
    __tablename__ = "test_parent"
    id: Mapped[int] = mapped_column(primary_key=True)


class Child(Base):
    """Its foreign key is checked only at COMMIT, so a bad row fails the commit, not the INSERT."""

    __tablename__ = "test_child"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(ForeignKey("test_parent.id", deferrable=True, initially="DEFERRED"))
