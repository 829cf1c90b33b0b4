"""Alembic environment of the portal service (run via ``oso_shared.migrations.upgrade``)."""

from oso_portal.models import Base, load_models
from oso_shared.migrations import run_env

load_models()
run_env(Base.metadata)
