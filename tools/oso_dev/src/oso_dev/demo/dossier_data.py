"""Demo leerlingen (fictitious) for `make run`: realistic VO pupils with support data, at 99AA, 99AB and 99BA."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from oso_dossier.leerlingen.schemas import LeerlingGegevens


@dataclass(frozen=True)
class DemoLeerling:
    brin: str
    vestigingscode: str
    leerlingnummer: str
    bsn: str | None
    gegevens: LeerlingGegevens


# (voornamen, roepnaam, voorvoegsel, achternaam, geslacht, geboortedatum, straat, nr, postcode, plaats)
_PERSONEN: tuple[tuple[Any, ...], ...] = (
    (["Daan", "Pieter"], "Daan", "van", "Dijk", "1", "2011-03-14", "Kerkstraat", "12", "3011AB", "Rotterdam"),
    (["Sanne", "Maria"], "Sanne", None, "Jansen", "2", "2010-11-02", "Maasboulevard", "8a", "3011TX", "Rotterdam"),
    (["Mohammed"], "Mo", "el", "Amrani", "1", "2011-06-21", "Zwart Janstraat", "101", "3035AK", "Rotterdam"),
    (["Lotte", "Anna"], "Lotte", "de", "Vries", "2", "2010-09-30", "Lijnbaan", "44", "3012EN", "Rotterdam"),
    (["Jayden"], "Jayden", None, "Bakker", "1", "2011-01-08", "Dorpsweg", "230", "3083LE", "Rotterdam"),
    (["Noa", "Elisabeth"], "Noa", "van der", "Meer", "2", "2010-12-12", "Schiedamseweg", "77", "3026AC", "Rotterdam"),
    (["Finn"], "Finn", None, "Visser", "1", "2011-04-03", "Oudedijk", "5", "3061AA", "Rotterdam"),
    (["Yara"], "Yara", None, "Çelik", "2", "2010-08-19", "Beijerlandselaan", "150", "3074EN", "Rotterdam"),
    (["Sem", "Johannes"], "Sem", None, "Mulder", "1", "2011-02-27", "Groene Hilledijk", "310", "3075EJ", "Rotterdam"),
    (["Emma"], "Emma", "de", "Boer", "2", "2010-10-05", "Vondellaan", "19", "9712HR", "Groningen"),
    (["Luuk"], "Luuk", None, "Smit", "1", "2011-05-16", "Oudegracht", "200", "3511NR", "Utrecht"),
    (
        ["Fenna", "Sophie"],
        "Fenna",
        "van",
        "Leeuwen",
        "2",
        "2010-07-23",
        "Amsterdamsestraatweg",
        "88",
        "3513AG",
        "Utrecht",
    ),
)

_TOEGEWEZEN = (
    ("99AA", "00"),
    ("99AA", "00"),
    ("99AA", "01"),
    ("99AA", "00"),
    ("99AA", "01"),
    ("99AA", "00"),
    ("99AA", "01"),
    ("99AA", "00"),
    ("99AB", "00"),
    ("99AB", "00"),
    ("99BA", "00"),
    ("99BA", "00"),
)

_DIAGNOSES: tuple[dict[str, Any] | None, ...] = (
    {"codes": ["F81.0"], "naam": "Dyslexie", "datum": "2019-05-12", "doorwie": "Drs. K. Hoekstra", "instantie": "RID"},
    {"codes": ["F90.0"], "naam": "ADHD", "datum": "2018-02-20", "doorwie": "Dr. P. Willems", "instantie": "Yulius"},
    {"codes": ["F84.5"], "naam": "Autismespectrumstoornis", "datum": "2017-10-01", "instantie": "Lucertis"},
    None,
    {"codes": ["F81.2"], "naam": "Dyscalculie", "datum": "2020-03-09", "instantie": "OCRN"},
    {"codes": ["F43.1"], "naam": "Posttraumatische stressstoornis", "datum": "2021-06-15", "instantie": "Levvel"},
    None,
    {"codes": ["H91.9.s"], "naam": "Slechthorend", "datum": "2016-01-20", "instantie": "Kentalis"},
    {"codes": ["F90.0", "F81.0"], "naam": "ADHD en dyslexie", "datum": "2019-09-01", "instantie": "Karakter"},
    None,
    {"codes": ["F84.0"], "naam": "Autisme", "datum": "2018-04-11", "instantie": "Accare"},
    {"codes": ["F93.1"], "naam": "Angststoornis", "datum": "2022-01-17", "instantie": "Altrecht"},
)


def _leerling(i: int) -> DemoLeerling:
    voornamen, roepnaam, voorvoegsel, achternaam, geslacht, geboren, straat, nr, postcode, plaats = _PERSONEN[i]
    brin, vestiging = _TOEGEWEZEN[i]
    geboortedatum = dt.date.fromisoformat(geboren)
    instroom = geboortedatum.year + 12
    geheim = i == 3  # one pupil with a secret address and phone number
    verzorgers: list[dict[str, Any]] = [
        {
            "voornamen": ["Anke" if i % 2 else "Marieke"],
            "voorletters": "A." if i % 2 else "M.",
            "voorvoegsel": voorvoegsel,
            "achternaam": achternaam,
            "geslacht": "2",
            "adresgeheim": geheim,
            "adressen": [{"straat": straat, "nummer": nr, "postcode": postcode, "plaats": plaats}],
            "communicatie": [
                {"soort": "telefoon", "aanduiding": "prive", "nummer": f"0612345{i:03d}", "geheim": geheim},
                {"soort": "e-mail", "aanduiding": "prive", "nummer": f"ouder{i}@example.nl"},
            ],
            "relatietotkind": "2",
            "wettigevertegenwoordiger": True,
            "banknummer": "123456789",
            "iban": "NL91ABNA0417164300",
        }
    ]
    if i % 3 != 2:
        verzorgers.append(
            {
                "voornamen": ["Kees" if i % 2 else "Ruud"],
                "voorvoegsel": voorvoegsel,
                "achternaam": achternaam,
                "geslacht": "1",
                "adresgeheim": geheim,
                "adressen": [{"straat": straat, "nummer": nr, "postcode": postcode, "plaats": plaats}],
                "communicatie": [{"soort": "telefoon", "aanduiding": "werk", "nummer": f"0102345{i:03d}"}],
                "relatietotkind": "1",
                "wettigevertegenwoordiger": True,
            }
        )
    schoolloopbaan = [
        {
            "schooljaar": f"{instroom + j}-{instroom + j + 1}",
            "groepscode": f"{j + 1}{'ABC'[i % 3]}",
            "groepsnaam": f"Klas {j + 1}{'ABC'[i % 3]}",
            "jaargroep": str(11 + j),
            "begindatum": f"{instroom + j}-08-{20 + j}",
            "einddatum": f"{instroom + j + 1}-07-{10 + j}",
            "brincode": brin,
            "vestigingscode": vestiging,
            "schoolsoort": "VO",
            "schooltype": ("VMBO" if i % 2 else "HAVO/VWO"),
            "voelementcode": "0041" if i % 2 else "0180",
            "voelementomschrijving": "Lj 1 vmbo bb/kb" if i % 2 else "Lj 1 havo/vwo",
        }
        for j in range(2)
    ]
    diagnose = _DIAGNOSES[i]
    ondersteuning: dict[str, Any] = {
        "diagnoses": [diagnose] if diagnose else [],
        "medicijngebruik": diagnose is not None and "F90.0" in diagnose["codes"],
        "handelingsplannen": [
            {
                "startdatum": f"{instroom}-10-01",
                "einddatum": f"{instroom + 1}-07-01",
                "isgerichtop": "Planning en organisatie; begrijpend lezen",
            }
        ],
    }
    if i % 2 == 0:
        ondersteuning["opp"] = {"ingangdatum": f"{instroom}-11-15"}
    if i % 4 == 1:
        ondersteuning["lwoo"] = {
            "ingangdatum": f"{instroom}-08-01",
            "swvnummer": "VO2801",
            "beschikkingsnummer": f"LWOO-{instroom}-{1000 + i}",
            "einddatum": f"{instroom + 4}-07-31",
        }
    if i % 5 == 2:
        ondersteuning["tlvs"] = [
            {
                "ingangdatum": f"{instroom + 1}-08-01",
                "swvnummer": "VO2801",
                "categorie": "L",
                "beschikkingsnummer": f"TLV-{2000 + i}",
                "einddatum": f"{instroom + 3}-07-31",
            }
        ]
    if i % 3 == 0:
        ondersteuning["arrangementen"] = [
            {"datum": f"{instroom}-09-15", "kenmerk": "Arrangement gedrag", "beschikkingsnummer": f"ARR-{300 + i}"}
        ]
    gegevens = LeerlingGegevens.model_validate(
        {
            "voornamen": voornamen,
            "voorletters": "".join(f"{v[0]}." for v in voornamen),
            "voorvoegsel": voorvoegsel,
            "achternaam": achternaam,
            "roepnaam": roepnaam,
            "geboortedatum": geboren,
            "geslacht": geslacht,
            "geboorteplaats": plaats,
            "nationaliteit": "Nederlandse",
            "adresgeheim": geheim,
            "adressen": [{"straat": straat, "nummer": nr, "postcode": postcode, "plaats": plaats, "gemeente": plaats}],
            "communicatie": [
                {"soort": "telefoon", "aanduiding": "prive", "nummer": f"0687654{i:03d}", "geheim": geheim},
                {"soort": "e-mail", "aanduiding": "prive", "nummer": f"leerling{i}@example.nl", "geheim": geheim},
            ],
            "onderwijssinds": f"{geboortedatum.year + 4}-09-01",
            "datuminschrijving": f"{instroom}-08-20",
            "verzorgers": verzorgers,
            "overstapadvies": {
                "advies": "40" if i % 2 else "60",
                "profiel": "ondersteuning" if diagnose else "basis",
                "argumentatie": "Werkt gemotiveerd, heeft structuur en voorspelbaarheid nodig.",
            },
            "schoolloopbaan": schoolloopbaan,
            "onderwijsondersteuning": ondersteuning,
            "verzuim": {
                "urengeoorloofd": 6 + i,
                "urenongeoorloofd": i % 4,
                "meerdan25percent": False,
                "frequentie": 1 + i % 3,
                "contactleerplicht": i % 4 == 3,
                "rmcmelding": False,
            },
            "toetsen": [
                {
                    "toetscode": "CITO-VAS-BL",
                    "leergebied": "begrijpend lezen",
                    "toetsnaam": "Cito VAS begrijpend lezen",
                    "afnamedatum": f"{instroom + 1}-01-20",
                    "jaargroep": "11",
                    "vaardigheidsscore": str(Decimal(120 + i)),
                    "referentiescores": [{"code": "RNTRM", "waarde": "1F"}],
                },
                {
                    "toetscode": "NIO2004",
                    "toetsnaam": "Nederlandse Intelligentietest voor Onderwijsniveau",
                    "afnamedatum": f"{instroom - 1}-11-04",
                    "jaargroep": "8",
                    "referentiescores": [{"code": "IQ", "waarde": str(92 + i), "kwalificatie": "gemiddeld"}],
                },
            ],
            "cijferlijsten": [
                {
                    "naam": f"Rapport 1 {instroom + 1}-{instroom + 2}",
                    "jaargroep": "12",
                    "afnamedatum": f"{instroom + 1}-12-15",
                    "periode": "periode 1",
                    "cijfers": [
                        {"vak": "Nederlands", "waarde": f"{5 + i % 4}.{i % 10}"},
                        {"vak": "Engels", "waarde": f"{6 + i % 3}.2"},
                        {"vak": "Wiskunde", "waarde": f"{4 + i % 5}.8"},
                    ],
                    "gemiddelde": f"{6 + i % 2}.1",
                }
            ],
            "vakresultaten": [
                {"vakcode": "0008", "vakleergebied": "Nederlandse taal", "rapportcijfer": f"{6 + i % 3}.5"},
                {"vakcode": "0100", "vakleergebied": "Engelse taal", "rapportcijfer": "7.0"},
            ],
        }
    )
    bsn = f"{100000000 + 1111111 * (i + 1):09d}"[:9]
    return DemoLeerling(brin, vestiging, f"{brin}-{1001 + i}", bsn, gegevens)


def leerlingen() -> list[DemoLeerling]:
    """All demo leerlingen (fixed, so repeated loads are idempotent)."""
    return [_leerling(i) for i in range(len(_PERSONEN))]


# Vestiging details the registry also holds; used when a test or demo builds a dossier without the registry.
SCHOOL_GEGEVENS: dict[str, dict[str, Any]] = {
    "99AA": {
        "naam": "Scholengemeenschap De Brug",
        "adres": {"straat": "Brugweg", "nummer": "1", "postcode": "3011AA", "plaats": "Rotterdam"},
        "telefoon": "0101234567",
        "email": "zorg@debrug.example.nl",
    },
    "99AB": {
        "naam": "Lyceum Noorderlicht",
        "adres": {"straat": "Noorderlaan", "nummer": "5", "postcode": "3031BB", "plaats": "Rotterdam"},
        "telefoon": "0107654321",
        "email": "zorg@noorderlicht.example.nl",
    },
    "99BA": {
        "naam": "Stadscollege Utrecht",
        "adres": {"straat": "Stadsplein", "nummer": "10", "postcode": "3511AA", "plaats": "Utrecht"},
        "telefoon": "0301234567",
        "email": "zorg@stadscollege.example.nl",
    },
}
