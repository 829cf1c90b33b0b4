"""Bodies of SWVs, aanleverpunten and registrations; what other services read is in ``oso_shared.contracts.route``."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from oso_shared.contracts.route import SwvKort, SwvUit
from oso_shared.tekst import XmlTekst


class AanleverpuntPubliek(BaseModel):
    id: uuid.UUID
    nummer: str
    label: str
    routeringskenmerk: str


class SwvDetail(SwvUit):
    aanleverpunten: list[AanleverpuntPubliek]


class AanleverpuntNieuw(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID | None = None
    nummer: XmlTekst = Field(
        pattern=r"^[0-9]{4}[0-9]{0,2}500$", max_length=12, description="Eindigt op 500, bijv. 2801500."
    )
    label: XmlTekst = Field(min_length=1, max_length=200)
    endpoint: XmlTekst = Field(pattern=r"^https?://", max_length=500)
    oin: XmlTekst = Field(pattern=r"^[0-9]{20}$")
    publieke_sleutel: XmlTekst = Field(max_length=2000, description="Ed25519 public key, PEM.")


class RegistratieNieuw(BaseModel):
    model_config = ConfigDict(extra="forbid")

    brin: XmlTekst = Field(max_length=6, description="BRIN4, of BRIN6 voor een vestiging met een eigen omgeving.")


class Gereedheid(BaseModel):
    """State of the three setup steps for one (school, SWV) pair."""

    school_bekend: bool
    stap1_geregistreerd_bij_swv: bool
    stap2_mandaat_schoolsysteem: bool
    stap2_mandaat_swv_systeem: bool
    stap3_brin_geregistreerd: bool
    stap3_aanleverpunt_ingesteld: bool
    ontbrekende_aanleverpunten: list[str] = Field(description="BRIN6 van vestigingen zonder ingesteld aanleverpunt.")
    schoolsystemen_met_mandaat: list[str]
    gereed: bool


class RegistratieUit(BaseModel):
    id: uuid.UUID
    swv: str
    brin: XmlTekst = Field(description="BRIN4 of BRIN6 zoals geregistreerd.")
    school_naam: str | None
    extern: bool = Field(description="School hoort niet bij een bestuur in dit register.")
    geregistreerd_op: dt.datetime
    gereedheid: Gereedheid
    status: Literal["aangevraagd", "actief", "afgewezen"] = Field(
        description="Alleen actief telt als stap 1; buiten de regio van het SWV eerst bevestigd door het bestuur."
    )


class RegistratieVerzoek(BaseModel):
    """A registration of one of the board's schools by an SWV, as the board sees it."""

    id: uuid.UUID
    swv: SwvKort
    brin: str = Field(description="BRIN4 of BRIN6 zoals geregistreerd.")
    school_naam: str
    status: Literal["aangevraagd", "actief", "afgewezen"]
    binnen_regio: bool = Field(description="De school ligt in de regio (postcodegebied) van het SWV.")
    geregistreerd_op: dt.datetime
    beoordeeld_op: dt.datetime | None
