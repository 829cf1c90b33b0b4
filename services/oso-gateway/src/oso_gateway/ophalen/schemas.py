"""Body of ``POST /v1/ophalen``."""

from __future__ import annotations

from pydantic import BaseModel, Field


class OphaalVerzoek(BaseModel):
    """The koppelsleutel from the notification (in the body, never in the URL)."""

    koppelsleutel: str = Field(min_length=16, max_length=200)
