"""Alembic environment of the oso-gateway service (run via ``oso_shared.migrations.upgrade``)."""

from oso_gateway.tables import Base
from oso_shared.migrations import run_env

run_env(Base.metadata)
