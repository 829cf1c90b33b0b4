"""JSON shapes of the notification the gateway sends (docs/contracts.md, swv-receiver)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DIENST_SWV = "OSO-SWV"  # the one OSO service this receiver takes part in


class NotificatieBron(BaseModel):
    brin: str = Field(pattern=r"^[0-9]{2}[A-Z]{2}$")
    vestigingscode: str | None = Field(default=None, pattern=r"^[0-9]{2}$")


class NotificatieDoel(BaseModel):
    aanleverpunt: str = Field(min_length=1, max_length=64)
    nummer: str | None = Field(default=None, max_length=20)
    routeringskenmerk: str | None = Field(default=None, max_length=40)


class NotificatieIn(BaseModel):
    """A notification: routing ids and a koppelsleutel, never pupil data."""

    model_config = ConfigDict(extra="ignore")

    koppelsleutel: str = Field(min_length=16, max_length=200, pattern=r"^[A-Za-z0-9._~+/=-]+$")
    dienst: str = Field(default=DIENST_SWV, max_length=40)
    bron: NotificatieBron
    doel: NotificatieDoel
    ophaal_url: str = Field(min_length=1, max_length=500)


class NotificatieOntvangen(BaseModel):
    """Answer to a notification: accepted now, or already accepted earlier (a repeat)."""

    status: Literal["ontvangen", "reeds_ontvangen"]


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
