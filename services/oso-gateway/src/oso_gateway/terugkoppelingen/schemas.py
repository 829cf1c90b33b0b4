"""Shapes of ``POST /v1/terugkoppelingen``."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, Field


class TerugkoppelingIn(BaseModel):
    """Feedback of the SWV system on one delivery."""

    koppelsleutel: str = Field(min_length=16, max_length=200)
    status: str = Field(min_length=1, max_length=100)
    bericht: str = Field(max_length=20_000)
    referentie: str | None = Field(default=None, max_length=200)


class TerugkoppelingOut(BaseModel):
    """Receipt; identical on a repeated call with the same Idempotency-Key."""

    terugkoppeling_id: uuid.UUID
    status: str
    ontvangen_op: dt.datetime
