"""Bodies of mandates, mandate copies and the board's mandate status."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from oso_registry.organisaties.schemas import BestuurUit
from oso_registry.swv.schemas import Gereedheid
from oso_shared.contracts.route import SwvUit
from oso_shared.tekst import XmlTekst


class MandaatUit(BaseModel):
    id: uuid.UUID
    brin: str
    dienst: str
    systeem: str
    actief: bool
    verleend_op: dt.datetime
    verleend_door: str
    ingetrokken_op: dt.datetime | None
    ingetrokken_door: str | None


class MandaatNieuw(BaseModel):
    model_config = ConfigDict(extra="forbid")

    dienst: XmlTekst = Field(max_length=20, examples=["OSO-SWV"])
    systeem: XmlTekst = Field(max_length=60, examples=["Magister", "Kindkans"])


class KopieBron(MandaatNieuw):
    brin: XmlTekst = Field(max_length=4, description="BRIN4 van de school waarvan het mandaat wordt gekopieerd.")


class KopieAanvraag(BaseModel):
    model_config = ConfigDict(extra="forbid")

    bron: KopieBron
    doelen: list[XmlTekst] = Field(
        min_length=1, max_length=500, description="BRIN4 van de doelscholen (zelfde bestuur)."
    )
    bevestigen: bool = Field(default=False, description="false: alleen voorbeeld; true: uitvoeren.")


class KopieDoel(BaseModel):
    brin: str
    naam: str
    resultaat: Literal["nieuw", "bestaat_al"] = Field(
        description="Voorbeeld: wat er zou gebeuren; bevestigd: wat er gebeurde."
    )


class KopieResultaat(BaseModel):
    bron: KopieBron
    bevestigd: bool
    doelen: list[KopieDoel]


class SwvStatus(BaseModel):
    swv: SwvUit
    registratie: XmlTekst = Field(description="BRIN4 of BRIN6 zoals het SWV de school registreerde.")
    stappen: Gereedheid


class SchoolStatus(BaseModel):
    brin: str
    naam: str
    mandaten: list[MandaatUit]
    swvs: list[SwvStatus] = Field(description="Per samenwerkingsverband dat de school registreerde.")


class Mandaatstatus(BaseModel):
    bestuur: BestuurUit
    scholen: list[SchoolStatus]
