"""The outbox table: deliveries to the oso-gateway, written in the transaction that makes a dossier opvraagbaar."""

from __future__ import annotations

from oso_dossier.models import Base
from oso_shared.outbox import OutboxMixin

# Kind of the row that delivers one dossier to the gateway (``POST /v1/afleveringen``).
AFLEVERING = "aflevering"


class Outbox(OutboxMixin, Base):
    """Deliveries to the oso-gateway, written in the transaction that makes a dossier opvraagbaar."""

    __tablename__ = "dossier_outbox"
