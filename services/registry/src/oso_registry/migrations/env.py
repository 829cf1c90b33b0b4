"""Alembic environment of the registry service (run via ``oso_shared.migrations.upgrade``)."""

from oso_registry.tables import Base
from oso_shared.migrations import run_env

run_env(Base.metadata)
