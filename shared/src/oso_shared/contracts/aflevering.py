"""Dossier → gateway hop: the ``meta`` part of ``POST /v1/afleveringen`` and the intake answer."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Bron(BaseModel):
    """The sending school location and its system."""

    brin: str = Field(pattern=r"^[0-9]{2}[A-Z]{2}$")
    vestigingscode: str | None = Field(default=None, pattern=r"^[0-9]{2}$")
    systeem: str = Field(min_length=1, max_length=100)


class Doel(BaseModel):
    """The SWV aanleverpunt the dossier is for."""

    aanleverpunt: uuid.UUID


class AfleveringMeta(BaseModel):
    """The ``meta`` part (JSON) of ``POST /v1/afleveringen``; the ``dossier`` part is the XML."""

    model_config = ConfigDict(extra="ignore")

    aflevering_id: uuid.UUID
    dossier_id: str = Field(min_length=1, max_length=100)
    dienst: Literal["OSO-SWV"]
    bron: Bron
    doel: Doel
    # The registry's signed decision from the dossier service's check (``route.besluit``), if it passed one.
    besluit: str | None = Field(default=None, max_length=4000)


class RouteOut(BaseModel):
    """Where the notification goes (no endpoint secrets, no koppelsleutel)."""

    aanleverpunt: uuid.UUID
    nummer: str
    routeringskenmerk: str
    swv: str


class AfleveringOut(BaseModel):
    """Answer of the intake (201 first time, 200 with the same body on a repeat with the same Idempotency-Key)."""

    aflevering_id: uuid.UUID
    dossier_id: str
    status: str
    aangemaakt_op: dt.datetime
    grootte: int
    sha256: str
    route: RouteOut
