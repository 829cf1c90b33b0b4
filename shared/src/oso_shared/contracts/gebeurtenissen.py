"""Gateway → dossier hop: status events about a delivery (``/v1/intern/gebeurtenissen|gebeurtenisbundels``)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from oso_shared.tekst import XML_VEILIG

Soort = Literal["notificatie_verzonden", "opgehaald", "mislukt", "teruggekoppeld"]


class Terugkoppeling(BaseModel):
    """The SWV's feedback as carried by a ``teruggekoppeld`` event."""

    status: Annotated[str, StringConstraints(min_length=1, max_length=100), XML_VEILIG]
    # As long as the gateway accepts from the SWV (``TerugkoppelingIn``): a longer one would be a dead event.
    bericht: Annotated[str, StringConstraints(max_length=20_000), XML_VEILIG]
    referentie: Annotated[str, StringConstraints(max_length=200), XML_VEILIG] | None = None


class GebeurtenisIn(BaseModel):
    """An event from the oso-gateway about a delivery (idempotent on ``gebeurtenis_id``)."""

    gebeurtenis_id: uuid.UUID
    aflevering_id: uuid.UUID
    soort: Soort
    op: dt.datetime
    reden: Annotated[str, StringConstraints(max_length=2000), XML_VEILIG] | None = None
    terugkoppeling: Terugkoppeling | None = None


class GebeurtenisUit(BaseModel):
    """Answer (202) of ``POST /v1/intern/gebeurtenissen``."""

    verwerkt: bool
    status: str


class GebeurtenisBundelIn(BaseModel):
    """Several gateway events in one call (the gateway's outbox sends what is due together)."""

    gebeurtenissen: Annotated[list[GebeurtenisIn], Field(min_length=1, max_length=500)]


class GebeurtenisFout(BaseModel):
    """Why one event of a bundle was refused on its own (e.g. ``AFLEVERING_ONBEKEND``)."""

    code: str
    detail: str


class GebeurtenisResultaat(BaseModel):
    """Per event: processed (``verwerkt`` false for a repeat) or refused with a problem code."""

    gebeurtenis_id: uuid.UUID
    verwerkt: bool = False
    status: str | None = None
    fout: GebeurtenisFout | None = None


class GebeurtenisBundelUit(BaseModel):
    """Answer (200) of ``POST /v1/intern/gebeurtenisbundels``: one result per event, in the order sent."""

    resultaten: list[GebeurtenisResultaat]
