"""API shapes of VO-SWV dossiers, their actions and timeline (gateway events: ``oso_shared.contracts``)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from oso_dossier.bijlagen.schemas import BijlageUit
from oso_shared.contracts.route import AanleverpuntKeuze
from oso_shared.tekst import XML_VEILIG

MELDING_CORRECT = "Het dossier is correct bevonden"
MELDING_WORDT_VERSTUURD = "Notificatie aan samenwerkingsverband wordt verstuurd"
MELDING_VERSTUURD = "Notificatie aan samenwerkingsverband is verstuurd"

Optioneel = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True), XML_VEILIG]
Aandachtspunten = Annotated[str, StringConstraints(min_length=1, max_length=280, strip_whitespace=True), XML_VEILIG]


class Categorieen(BaseModel):
    """Per OPTIONEEL category whether it goes along (false = OPT-UIT)."""

    model_config = ConfigDict(extra="forbid")

    cat_ouderinzage: bool = True
    cat_overstapadvies: bool = True
    cat_verzuim: bool = True
    cat_eindtoetsbo: bool = True
    cat_toetsresultaten: bool = True
    cat_handelingsplannen: bool = True
    cat_cijferlijsten: bool = True
    cat_vombo: bool = True
    cat_bijlagedocs: bool = True


class Opties(BaseModel):
    """The optional parts of a VO-SWV dossier (Magister: contact nodig met mentor, contactpersoon, aandachtspunten)."""

    model_config = ConfigDict(extra="forbid")

    contactnodig: bool | None = None
    contactpersoon: Optioneel | None = None
    contacttelefoon: Optioneel | None = None
    contactemail: Optioneel | None = None
    aandachtspunten: (
        Annotated[str, StringConstraints(min_length=1, max_length=280, strip_whitespace=True), XML_VEILIG] | None
    ) = None


class DossierIn(BaseModel):
    """Create a VO-SWV dossier: leerling, aanvragende school (vestiging) and aanleverpunt doel."""

    model_config = ConfigDict(extra="forbid")

    leerling_id: uuid.UUID
    vestigingscode: Annotated[str, StringConstraints(pattern=r"^[0-9]{2}$"), XML_VEILIG]
    aanleverpunt_id: Annotated[str, StringConstraints(min_length=1, max_length=64), XML_VEILIG]
    opties: Opties = Field(default_factory=Opties)
    categorieen: Categorieen = Field(default_factory=Categorieen)
    vorige_dossier_id: uuid.UUID | None = Field(
        default=None, description="Correction: the earlier (opvraagbaar) dossier this one replaces."
    )


class DossierWijziging(BaseModel):
    """Change the optional parts or the category choices of a draft."""

    model_config = ConfigDict(extra="forbid")

    opties: Opties | None = None
    categorieen: Categorieen | None = None


class Validatie(BaseModel):
    valid: bool
    xsd_toegepast: bool
    melding: str
    op: dt.datetime
    findings: list[dict[str, Any]]


class DossierUit(BaseModel):
    id: uuid.UUID
    leerling_id: uuid.UUID
    brin: str
    vestigingscode: str
    status: str
    melding: str | None
    school: dict[str, Any]
    aanleverpunt: dict[str, Any]
    opties: Opties
    categorieen: dict[str, str]
    vorige_dossier_id: uuid.UUID | None
    voltooid_op: dt.datetime | None
    gegenereerd_op: dt.datetime | None
    xml_grootte: int | None
    xml_sha256: str | None
    actueel: bool | None = Field(
        default=None, description="Generated XML still matches the current data (None when not generated)."
    )
    validatie: Validatie | None
    aflevering_id: uuid.UUID | None
    mislukt_reden: str | None
    terugkoppeling: dict[str, Any] | None
    bijlagen: list[BijlageUit]
    waarschuwingen: list[str] = Field(default_factory=list, description="Choices that leave entered data out.")
    aangemaakt_op: dt.datetime
    gewijzigd_op: dt.datetime
    opgeschoond_op: dt.datetime | None


class DossierSamenvatting(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    leerling_id: uuid.UUID
    status: str
    aanleverpunt: dict[str, Any]
    aangemaakt_op: dt.datetime
    gewijzigd_op: dt.datetime


class TijdlijnItem(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    soort: str
    op: dt.datetime
    door: str
    reden: str | None
    gegevens: dict[str, Any] | None


class Ontbrekend(BaseModel):
    """A step missing before opvraagbaar maken: the dossier's own (no ``stap``) or one the registry reported."""

    stap: int | None = None
    code: str
    wie: str
    uitleg: str


class Vestigingkeuze(BaseModel):
    vestigingscode: str
    naam: str


class Categoriekeuze(BaseModel):
    naam: str
    label: str


class Keuzes(BaseModel):
    """What a zorgcoördinator chooses from when creating a VO-SWV dossier."""

    vestigingen: list[Vestigingkeuze]
    aanleverpunten: list[AanleverpuntKeuze]
    optionele_categorieen: list[Categoriekeuze]
    waarschuwing: str
