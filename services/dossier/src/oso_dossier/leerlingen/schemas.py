"""API shapes of leerlingen: the data a VO-SWV (and PO-SWV) dossier carries, in OSO terms."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from oso_shared.tekst import XML_VEILIG

Tekst = Annotated[str, StringConstraints(min_length=1, max_length=500, strip_whitespace=True), XML_VEILIG]
LangeTekst = Annotated[str, StringConstraints(min_length=1, max_length=4000, strip_whitespace=True), XML_VEILIG]
Brin = Annotated[str, StringConstraints(pattern=r"^[0-9]{2}[A-Z]{2}$"), XML_VEILIG]
Vestigingscode = Annotated[str, StringConstraints(pattern=r"^[0-9]{2}$"), XML_VEILIG]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Adres(_Model):
    soortadres: Literal["bezoek", "post", "gba"] = "bezoek"
    straat: Annotated[str, StringConstraints(min_length=1, max_length=24), XML_VEILIG]
    nummer: Tekst
    toevoeging: Tekst | None = None
    postcode: Tekst
    plaats: Tekst
    gemeente: Tekst | None = None


class Communicatie(_Model):
    soort: Literal["telefoon", "e-mail"]
    aanduiding: Literal["werk", "prive", "overig"] | None = None
    nummer: Tekst
    geheim: bool = False
    noodnummer: bool = False


class Verzorger(_Model):
    voornamen: list[Tekst] = Field(default_factory=list)
    voorletters: Tekst | None = None
    voorvoegsel: Tekst | None = None
    achternaam: Tekst
    geslacht: Literal["0", "1", "2"] | None = None
    adresgeheim: bool = False
    adressen: list[Adres] = Field(default_factory=list)
    communicatie: list[Communicatie] = Field(default_factory=list)
    relatietotkind: Literal["1", "2", "3", "4", "5", "6", "7", "8", "9"] | None = None
    wettigevertegenwoordiger: bool = True
    # Kept for the school's own administration; never placed in an SWV dossier (PaO.OV05).
    banknummer: Tekst | None = None
    iban: Tekst | None = None


class Schoolloopbaan(_Model):
    schooljaar: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{4}$"), XML_VEILIG]
    groepscode: Tekst
    groepsnaam: Tekst | None = None
    jaargroep: Literal["0", "1", "2", "3", "4", "5", "6", "7", "8", "11", "12", "13", "14", "15", "16", "S", "P"]
    begindatum: dt.date | None = None
    einddatum: dt.date | None = None
    brincode: Brin
    vestigingscode: Vestigingscode
    schoolsoort: Tekst | None = None
    schooltype: Tekst | None = None
    voelementcode: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$"), XML_VEILIG] | None = None
    voelementomschrijving: Tekst | None = None


DiagnoseCode = Literal[
    "F79.VB", "F79.ZB", "HB", "F80", "F81.0", "F81.1", "F81.2", "F81.9", "F82", "F84", "F84.0", "F84.2", "F84.5",
    "F84.nld", "F84.mcdd", "F90", "F90.0", "F90.0+", "F90.0-", "F91", "F91.3", "F95", "F95.2", "F41.0", "F43.1",
    "F43.2", "F50", "F92.0", "F93.1", "F94", "Fspd", "G40", "H54.0", "H54.2", "H91.9.d", "H91.9.s", "Z62",
]  # fmt: skip


class Diagnose(_Model):
    codes: list[DiagnoseCode] = Field(min_length=1)
    naam: Tekst | None = None
    datum: dt.date | None = None
    doorwie: Tekst | None = None
    instantie: Tekst | None = None


class Handelingsplan(_Model):
    startdatum: dt.date
    einddatum: dt.date | None = None
    isgerichtop: Tekst


class Opp(_Model):
    ingangdatum: dt.date
    einddatum: dt.date | None = None


class Tlv(_Model):
    ingangdatum: dt.date
    swvnummer: Tekst
    categorie: Literal["H", "M", "L", "Nvt"]
    beschikkingsnummer: Tekst
    einddatum: dt.date | None = None


class Arrangement(_Model):
    datum: dt.date
    kenmerk: Tekst | None = None
    beschikkingsnummer: Tekst | None = None
    einddatum: dt.date | None = None


class Lwoo(_Model):
    ingangdatum: dt.date
    swvnummer: Tekst
    beschikkingsnummer: Tekst
    einddatum: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-07-31$"), XML_VEILIG] | None = None


class Onderwijsondersteuning(_Model):
    diagnoses: list[Diagnose] = Field(default_factory=list)
    medicijngebruik: bool = False
    handelingsplannen: list[Handelingsplan] = Field(default_factory=list)
    opp: Opp | None = None
    tlvs: list[Tlv] = Field(default_factory=list)
    arrangementen: list[Arrangement] = Field(default_factory=list)
    lwoo: Lwoo | None = None


class Verzuim(_Model):
    urengeoorloofd: int | None = Field(default=None, ge=0)
    urenongeoorloofd: int | None = Field(default=None, ge=0)
    meerdan25percent: bool | None = None
    frequentie: int | None = Field(default=None, ge=0)
    contactleerplicht: bool | None = None
    rmcmelding: bool | None = None


class Referentiescore(_Model):
    code: Literal[
        "AE", "CAE", "IV", "CIV", "FN", "ON", "DLE", "Percentiel", "Percentage", "T-score", "Stanine", "DQ", "IQ",
        "ERK", "C-score", "Norm", "RNTRM", "ZML", "LGH", "AVI", "NAZ", "LM", "Standaardscore", "LA",
    ]  # fmt: skip
    vergelijkingsgroep: Literal["BB+", "BB", "KB", "GT", "HAVO", "VWO", "Landelijk"] = "Landelijk"
    waarde: Tekst | None = None
    kwalificatie: Tekst | None = None


class Toets(_Model):
    toetscode: Tekst
    leergebied: Tekst | None = None
    toetsnaam: Tekst | None = None
    afnamedatum: dt.date
    jaargroep: (
        Literal["0", "1", "2", "3", "4", "5", "6", "7", "8", "11", "12", "13", "14", "15", "16", "S", "P"] | None
    ) = None
    aantalgoed: int | None = None
    vaardigheidsscore: Decimal | None = None
    referentiescores: list[Referentiescore] = Field(default_factory=list)
    opmerking: Tekst | None = None


class Cijfer(_Model):
    vak: Tekst
    waarde: Tekst
    periode: Tekst | None = None


class Cijferlijst(_Model):
    naam: Tekst
    jaargroep: Literal["0", "1", "2", "3", "4", "5", "6", "7", "8", "11", "12", "13", "14", "15", "16", "S", "P"]
    afnamedatum: dt.date | None = None
    periode: Tekst | None = None
    cijfers: list[Cijfer] = Field(default_factory=list)
    gemiddelde: Tekst


class Overstapadvies(_Model):
    advies: Literal[
        "01", "10", "20", "21", "22", "23", "30", "31", "32", "33", "34", "35", "40", "41", "42", "43", "44", "50",
        "51", "52", "60", "61", "70", "80",
    ] | None = None  # fmt: skip
    profiel: Literal["basis", "plus", "bespreek", "disharmonisch", "ondersteuning"] | None = None
    argumentatie: LangeTekst | None = None


class VakResultaat(_Model):
    vakcode: Annotated[str, StringConstraints(min_length=1, max_length=10), XML_VEILIG]
    vakleergebied: Tekst | None = None
    rapportcijfer: Decimal


class LeerlingGegevens(_Model):
    """Everything the school records about a pupil that a dossier may carry (never the PGN)."""

    voornamen: list[Tekst] = Field(min_length=1)
    voorletters: Tekst | None = None
    voorvoegsel: Tekst | None = None
    achternaam: Tekst
    roepnaam: Tekst | None = None
    geboortedatum: dt.date
    geslacht: Literal["0", "1", "2"] | None = None
    # Kept for the school's own use; forbidden in an SWV dossier (PaO.LL10, LL11).
    geboorteplaats: Tekst | None = None
    nationaliteit: Tekst | None = None
    adresgeheim: bool = False
    adressen: list[Adres] = Field(default_factory=list)
    adresbuitenland: Annotated[str, StringConstraints(min_length=1, max_length=35), XML_VEILIG] | None = None
    communicatie: list[Communicatie] = Field(default_factory=list)
    onderwijssinds: dt.date | None = None
    datuminschrijving: dt.date | None = None
    verzorgers: list[Verzorger] = Field(default_factory=list)
    overstapadvies: Overstapadvies | None = None
    schoolloopbaan: list[Schoolloopbaan] = Field(default_factory=list)
    onderwijsondersteuning: Onderwijsondersteuning = Field(default_factory=Onderwijsondersteuning)
    verzuim: Verzuim | None = None
    toetsen: list[Toets] = Field(default_factory=list)
    cijferlijsten: list[Cijferlijst] = Field(default_factory=list)
    vakresultaten: list[VakResultaat] = Field(default_factory=list)


class LeerlingIn(_Model):
    """Create or replace a leerling of the caller's school."""

    vestigingscode: Vestigingscode
    leerlingnummer: Annotated[str, StringConstraints(min_length=1, max_length=40, strip_whitespace=True), XML_VEILIG]
    bsn: Annotated[str, StringConstraints(pattern=r"^[0-9]{9}$"), XML_VEILIG] | None = None
    onderwijsnummer: Annotated[str, StringConstraints(pattern=r"^[0-9]{9}$"), XML_VEILIG] | None = None
    gegevens: LeerlingGegevens


class LeerlingUit(BaseModel):
    id: uuid.UUID
    brin: str
    vestigingscode: str
    leerlingnummer: str
    heeft_bsn: bool
    heeft_onderwijsnummer: bool
    gegevens: LeerlingGegevens
    aangemaakt_op: dt.datetime
    gewijzigd_op: dt.datetime


class LeerlingDetail(LeerlingUit):
    """The school's own view: includes the decrypted PGN (never in a URL or log) and the school's vrije info."""

    bsn: str | None = None
    onderwijsnummer: str | None = None
    vrije_info: str | None = Field(
        default=None, description="The school's own notes on the pupil; never part of a dossier (XML, PDF)."
    )


class LeerlingSamenvatting(BaseModel):
    id: uuid.UUID
    vestigingscode: str
    leerlingnummer: str
    naam: str
    geboortedatum: dt.date


class VrijeInfo(_Model):
    """The school's free-text notes on a pupil: kept at the school, never in a dossier (null or absent clears them)."""

    vrije_info: LangeTekst | None = None
