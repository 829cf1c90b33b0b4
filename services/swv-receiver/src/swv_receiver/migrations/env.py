"""Alembic environment of the swv-receiver service (run via ``oso_shared.migrations.upgrade``)."""

from oso_shared.migrations import run_env
from swv_receiver.tables import Base

run_env(Base.metadata)
