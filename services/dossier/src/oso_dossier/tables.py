"""Imports every table module so ``Base.metadata`` is complete (Alembic, tests)."""

from oso_dossier.audit import models as audit_models
from oso_dossier.bijlagen import models as bijlagen_models
from oso_dossier.dossiers import models as dossiers_models
from oso_dossier.leerlingen import models as leerlingen_models
from oso_dossier.leerlingimporten import models as leerlingimporten_models
from oso_dossier.outbox import models as outbox_models

__all__ = [
    "audit_models",
    "bijlagen_models",
    "dossiers_models",
    "leerlingen_models",
    "leerlingimporten_models",
    "outbox_models",
]
