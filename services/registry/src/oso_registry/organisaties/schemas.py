"""Response and request bodies of besturen, scholen, vestigingen and the school's OSO-SWV setup."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class BestuurUit(BaseModel):
    nummer: str = Field(description="Bevoegd-gezagnummer.")
    naam: str


class SchoolKort(BaseModel):
    brin: str
    naam: str
    bestuur_nummer: str


class BestuurDetail(BestuurUit):
    scholen: list[SchoolKort]


class Adres(BaseModel):
    straat: str | None
    huisnummer: str | None
    postcode: str | None
    plaats: str | None


class VestigingUit(BaseModel):
    brin: str = Field(description="BRIN4 van de school.")
    vestigingscode: str
    brin6: str
    naam: str
    eigen_omgeving: bool = Field(description="De vestiging heeft een eigen omgeving in het schoolsysteem.")
    aanleverpuntnummer: int = Field(description="OSO-aanleverpuntnummer van de locatie (standaard 0).")
    aanleverpunt_ingesteld: bool = Field(description="Stap 3: de school heeft het aanleverpunt ingesteld.")
    routeringskenmerk: str = Field(description="00000007000 + BRIN4 + aanleverpunt in 5 cijfers.")
    adres: Adres
    telefoon: str | None
    email: str | None


class SchoolUit(BaseModel):
    brin: str
    naam: str
    bestuur: BestuurUit
    oso_swv_geregistreerd: bool = Field(description="Stap 3: BRIN geregistreerd voor OSO-SWV.")
    oso_swv_geregistreerd_op: dt.datetime | None
    vestigingen: list[VestigingUit]


class AanleverpuntInstellen(BaseModel):
    model_config = ConfigDict(extra="forbid")

    aanleverpuntnummer: int = Field(default=0, ge=0, le=99999, description="Meestal 0 (het LAS).")
