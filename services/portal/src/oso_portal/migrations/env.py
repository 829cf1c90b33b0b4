"""Alembic environment of the portal service (run via ``oso_shared.migrations.upgrade``)."""

from oso_portal.tables import metadata
from oso_shared.migrations import run_env

run_env(metadata)
