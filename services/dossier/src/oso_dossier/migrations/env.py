"""Alembic environment of the dossier service (run via ``oso_shared.migrations.upgrade``)."""

import oso_dossier.tables  # noqa: F401 - registers every table on Base.metadata
from oso_dossier.models import Base
from oso_shared.migrations import run_env

run_env(Base.metadata)
