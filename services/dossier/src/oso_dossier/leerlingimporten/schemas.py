"""API shapes of leerlingimporten: the import object exactly as issue 17 fixes it, and the list summary."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict


class Logregel(BaseModel):
    """One line of the import log: ``regel`` is the file's line number (0 = the file as a whole)."""

    regel: int
    kolom: str | None
    soort: Literal["fout", "waarschuwing", "info"]
    melding: str


class LeerlingImportUit(BaseModel):
    """The outcome of ``POST /v1/leerlingimporten`` and ``GET /v1/leerlingimporten/{id}``."""

    id: uuid.UUID
    status: Literal["succesvol", "fouten_gevonden"]
    regels: int
    aantallen: dict[str, int]
    log: list[Logregel]


class LeerlingImportSamenvatting(BaseModel):
    """One earlier import in the list (without its log)."""

    id: uuid.UUID
    soort: Literal["leerlingen", "groepen", "koppel"]
    modus: Literal["testen", "inlezen"]
    schooljaar: str
    vestigingscode: str
    tekenset: str
    status: Literal["succesvol", "fouten_gevonden"]
    regels: int
    aantallen: dict[str, int]
    bestand_sha256: str
    door: str
    op: dt.datetime


class InrichtingVerwijderd(BaseModel):
    """What ``DELETE /v1/inrichtingen/{schooljaar}`` removed, per table (leerlingen and dossiers stay)."""

    schooljaar: str
    vestigingscode: str | None
    verwijderd: dict[str, int]


class MentorUit(BaseModel):
    """A mentor of the pupil (klassementor 1/2 or persoonlijke mentor): the contactpersoon options of a dossier."""

    soort: Literal["klassementor", "persoonlijk"]
    volgnummer: int
    schooljaar: str
    nummer: str
    naam: str
    email: str | None


class GroepUit(BaseModel):
    code: str
    schooljaar: str
    vestigingscode: str


class VerzorgerRij(BaseModel):
    """Ouder/verzorger 1, 2 or 3 of a leerlingen line, as the file has them (also the read model's core)."""

    model_config = ConfigDict(frozen=True)

    volgnummer: int
    voorletters: str | None
    tussenvoegsel: str | None
    achternaam: str
    geslacht: str | None
    email: str | None
    post_ontvangen: bool


class VerzorgerUit(VerzorgerRij):
    schooljaar: str


class InschrijvingUit(BaseModel):
    schooljaar: str
    vestigingscode: str
    ilt_code: str | None
    leerjaar: str | None
    klas: str | None
    email: str | None
    vertrekdatum: dt.date | None
    uitgeschreven: bool


class LeerlingInrichting(BaseModel):
    """``GET /v1/leerlingen/{id}/inrichting``: what the imports say about one pupil (running links only)."""

    inschrijvingen: list[InschrijvingUit]
    mentoren: list[MentorUit]
    groepen: list[GroepUit]
    verzorgers: list[VerzorgerUit]
