"""The receiver's transactional outbox table."""

from __future__ import annotations

from oso_shared.outbox import OutboxMixin
from swv_receiver.models import Base

SOORT_OPHALEN = "ophalen"
SOORT_TERUGKOPPELING = "terugkoppeling"


class Uitgaand(OutboxMixin, Base):
    __tablename__ = "uitgaand"
