"""The registry's JSON exchange format ``oso-registry/1`` (import and export; see the service README)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from oso_registry.brin import BRIN4_PATTERN, VESTIGINGSCODE_PATTERN
from oso_shared.tekst import XmlTekst

FORMAAT: Literal["oso-registry/1"] = "oso-registry/1"


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SysteemData(_Strikt):
    naam: XmlTekst = Field(min_length=1, max_length=60)
    soort: Literal["school", "swv"]


class VestigingData(_Strikt):
    vestigingscode: XmlTekst = Field(pattern=VESTIGINGSCODE_PATTERN)
    naam: XmlTekst = Field(min_length=1, max_length=200)
    eigen_omgeving: bool = False
    aanleverpuntnummer: int = Field(default=0, ge=0, le=99999)
    aanleverpunt_ingesteld: bool = False
    straat: XmlTekst | None = Field(default=None, max_length=200)
    huisnummer: XmlTekst | None = Field(default=None, max_length=20)
    postcode: XmlTekst | None = Field(default=None, max_length=7)
    plaats: XmlTekst | None = Field(default=None, max_length=100)
    telefoon: XmlTekst | None = Field(default=None, max_length=30)
    email: XmlTekst | None = Field(default=None, max_length=200)


class MandaatData(_Strikt):
    dienst: XmlTekst = Field(min_length=1, max_length=20)
    systeem: XmlTekst = Field(min_length=1, max_length=60)


class SchoolData(_Strikt):
    brin: XmlTekst = Field(pattern=BRIN4_PATTERN)
    naam: XmlTekst = Field(min_length=1, max_length=200)
    oso_swv_geregistreerd: bool = False
    vestigingen: list[VestigingData] = Field(min_length=1)
    mandaten: list[MandaatData] = Field(default_factory=list)


class BestuurData(_Strikt):
    nummer: XmlTekst = Field(pattern=r"^[0-9]{5}$")
    naam: XmlTekst = Field(min_length=1, max_length=200)
    scholen: list[SchoolData] = Field(default_factory=list)


class AanleverpuntData(_Strikt):
    id: uuid.UUID
    nummer: XmlTekst = Field(pattern=r"^[0-9]{4}[0-9]{0,2}500$", max_length=12)
    label: XmlTekst = Field(min_length=1, max_length=200)
    endpoint: XmlTekst = Field(pattern=r"^https?://", max_length=500)
    oin: XmlTekst = Field(pattern=r"^[0-9]{20}$")
    publieke_sleutel: XmlTekst = Field(max_length=2000)


class SwvData(_Strikt):
    code: XmlTekst = Field(min_length=1, max_length=20)
    naam: XmlTekst = Field(min_length=1, max_length=200)
    systeem: XmlTekst = Field(min_length=1, max_length=60)
    regio: list[Annotated[str, Field(pattern=r"^[0-9]{1,4}$")]] = Field(
        default_factory=list,
        description="Postcodegebied: voorvoegsels van postcodes (30, 3112); erbuiten bevestigt het bestuur.",
    )
    aanleverpunten: list[AanleverpuntData] = Field(default_factory=list)
    registraties: list[XmlTekst] = Field(default_factory=list, description="BRIN4, of BRIN6 voor een eigen omgeving.")


class RegistryData(_Strikt):
    formaat: Literal["oso-registry/1"] = FORMAAT
    systemen: list[SysteemData] = Field(default_factory=list)
    besturen: list[BestuurData] = Field(default_factory=list)
    samenwerkingsverbanden: list[SwvData] = Field(default_factory=list)
