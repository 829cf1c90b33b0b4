"""What the leerling tabs read from and write to the dossier service: the pupil, its vrije info, the inrichting."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from oso_portal.accounts.service import Aangemeld
from oso_portal.clients.base import Antwoord
from oso_portal.clients.dossier import DossierClient, Leerling
from oso_portal.problems import DienstFout

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
    dienst: DossierClient,
    gebruiker: Aangemeld,
    leerling_id: uuid.UUID,
    wijzig: Callable[[dict[str, Any]], None],
    pgn: dict[str, str | None] | None = None,
) -> None:
    """Change the pupil's dossier data: read the pupil, apply ``wijzig`` to ``gegevens``, put the whole record back.

    ``PUT /v1/leerlingen/{id}`` replaces the record, so the PGN and the rest of the data go back as they were read
    (``pgn``, when given, replaces ``bsn`` and ``onderwijsnummer``). The vrije info is not part of that record.
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
        **(pgn or {}),
        "gegevens": gegevens,
    }
    await dienst.raw(gebruiker, "PUT", f"/v1/leerlingen/{leerling_id}", json=body)


VRIJE_INFO_MAX = 4000


class VrijeInfo(BaseModel):
    """Body and answer of the dossier's ``PUT /v1/leerlingen/{id}/vrije-info``."""

    vrije_info: str | None = None


def vrije_info_tekst(tekst: str) -> tuple[str | None, str | None]:
    """The textarea's text as the dossier keeps it (line breaks as ``\\n``, empty = none) and an error, if any."""
    # Browsers send a textarea's line breaks as CRLF but count them as one character against ``maxlength``.
    schoon = tekst.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(schoon) > VRIJE_INFO_MAX:
        return schoon, f"Vrije info mag hoogstens {VRIJE_INFO_MAX} tekens zijn (nu {len(schoon)})."
    return schoon or None, None


async def bewaar_vrije_info(
    dienst: DossierClient, gebruiker: Aangemeld, leerling_id: uuid.UUID, tekst: str | None
) -> None:
    """Replace the pupil's vrije info (kept at the school; the dossier service never puts it in a dossier)."""
    url = f"/v1/leerlingen/{leerling_id}/vrije-info"
    await dienst.send(gebruiker, "PUT", url, VrijeInfo(vrije_info=tekst), VrijeInfo)


# The fields a Magister import (re)writes on every run: the Basisgegevens form marks them.
UIT_MAGISTER = frozenset({"roepnaam", "voorvoegsel", "achternaam", "geboortedatum", "geslacht"})
PERSOON = ("roepnaam", "voorletters", "voorvoegsel", "achternaam", "geboorteplaats", "nationaliteit")
DATUMS = ("geboortedatum", "onderwijssinds", "datuminschrijving")
ADRES = ("straat", "nummer", "toevoeging", "postcode", "plaats", "gemeente")
ADRES_VERPLICHT = {"straat": "straat", "nummer": "huisnummer", "postcode": "postcode", "plaats": "plaats"}


class Basisgegevens(BaseModel):
    """The Basisgegevens form: strings as typed, empty = not filled in (an empty PGN leaves the PGN as it is)."""

    model_config = ConfigDict(str_strip_whitespace=True)

    voornamen: str = Field(default="", max_length=500)
    roepnaam: str = Field(default="", max_length=500)
    voorletters: str = Field(default="", max_length=500)
    voorvoegsel: str = Field(default="", max_length=500)
    achternaam: str = Field(default="", max_length=500)
    geboortedatum: str = Field(default="", max_length=20)
    geslacht: Literal["", "0", "1", "2"] = ""
    geboorteplaats: str = Field(default="", max_length=500)
    nationaliteit: str = Field(default="", max_length=500)
    onderwijssinds: str = Field(default="", max_length=20)
    datuminschrijving: str = Field(default="", max_length=20)
    pgn_soort: Literal["bsn", "onderwijsnummer"] = "bsn"
    pgn: str = Field(default="", max_length=20)
    adresgeheim: str = Field(default="", max_length=10)
    adres_straat: str = Field(default="", max_length=500)
    adres_nummer: str = Field(default="", max_length=500)
    adres_toevoeging: str = Field(default="", max_length=500)
    adres_postcode: str = Field(default="", max_length=500)
    adres_plaats: str = Field(default="", max_length=500)
    adres_gemeente: str = Field(default="", max_length=500)
    adresbuitenland: str = Field(default="", max_length=500)

    @classmethod
    def van(cls, leerling: Leerling) -> Basisgegevens:
        """The form filled with the pupil's current data (never the PGN itself: it is not shown on the page)."""
        g = leerling.gegevens
        adres = (g.get("adressen") or [{}])[0]
        extra = leerling.model_extra or {}
        return cls(
            voornamen=" ".join(g.get("voornamen") or []),
            **{veld: str(g.get(veld) or "") for veld in (*PERSOON, *DATUMS)},
            geslacht=g.get("geslacht") or "",
            pgn_soort="onderwijsnummer" if extra.get("onderwijsnummer") else "bsn",
            adresgeheim="ja" if g.get("adresgeheim") else "",
            **{f"adres_{veld}": str(adres.get(veld) or "") for veld in ADRES},
            adresbuitenland=str(g.get("adresbuitenland") or ""),
        )


