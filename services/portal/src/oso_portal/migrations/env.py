"""Alembic environment of the portal service (run via ``oso_shared.migrations.upgrade``)."""

from oso_portal.models import Base
from oso_shared.migrations import run_env

run_env(Base.metadata)
