"""Token ids (``jti``) already presented by SWV systems, kept until the token would have expired anyway."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from oso_gateway.models import Base


class GebruiktToken(Base):
    """A spent JWT id of one aanleverpunt."""

    __tablename__ = "gebruikte_tokens"

    aanleverpunt_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    jti: Mapped[str] = mapped_column(String(200), primary_key=True)
    verloopt_op: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
