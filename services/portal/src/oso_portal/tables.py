"""Every table of the portal service: importing this module registers all resource models on ``Base.metadata``.

Alembic's environment and the tests use :data:`metadata`; the resource models import only
:mod:`oso_portal.models`, so there is no import circle.
"""

from __future__ import annotations

from oso_portal.accounts import models as accounts
from oso_portal.models import Base

metadata = Base.metadata

__all__ = ["accounts", "metadata"]
