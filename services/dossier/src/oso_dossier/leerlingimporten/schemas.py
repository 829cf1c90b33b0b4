"""API shapes of leerlingimporten: the import object exactly as issue 17 fixes it, and the list summary."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel


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
