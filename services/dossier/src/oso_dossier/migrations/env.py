"""Alembic environment of the dossier service (run via ``oso_shared.migrations.upgrade``)."""

from oso_dossier.models import Base
from oso_shared.migrations import run_env

run_env(Base.metadata)
