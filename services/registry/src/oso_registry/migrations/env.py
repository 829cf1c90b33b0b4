"""Alembic environment of the registry service (run via ``oso_shared.migrations.upgrade``)."""

from oso_registry.models import Base, load_all_models
from oso_shared.migrations import run_env

load_all_models()
run_env(Base.metadata)
