"""The dossier service's leerlingimporten as the portal uses them, on behalf of the signed-in user.

Kept apart from ``clients/dossier.py``: it uses that client's generic calls (the user's bearer token, typed answers,
one error type) for ``/v1/leerlingimporten`` and ``/v1/inrichtingen``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import Field
from starlette.datastructures import UploadFile

from oso_portal.accounts.service import Aangemeld
from oso_portal.clients.base import Antwoord
from oso_portal.clients.dossier import DossierClient

IMPORTEN = "/v1/leerlingimporten"
INRICHTINGEN = "/v1/inrichtingen"
SOORTEN = {
    "leerlingen": "Leerlingen (45 kolommen)",
    "groepen": "Groepen (7 kolommen)",
    "koppel": "Leerling-groep-koppel (3 kolommen)",
}
TEKENSETS = {"utf-8": "UTF-8", "windows-1252": "Windows-1252", "iso-8859-1": "ISO-8859-1"}
LOGSOORTEN = {"fout": "Fout", "waarschuwing": "Waarschuwing", "info": "Info"}


class Logregel(Antwoord):
    regel: int
    kolom: str | None = None
    soort: str
    melding: str


class Import(Antwoord):
    """One import with its log (``regel`` 0 is the file as a whole)."""

    id: uuid.UUID
    status: str
    regels: int
    aantallen: dict[str, int] = Field(default_factory=dict)
    log: list[Logregel] = Field(default_factory=list)


class ImportSamenvatting(Antwoord):
    """An earlier import in the list."""

    id: uuid.UUID
    soort: str
    modus: str
    schooljaar: str
    vestigingscode: str
    status: str
    regels: int
    op: dt.datetime


def huidig_schooljaar(vandaag: dt.date | None = None) -> str:
    """The schooljaar of ``vandaag``: from 1 August on, the one that starts this calendar year."""
    vandaag = vandaag or dt.datetime.now(dt.UTC).date()
    begin = vandaag.year if vandaag.month >= 8 else vandaag.year - 1
    return f"{begin}-{begin + 1}"


async def importeer(dienst: DossierClient, gebruiker: Aangemeld, bestand: UploadFile, velden: dict[str, str]) -> Import:
    """Send the file on to ``POST /v1/leerlingimporten`` (streamed from the spooled upload)."""
    files = {"bestand": (bestand.filename or "export.csv", bestand.file, bestand.content_type or "text/csv")}
    response = await dienst.raw(gebruiker, "POST", IMPORTEN, data=velden, files=files, timeout=dienst.upload_timeout)
    return Import.model_validate_json(response.content)


async def lijst(dienst: DossierClient, gebruiker: Aangemeld) -> list[ImportSamenvatting]:
    """The school's earlier imports, newest first."""
    return await dienst.get_list(gebruiker, IMPORTEN, ImportSamenvatting)


async def haal(dienst: DossierClient, gebruiker: Aangemeld, import_id: uuid.UUID) -> Import:
    """One import with its log."""
    return await dienst.get(gebruiker, f"{IMPORTEN}/{import_id}", Import)


async def exporteer(dienst: DossierClient, gebruiker: Aangemeld, schooljaar: str, params: dict[str, str]) -> bytes:
    """The current inrichting as CSV in the import layout."""
    response = await dienst.raw(
        gebruiker, "GET", f"{INRICHTINGEN}/{schooljaar}/export", params=params, headers={"accept": "text/csv"}
    )
    return response.content


async def verwijder_inrichting(
    dienst: DossierClient, gebruiker: Aangemeld, schooljaar: str, vestigingscode: str
) -> dict[str, Any]:
    """Remove the links of one schooljaar and vestiging (leerlingen and dossiers stay)."""
    response = await dienst.raw(
        gebruiker, "DELETE", f"{INRICHTINGEN}/{schooljaar}", params={"vestigingscode": vestigingscode}
    )
    data = response.json()
    return data if isinstance(data, dict) else {}
