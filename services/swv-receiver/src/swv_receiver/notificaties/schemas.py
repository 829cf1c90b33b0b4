"""Notifications as the SWV sees them; the gateway's notification itself is ``oso_shared.contracts.notificatie``."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict


class NotificatieUit(BaseModel):
    """A received notification as the SWV sees it (never the koppelsleutel)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    aanleverpunt_id: str
    bron_brin: str
    bron_vestigingscode: str | None
    status: str
    reden: str | None
    dossier_bytes: int | None
    ontvangen_op: dt.datetime
    opgehaald_op: dt.datetime | None
