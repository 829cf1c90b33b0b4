"""API shapes of bijlagen."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict


class BijlageUit(BaseModel):
    """A bijlage as the API shows it (read from the row's attributes)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    bestandsnaam: str
    omschrijving: str | None
    soort: str
    mediatype: str
    grootte: int
    sha256: str
    aangemaakt_op: dt.datetime
