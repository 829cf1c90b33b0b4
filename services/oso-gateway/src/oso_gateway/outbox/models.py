"""The gateway's transactional outbox table (SWV notifications and status events to the dossier service)."""

from __future__ import annotations

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, mapped_column

from oso_gateway.models import Base
from oso_shared.outbox import OutboxMixin

KIND_NOTIFICATIE = "notificatie"
KIND_GEBEURTENIS = "gebeurtenis"


class Outbox(OutboxMixin, Base):
    """One message to send; ``failures`` counts failed attempts for the metrics (``attempts`` resets on retry)."""

    __tablename__ = "gateway_outbox"

    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
