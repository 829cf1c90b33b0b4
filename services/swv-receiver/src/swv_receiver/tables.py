"""Imports every table module so ``Base.metadata`` is complete (Alembic, tests)."""

from __future__ import annotations

from swv_receiver.hulpvragen import models as hulpvragen_models
from swv_receiver.models import Base
from swv_receiver.notificaties import models as notificaties_models
from swv_receiver.outbox import models as outbox_models
from swv_receiver.scholen import models as scholen_models

__all__ = ["Base", "hulpvragen_models", "notificaties_models", "outbox_models", "scholen_models"]
