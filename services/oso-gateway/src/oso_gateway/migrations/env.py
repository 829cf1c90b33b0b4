"""Alembic environment of the oso-gateway service (run via ``oso_shared.migrations.upgrade``)."""

from oso_gateway.models import Base
from oso_shared.migrations import run_env

run_env(Base.metadata)
