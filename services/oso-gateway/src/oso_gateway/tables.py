"""Imports every table module so ``Base.metadata`` is complete (Alembic, tests)."""

from __future__ import annotations

from oso_gateway.afleveringen import models as afleveringen_models
from oso_gateway.models import Base
from oso_gateway.outbox import models as outbox_models
from oso_gateway.sessies import models as sessies_models
from oso_gateway.terugkoppelingen import models as terugkoppelingen_models

__all__ = ["Base", "afleveringen_models", "outbox_models", "sessies_models", "terugkoppelingen_models"]
