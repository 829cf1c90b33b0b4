"""One record of a Magister export → a typed row, logging every field problem with line and column.

Pure: no database. What needs the database (unknown leerlingnummer, unknown groep) is checked in ``flows``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from oso_dossier.leerlingimporten.parsing import KOLOMMEN, Log, Record, Soort
from oso_dossier.leerlingimporten.schemas import VerzorgerRij

_GESLACHT = {"man": "1", "m": "1", "vrouw": "2", "v": "2", "onbekend": "0", "o": "0"}
_JA = {"ja", "j", "1", "waar", "true", "x"}
_NEE = {"nee", "n", "0", "onwaar", "false", ""}
_DATUM = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_KOLOM = KOLOMMEN[Soort.LEERLINGEN]


@dataclass(frozen=True)
class Vestigingen:
    """The school's vestigingen by code, BRIN6 and (from the registry, when known) name."""

    brin: str
    namen: Mapping[str, str] = field(default_factory=dict)
    # False when the registry could not be asked: names are then unknown, codes still work.
    register: bool = True

    def code(self, waarde: str) -> str | None:
        """The 2-digit vestigingscode ``waarde`` stands for, or None when it is not one of this school's."""
        schoon = waarde.strip()
        if re.fullmatch(r"\d{2}", schoon):
            return schoon
        if re.fullmatch(rf"{self.brin}\d{{2}}", schoon.upper()):
            return schoon[-2:]
        return self.namen.get(schoon.lower())


@dataclass(frozen=True)
class Persoon:
    """A mentor or docent as the file names them."""

    nummer: str
    roepnaam: str | None
    tussenvoegsel: str | None
    achternaam: str | None
    email: str | None


@dataclass(frozen=True)
class LeerlingRij:
    regel: int
    leerlingnummer: str
    roepnaam: str
    tussenvoegsel: str | None
    achternaam: str
    geboortedatum: dt.date
    geslacht: str
    email: str | None
    vertrekdatum: dt.date | None
    ilt_code: str
    leerjaar: str
    klas: str | None
    verzorgers: tuple[VerzorgerRij, ...]
    # (soort, volgnummer, persoon): klassementor 1 and 2, persoonlijk 1.
    mentoren: tuple[tuple[str, int, Persoon], ...]


@dataclass(frozen=True)
class GroepRij:
    regel: int
    code: str
    docent: Persoon | None


@dataclass(frozen=True)
class KoppelRij:
    regel: int
    groep: str
    leerlingnummer: str


def _leeg(waarde: str) -> str | None:
    return waarde or None


def datum(waarde: str) -> dt.date | None:
    """A Magister date (dd-mm-jjjj, d/m/jjjj, dd.mm.jjjj) or ISO date; None when unreadable."""
    if match := _DATUM.match(waarde):
        dag, maand, jaar = (int(x) for x in match.groups())
    elif match := _ISO.match(waarde):
        jaar, maand, dag = (int(x) for x in match.groups())
    else:
        return None
    try:
        return dt.date(jaar, maand, dag)
    except ValueError:
        return None


def _email(log: Log, regel: int, kolom: str, waarde: str) -> str | None:
    if not waarde:
        return None
    if "@" not in waarde or " " in waarde:
        log.waarschuwing(regel, kolom, f"'{waarde}' is geen geldig e-mailadres; het is niet overgenomen.")
        return None
    return waarde


def _verplicht(log: Log, regel: int, velden: list[str], index: int, melding: str) -> str:
    if not velden[index]:
        log.fout(regel, _KOLOM[index], melding)
    return velden[index]


def _datum_veld(log: Log, regel: int, velden: list[str], index: int) -> dt.date | None:
    waarde = velden[index]
    if not waarde:
        return None
    gelezen = datum(waarde)
    if gelezen is None:
        log.fout(regel, _KOLOM[index], f"De datum '{waarde}' is onleesbaar; gebruik dd-mm-jjjj.")
    return gelezen


def _verzorger(log: Log, regel: int, velden: list[str], volgnummer: int) -> VerzorgerRij | None:
    start = 12 + 6 * (volgnummer - 1)
    voorletters, tussenvoegsel, achternaam, mv, email, post = velden[start : start + 6]
    if not any((voorletters, tussenvoegsel, achternaam, mv, email, post)):
        return None
    if not achternaam:
        log.waarschuwing(
            regel, _KOLOM[start + 2], f"Ouder/verzorger {volgnummer} heeft geen achternaam; niet overgenomen."
        )
        return None
    geslacht = mv.upper() or None
    if geslacht not in {None, "M", "V"}:
        log.waarschuwing(regel, _KOLOM[start + 3], f"M/V '{mv}' is niet M of V; niet overgenomen.")
        geslacht = None
    if post.lower() not in _JA | _NEE:
        log.waarschuwing(regel, _KOLOM[start + 5], f"Post ontvangen '{post}' is niet ja of nee; nee aangenomen.")
    return VerzorgerRij(
        volgnummer=volgnummer,
        voorletters=_leeg(voorletters),
        tussenvoegsel=_leeg(tussenvoegsel),
        achternaam=achternaam,
        geslacht=geslacht,
        email=_email(log, regel, _KOLOM[start + 4], email),
        post_ontvangen=post.lower() in _JA,
    )


def _mentor(log: Log, regel: int, velden: list[str], start: int, naam: str) -> Persoon | None:
    nummer, roepnaam, tussenvoegsel, achternaam, email = velden[start : start + 5]
    if not nummer:
        if any((roepnaam, tussenvoegsel, achternaam, email)):
            log.waarschuwing(regel, _KOLOM[start], f"{naam} heeft geen stamnummer; niet overgenomen.")
        return None
    return Persoon(
        nummer, _leeg(roepnaam), _leeg(tussenvoegsel), _leeg(achternaam), _email(log, regel, _KOLOM[start + 4], email)
    )


