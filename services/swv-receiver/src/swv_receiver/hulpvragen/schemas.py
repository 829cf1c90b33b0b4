"""JSON shapes of hulpvragen, bijlagen and terugkoppelingen."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field, model_validator

from oso_shared.tekst import XmlTekst


class BijlageUit(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    bestandsnaam: str
    mediatype: str
    grootte: int
    toegevoegd_op: dt.datetime


class TerugkoppelingIn(BaseModel):
    """What the SWV sends back to the school."""

    status: XmlTekst = Field(min_length=1, max_length=50, examples=["in_behandeling", "toegekend", "afgewezen"])
    bericht: XmlTekst = Field(min_length=1, max_length=5000)
    referentie: XmlTekst | None = Field(default=None, max_length=200)


class TerugkoppelingUit(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    status: str
    bericht: str
    referentie: str | None
    aangemaakt_op: dt.datetime
    aflevering: str
    reden: str | None
    verzonden_op: dt.datetime | None


class HulpvraagKort(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    titel: str
    status: str
    brin: str
    vestigingscode: str | None
    schoolnaam: str | None
    leerling_naam: str | None
    overstap: str | None
    aangemaakt_op: dt.datetime
    bijgewerkt_op: dt.datetime
    toegekend_op: dt.datetime | None


class HulpvraagDetail(HulpvraagKort):
    omschrijving: str | None
    toegekend_door: str | None
    aanleverpunt_id: str
    bijlagen: list[BijlageUit]
    terugkoppelingen: list[TerugkoppelingUit]


class HulpvraagWijziging(BaseModel):
    """Set titel and/or omschrijving."""

    model_config = ConfigDict(extra="forbid")

    titel: XmlTekst | None = Field(default=None, min_length=1, max_length=200)
    omschrijving: XmlTekst | None = Field(default=None, max_length=10_000)

    @model_validator(mode="after")
    def iets_gewijzigd(self) -> HulpvraagWijziging:
        if self.titel is None and self.omschrijving is None:
            raise ValueError("geef titel en/of omschrijving")
        return self
