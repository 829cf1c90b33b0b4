"""The receiver's transactional outbox table (its name predates the package: ``uitgaand``)."""

from __future__ import annotations

from oso_shared.outbox import OutboxMixin
from swv_receiver.models import Base

SOORT_OPHALEN = "ophalen"
SOORT_TERUGKOPPELING = "terugkoppeling"


class Outbox(OutboxMixin, Base):
    """One job of the worker: fetch a notified dossier, or deliver a terugkoppeling."""

    __tablename__ = "uitgaand"
