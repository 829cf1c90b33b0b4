"""Request and response of ``POST /v1/uitwisselcontroles`` (fixed by docs/contracts.md)."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Code = Literal[
    "SCHOOL_NIET_GEREGISTREERD_BIJ_SWV",
    "MANDAAT_SCHOOLSYSTEEM_ONTBREEKT",
    "MANDAAT_SWV_SYSTEEM_ONTBREEKT",
    "BRIN_NIET_GEREGISTREERD_VOOR_OSO_SWV",
    "AANLEVERPUNT_NIET_INGESTELD",
]


class Bron(BaseModel):
    model_config = ConfigDict(extra="forbid")

    brin: str = Field(max_length=6, description="BRIN4 (99AA) of BRIN6 (99AA02) van de verstrekkende school.")
    systeem: str = Field(max_length=60, description="Schoolsysteem van de verstrekker, bijvoorbeeld Magister.")


class Doel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    aanleverpunt: str = Field(max_length=64, description="Id (uuid) of nummer (eindigt op 500) van het aanleverpunt.")


class UitwisselcontroleAanvraag(BaseModel):
    model_config = ConfigDict(extra="forbid")

    dienst: Literal["OSO-SWV"]
    bron: Bron
    doel: Doel


class Ontbrekend(BaseModel):
    stap: Literal[1, 2, 3]
    code: Code
    wie: Literal["swv", "bestuur", "school"]
    uitleg: str


class RouteSwv(BaseModel):
    code: str
    naam: str


class RouteAanleverpunt(BaseModel):
    id: uuid.UUID
    nummer: str
    label: str
    routeringskenmerk: str


class Route(BaseModel):
    swv: RouteSwv
    aanleverpunt: RouteAanleverpunt
    endpoint: str
    oin: str
    besluit: str = Field(
        description=(
            "Dit besluit, ondertekend door het register (JWT, audience oso-uitwisselbesluit, kort geldig): "
            "wie het doorgeeft, bespaart de ontvanger een tweede controle."
        )
    )


class Uitwisselcontrole(BaseModel):
    toegestaan: bool
    ontbrekend: list[Ontbrekend]
    route: Route | None
