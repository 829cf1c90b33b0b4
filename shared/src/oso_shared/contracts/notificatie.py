"""Gateway ↔ SWV receiver hop: the notification, the fetch and the terugkoppeling (JSON; SOAP in a later issue)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from oso_shared.contracts import DIENST_SWV
from oso_shared.tekst import XmlTekst


class NotificatieBron(BaseModel):
    """The sending school location (ids only)."""

    brin: XmlTekst = Field(pattern=r"^[0-9]{2}[A-Z]{2}$")
    vestigingscode: XmlTekst | None = Field(default=None, pattern=r"^[0-9]{2}$")


class NotificatieDoel(BaseModel):
    """The aanleverpunt notified."""

    aanleverpunt: XmlTekst = Field(min_length=1, max_length=64)
    nummer: XmlTekst | None = Field(default=None, max_length=20)
    routeringskenmerk: XmlTekst | None = Field(default=None, max_length=40)


class NotificatieIn(BaseModel):
    """``POST <endpoint>`` from the gateway: routing ids and a koppelsleutel, never pupil data."""

    model_config = ConfigDict(extra="ignore")

    koppelsleutel: XmlTekst = Field(min_length=16, max_length=200, pattern=r"^[A-Za-z0-9._~+/=-]+$")
    dienst: XmlTekst = Field(default=DIENST_SWV, max_length=40)
    bron: NotificatieBron
    doel: NotificatieDoel
    ophaal_url: XmlTekst = Field(min_length=1, max_length=500)


class NotificatieOntvangen(BaseModel):
    """Answer (202) to a notification: accepted now, or already accepted earlier (a repeat)."""

    status: Literal["ontvangen", "reeds_ontvangen"]


class OphaalVerzoek(BaseModel):
    """Body of the gateway's ``POST /v1/ophalen``: the koppelsleutel (in the body, never in the URL)."""

    koppelsleutel: XmlTekst = Field(min_length=16, max_length=200)


class TerugkoppelingIn(BaseModel):
    """Body of the gateway's ``POST /v1/terugkoppelingen``: the SWV's feedback on one delivery."""

    koppelsleutel: XmlTekst = Field(min_length=16, max_length=200)
    status: XmlTekst = Field(min_length=1, max_length=100)
    bericht: XmlTekst = Field(max_length=20_000)
    referentie: XmlTekst | None = Field(default=None, max_length=200)


class TerugkoppelingOut(BaseModel):
    """Receipt of a terugkoppeling (201, or 200 with the same body on a repeat with the same Idempotency-Key)."""

    terugkoppeling_id: uuid.UUID
    status: str
    ontvangen_op: dt.datetime