def leerling(record: Record, log: Log) -> LeerlingRij | None:
    """A leerlingen line (45 fields) as a row, or None after logging its Fout(en)."""
    regel, v = record.regel, record.velden
    fouten = log.fouten
    nummer = _verplicht(log, regel, v, 0, "Geen leerlingnummer (Stamnr).")
    roepnaam = _verplicht(log, regel, v, 1, "Geen roepnaam.")
    achternaam = _verplicht(log, regel, v, 3, "Geen achternaam.")
    geboortedatum = _datum_veld(log, regel, v, 4)
    if not v[4]:
        log.fout(regel, _KOLOM[4], "Geen geboortedatum.")
    geslacht = _GESLACHT.get(v[5].lower())
    if not v[5]:
        log.fout(regel, _KOLOM[5], "Geen geslacht.")
    elif geslacht is None:
        log.fout(
            regel,
            _KOLOM[5],
            f"Geslacht '{v[5]}' is niet man, vrouw, onbekend, m, v of o. Staan de kolommen in de goede volgorde?",
        )
    vertrekdatum = _datum_veld(log, regel, v, 7)
    ilt = _verplicht(log, regel, v, 9, "Geen ILT-code (Opleidingscode 1e profiel).")
    leerjaar = _verplicht(log, regel, v, 10, "Geen leerjaar.")
    email = _email(log, regel, _KOLOM[6], v[6])
    verzorgers = tuple(z for n in (1, 2, 3) if (z := _verzorger(log, regel, v, n)) is not None)
    mentoren = tuple(
        (soort, volgnummer, persoon)
        for soort, volgnummer, start, naam in (
            ("klassementor", 1, 30, "Klassementor 1"),
            ("klassementor", 2, 35, "Klassementor 2"),
            ("persoonlijk", 1, 40, "Persoonlijke mentor 1"),
        )
        if (persoon := _mentor(log, regel, v, start, naam)) is not None
    )
    if log.fouten > fouten or geboortedatum is None or geslacht is None:
        return None
    if not verzorgers:
        log.info(regel, None, "Geen ouders/verzorgers.")
    if not mentoren:
        log.info(regel, None, "Geen mentoren.")
    if not v[11]:
        log.info(regel, _KOLOM[11], "Geen mentorgroep (klas).")
    return LeerlingRij(
        regel,
        nummer,
        roepnaam,
        _leeg(v[2]),
        achternaam,
        geboortedatum,
        geslacht,
        email,
        vertrekdatum,
        ilt,
        leerjaar,
        _leeg(v[11]),
        verzorgers,
        mentoren,
    )


def groep(record: Record, log: Log) -> GroepRij | None:
    """A groepen line (7 fields) as a row, or None after logging its Fout."""
    kolommen = KOLOMMEN[Soort.GROEPEN]
    code, nummer, voornaam, tussenvoegsel, achternaam, email, _ = record.velden
    if not code:
        log.fout(record.regel, kolommen[0], "Geen groepcode.")
        return None
    if not nummer:
        log.info(record.regel, kolommen[1], f"Groep {code} heeft geen docent.")
        return GroepRij(record.regel, code, None)
    docent = Persoon(
        nummer,
        _leeg(voornaam),
        _leeg(tussenvoegsel),
        _leeg(achternaam),
        _email(log, record.regel, kolommen[5], email),
    )
    return GroepRij(record.regel, code, docent)


def koppel(record: Record, log: Log) -> KoppelRij | None:
    """A leerling-groep-koppel line (3 fields) as a row, or None after logging its Fout."""
    kolommen = KOLOMMEN[Soort.KOPPEL]
    groepcode, _, nummer = record.velden
    if not groepcode:
        log.fout(record.regel, kolommen[0], "Geen groep.")
    if not nummer:
        log.fout(record.regel, kolommen[2], "Geen leerlingnummer.")
    if not groepcode or not nummer:
        return None
    return KoppelRij(record.regel, groepcode, nummer)


# The column that names the vestiging, per soort.
VESTIGINGSKOLOM = {Soort.LEERLINGEN: 8, Soort.GROEPEN: 6, Soort.KOPPEL: 1}


def op_vestiging(record: Record, soort: Soort, vestigingen: Vestigingen, gekozen: str, log: Log) -> bool:
    """Whether the line belongs to the chosen vestiging; logs unknown (Fout) and other (Waarschuwing) ones."""
    index = VESTIGINGSKOLOM[soort]
    kolom = KOLOMMEN[soort][index]
    waarde = record.velden[index]
    if not waarde:
        log.fout(record.regel, kolom, "Geen vestiging.")
        return False
    code = vestigingen.code(waarde)
    if code is None:
        log.fout(
            record.regel,
            kolom,
            f"Onbekende vestiging '{waarde}'. Gebruik de vestigingscode (bijvoorbeeld {gekozen}), "
            f"de BRIN6 ({vestigingen.brin}{gekozen}) of de naam uit het serviceregister"
            + ("." if vestigingen.register else " (dat was nu niet bereikbaar)."),
        )
        return False
    if code != gekozen:
        log.waarschuwing(
            record.regel,
            kolom,
            f"Vestiging '{waarde}' wijkt af van de gekozen vestiging {gekozen}; regel overgeslagen.",
        )
        return False
    return True
