"""Registry hop: the exchange check ``POST /v1/uitwisselcontroles`` and the aanleverpunt look-ups."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from oso_shared.tekst import XmlTekst

OntbrekendCode = Literal[
    "SCHOOL_NIET_GEREGISTREERD_BIJ_SWV",
    "MANDAAT_SCHOOLSYSTEEM_ONTBREEKT",
    "MANDAAT_SWV_SYSTEEM_ONTBREEKT",
    "BRIN_NIET_GEREGISTREERD_VOOR_OSO_SWV",
    "AANLEVERPUNT_NIET_INGESTELD",
]


class Bron(BaseModel):
    """The sending school (BRIN4 or BRIN6) and its system."""

    model_config = ConfigDict(extra="forbid")

    brin: XmlTekst = Field(max_length=6, description="BRIN4 (99AA) of BRIN6 (99AA02) van de verstrekkende school.")
    systeem: XmlTekst = Field(max_length=60, description="Schoolsysteem van de verstrekker, bijvoorbeeld Magister.")


class Doel(BaseModel):
    """The aanleverpunt asked about, by id or by number."""

    model_config = ConfigDict(extra="forbid")

    aanleverpunt: XmlTekst = Field(
        max_length=64, description="Id (uuid) of nummer (eindigt op 500) van het aanleverpunt."
    )


class UitwisselcontroleAanvraag(BaseModel):
    """Body of ``POST /v1/uitwisselcontroles``."""

    model_config = ConfigDict(extra="forbid")

    dienst: Literal["OSO-SWV"]
    bron: Bron
    doel: Doel


class Ontbrekend(BaseModel):
    """One missing step of the three-step readiness (who must act, and why)."""

    stap: Literal[1, 2, 3]
    code: OntbrekendCode
    wie: Literal["swv", "bestuur", "school"]
    uitleg: str


class SwvKort(BaseModel):
    """An SWV by code and name."""

    code: str
    naam: str


class SwvUit(SwvKort):
    """An SWV with its system."""

    systeem: str


class RouteSwv(BaseModel):
    """The SWV of a route."""

    code: str
    naam: str


class RouteAanleverpunt(BaseModel):
    """The aanleverpunt of a route."""

    id: uuid.UUID
    nummer: str
    label: str
    routeringskenmerk: str


class Route(BaseModel):
    """Where an allowed exchange goes, with the registry's signed decision."""

    swv: RouteSwv
    aanleverpunt: RouteAanleverpunt
    endpoint: str
    oin: str
    besluit: XmlTekst = Field(
        description=(
            "Dit besluit, ondertekend door het register (JWT, audience oso-uitwisselbesluit, kort geldig): "
            "wie het doorgeeft, bespaart de ontvanger een tweede controle."
        )
    )


class Uitwisselcontrole(BaseModel):
    """Answer of ``POST /v1/uitwisselcontroles``: allowed with a route, or what is missing."""

    toegestaan: bool
    ontbrekend: list[Ontbrekend]
    route: Route | None


class AanleverpuntKeuze(BaseModel):
    """One entry of ``GET /v1/scholen/{brin}/aanleverpunten`` (the "Aanleverpunt Doel" choice list)."""

    id: uuid.UUID
    nummer: str
    label: str
    swv: SwvKort


class AanleverpuntDetail(BaseModel):
    """``GET /v1/aanleverpunten/{id}``: what the gateway needs to notify the SWV and verify its tokens."""

    id: uuid.UUID
    nummer: str
    label: str
    routeringskenmerk: str
    endpoint: str
    oin: str
    publieke_sleutel: XmlTekst = Field(description="Ed25519 public key, PEM (SubjectPublicKeyInfo).")
    swv: SwvUit
