"""Imports every table module so ``Base.metadata`` is complete (Alembic, tests)."""

from __future__ import annotations

from oso_registry.audit import models as audit_models
from oso_registry.mandaten import models as mandaten_models
from oso_registry.models import Base
from oso_registry.organisaties import models as organisaties_models
from oso_registry.swv import models as swv_models

__all__ = ["Base", "audit_models", "mandaten_models", "organisaties_models", "swv_models"]
