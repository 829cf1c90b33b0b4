"""Message shapes sent from the outbox: the SWV notification and the status event to the dossier service."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel

Soort = Literal["notificatie_verzonden", "opgehaald", "mislukt", "teruggekoppeld"]


class NotificatieBron(BaseModel):
    brin: str
    vestigingscode: str | None


class NotificatieDoel(BaseModel):
    aanleverpunt: uuid.UUID
    nummer: str
    routeringskenmerk: str


class Notificatie(BaseModel):
    """Body POSTed to the SWV endpoint: ids only, no pupil data."""

    koppelsleutel: str
    dienst: str
    bron: NotificatieBron
    doel: NotificatieDoel
    ophaal_url: str


class TerugkoppelingInhoud(BaseModel):
    status: str
    bericht: str
    referentie: str | None


class Gebeurtenis(BaseModel):
    """Body of ``POST {dossier}/v1/intern/gebeurtenissen``."""

    gebeurtenis_id: uuid.UUID
    aflevering_id: uuid.UUID
    soort: Soort
    op: dt.datetime
    reden: str | None = None
    terugkoppeling: TerugkoppelingInhoud | None = None