class Basiswijziging:
    """What the Basisgegevens form changes: ``wijzig`` on ``gegevens``, the PGN (None: unchanged), or ``fouten``."""

    def __init__(self, invoer: Basisgegevens) -> None:
        self.fouten: dict[str, str] = {}
        self.pgn: dict[str, str | None] | None = None
        if invoer.pgn:
            if len(invoer.pgn) != 9 or not invoer.pgn.isdigit():
                self.fouten["pgn"] = "Een BSN of onderwijsnummer heeft 9 cijfers."
            else:
                ander = "onderwijsnummer" if invoer.pgn_soort == "bsn" else "bsn"
                self.pgn = {invoer.pgn_soort: invoer.pgn, ander: None}
        if not invoer.voornamen:
            self.fouten["voornamen"] = "Vul minstens één voornaam in."
        if not invoer.achternaam:
            self.fouten["achternaam"] = "Vul de achternaam in."
        self.waarden: dict[str, Any] = {
            "voornamen": invoer.voornamen.split(),
            **{veld: getattr(invoer, veld) for veld in (*PERSOON, "geslacht", "adresbuitenland")},
            "geboortedatum": self._datum(invoer, "geboortedatum", "Geboortedatum", verplicht=True),
            "onderwijssinds": self._datum(invoer, "onderwijssinds", "Onderwijs sinds"),
            "datuminschrijving": self._datum(invoer, "datuminschrijving", "Datum inschrijving"),
        }
        if len(invoer.adresbuitenland) > 35:
            self.fouten["adresbuitenland"] = "Een adres in het buitenland mag hoogstens 35 tekens zijn."
        self.adresgeheim = invoer.adresgeheim == "ja"
        self.adres = {veld: getattr(invoer, f"adres_{veld}") for veld in ADRES}
        if any(self.adres.values()):
            for veld, label in ADRES_VERPLICHT.items():
                if not self.adres[veld]:
                    self.fouten[f"adres_{veld}"] = f"Vul de {label} in (of maak alle adresvelden leeg)."
            if len(self.adres["straat"]) > 24:
                self.fouten["adres_straat"] = "Een straatnaam mag in OSO hoogstens 24 tekens zijn."

    def _datum(self, invoer: Basisgegevens, veld: str, label: str, *, verplicht: bool = False) -> str | None:
        waarde: str = getattr(invoer, veld)
        if not waarde:
            if verplicht:
                self.fouten[veld] = f"Vul de {label.lower()} in."
            return None
        datum = _als_datum(waarde)
        if datum is None:
            self.fouten[veld] = f"{label} is geen datum: gebruik dd-mm-jjjj."
            return None
        return datum.isoformat()

    def wijzig(self, gegevens: dict[str, Any]) -> None:
        """Apply the form to the pupil's ``gegevens``: empty fields are removed, other data stays as it was."""
        for veld, waarde in self.waarden.items():
            gegevens.pop(veld, None)
            if waarde:
                gegevens[veld] = waarde
        gegevens["adresgeheim"] = self.adresgeheim
        adressen = list(gegevens.get("adressen") or [])
        eerste = adressen.pop(0) if adressen else {"soortadres": "bezoek"}
        if any(self.adres.values()):
            adres = {k: v for k, v in eerste.items() if k not in ADRES}
            adres.update({k: v for k, v in self.adres.items() if v})
            adressen.insert(0, adres)
        gegevens["adressen"] = adressen


def _als_datum(waarde: str) -> dt.date | None:
    """The date picker's ``jjjj-mm-dd``, or ``dd-mm-jjjj`` as typed in a browser without one."""
    try:
        return dt.date.fromisoformat(waarde)
    except ValueError:
        pass
    delen = waarde.replace("/", "-").split("-")
    if len(delen) != 3 or not all(d.isdigit() for d in delen) or len(delen[2]) != 4:
        return None
    try:
        return dt.date(int(delen[2]), int(delen[1]), int(delen[0]))
    except ValueError:
        return None


def basis_veldfouten(fout: DienstFout) -> dict[str, str]:
    """The dossier service's field errors of a refused PUT by the form field they belong to."""
    result: dict[str, str] = {}
    for f in fout.body.get("fouten") or []:
        delen = str(f.get("veld", "")).split(".")
        if delen[0] in ("bsn", "onderwijsnummer"):
            naam = "pgn"
        elif delen[:2] == ["gegevens", "adressen"] and len(delen) > 3:
            naam = f"adres_{delen[3]}"
        elif delen[0] == "gegevens" and len(delen) > 1:
            naam = delen[1]
        else:
            continue
        result.setdefault(naam, str(f.get("melding")))
    return result
