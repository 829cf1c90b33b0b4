"""What the leerling tabs read from the dossier service: the pupil and the inrichting the imports wrote."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from pydantic import Field

from oso_portal.accounts.service import Aangemeld
from oso_portal.clients.base import Antwoord
from oso_portal.clients.dossier import DossierClient

TABS = {
    "basisgegevens": "Basisgegevens",
    "ouders-verzorgers": "Ouders/verzorgers",
    "contact": "Contact",
    "vrije-info": "Vrije info",
    "communicatie": "Communicatie",
}
GESLACHT = {"0": "Onbekend", "1": "Man", "2": "Vrouw", "M": "Man", "V": "Vrouw"}
MENTORSOORT = {"klassementor": "Klassementor", "persoonlijk": "Persoonlijke mentor"}


class Mentor(Antwoord):
    soort: str
    volgnummer: int
    schooljaar: str
    naam: str
    email: str | None = None


class Inschrijving(Antwoord):
    schooljaar: str
    vestigingscode: str
    klas: str | None = None
    leerjaar: str | None = None
    ilt_code: str | None = None
    email: str | None = None
    vertrekdatum: dt.date | None = None
    uitgeschreven: bool = False


class Inrichting(Antwoord):
    """``GET /v1/leerlingen/{id}/inrichting`` of the dossier service."""

    inschrijvingen: list[Inschrijving] = Field(default_factory=list)
    mentoren: list[Mentor] = Field(default_factory=list)
    groepen: list[Antwoord] = Field(default_factory=list)
    verzorgers: list[Antwoord] = Field(default_factory=list)


async def inrichting(dienst: DossierClient, gebruiker: Aangemeld, leerling_id: uuid.UUID) -> Inrichting:
    """The pupil's inschrijvingen, mentors, groepen and verzorgers as imported."""
    return await dienst.get(gebruiker, f"/v1/leerlingen/{leerling_id}/inrichting", Inrichting)


async def wijzig_gegevens(
    dienst: DossierClient, gebruiker: Aangemeld, leerling_id: uuid.UUID, wijzig: Callable[[dict[str, Any]], None]
) -> None:
    """Change the pupil's dossier data: read the pupil, apply ``wijzig`` to ``gegevens``, put the whole record back.

    ``PUT /v1/leerlingen/{id}`` replaces the record, so the PGN and the rest of the data go back as they were read.
    """
    leerling = await dienst.leerling(gebruiker, leerling_id)
    extra = leerling.model_extra or {}
    gegevens = dict(leerling.gegevens)
    wijzig(gegevens)
    body = {
        "vestigingscode": leerling.vestigingscode,
        "leerlingnummer": extra.get("leerlingnummer"),
        "bsn": extra.get("bsn"),
        "onderwijsnummer": extra.get("onderwijsnummer"),
        "gegevens": gegevens,
    }
    await dienst.raw(gebruiker, "PUT", f"/v1/leerlingen/{leerling_id}", json=body)
