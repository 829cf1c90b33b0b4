"""Every line-level log message of the three layouts, with its line number, column and level."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from oso_dev import magister as voorbeeld
from oso_dossier.leerlingimporten.flows import Modus, Opdracht, _lees
from oso_dossier.leerlingimporten.parsing import (
    FOUT,
    INFO,
    KOLOMMEN,
    WAARSCHUWING,
    Bestand,
    Limieten,
    Log,
    Soort,
    Tekenset,
)
from oso_dossier.leerlingimporten.regels import GroepRij, LeerlingRij, Vestigingen, datum

VESTIGINGEN = Vestigingen("99AA", {"de brug zuid": "01", "hoofdlocatie": "00"})


def lees(rijen: Sequence[Sequence[str]], soort: Soort = Soort.LEERLINGEN) -> tuple[list[object], Log]:
    opdracht = Opdracht("99AA", soort, "2026-2027", "00", Tekenset.UTF8, Modus.TESTEN)
    log = Log()
    data = voorbeeld.bestand(rijen, soort)
    return _lees(opdracht, [data], VESTIGINGEN, log, Bestand(), Limieten()), log


def meldingen(log: Log) -> list[tuple[int, str | None, str]]:
    return [(m.regel, m.kolom, m.soort) for m in log.meldingen]


def een(wijzig: Mapping[str, str]) -> tuple[list[object], Log]:
    return lees([voorbeeld.leerling(0, wijzig=wijzig)])


def test_a_complete_line_is_one_row_without_messages() -> None:
    rijen, log = lees([voorbeeld.leerling(0)])
    assert log.meldingen == []
    [rij] = rijen
    assert isinstance(rij, LeerlingRij)
    assert (rij.leerlingnummer, rij.roepnaam, rij.geslacht, rij.ilt_code, rij.leerjaar) == (
        "10000",
        "Zoë",
        "1",
        "00237",
        "1",
    )
    assert [v.achternaam for v in rij.verzorgers] == ["Jansen", "Jansen-Smit"]
    assert [(s, n, p.nummer) for s, n, p in rij.mentoren] == [("klassementor", 1, "M000"), ("persoonlijk", 1, "P000")]


@pytest.mark.parametrize(
    ("kolom", "waarde", "tekst"),
    [
        ("Stamnr", "", "Geen leerlingnummer"),
        ("Achternaam", "", "Geen achternaam"),
        ("Roepnaam", "", "Geen roepnaam"),
        ("Geslacht", "", "Geen geslacht"),
        ("Geslacht", "jongen", "Staan de kolommen in de goede volgorde?"),
        ("Opleidingscode 1e profiel", "", "Geen ILT-code"),
        ("Leerjaar", "", "Geen leerjaar"),
        ("Geboortedatum", "", "Geen geboortedatum"),
        ("Geboortedatum", "31-02-2013", "onleesbaar"),
        ("Vertrekdatum", "morgen", "onleesbaar"),
        ("Administratieve eenheid", "", "Geen vestiging"),
        ("Administratieve eenheid", "Buitenpost", "Onbekende vestiging 'Buitenpost'"),
    ],
)
def test_fout_on_a_required_or_unreadable_field(kolom: str, waarde: str, tekst: str) -> None:
    rijen, log = een({kolom: waarde})
    assert rijen == []
    fouten = [m for m in log.meldingen if m.soort == FOUT]
    assert [(m.regel, m.kolom) for m in fouten] == [(2, kolom)]
    assert tekst in fouten[0].melding


@pytest.mark.parametrize("geslacht", ["man", "Vrouw", "onbekend", "M", "v", "o"])
def test_every_accepted_geslacht(geslacht: str) -> None:
    rijen, log = een({"Geslacht": geslacht})
    assert log.meldingen == []
    assert len(rijen) == 1


def test_other_vestiging_is_skipped_with_a_waarschuwing_and_names_resolve() -> None:
    rijen, log = lees(
        [
            voorbeeld.leerling(0, vestiging="De Brug Zuid"),
            voorbeeld.leerling(1, vestiging="Hoofdlocatie"),
            voorbeeld.leerling(2, vestiging="99AA00"),
        ]
    )
    assert meldingen(log) == [(2, "Administratieve eenheid", WAARSCHUWING)]
    assert "wijkt af van de gekozen vestiging 00; regel overgeslagen" in log.meldingen[0].melding
    assert len(rijen) == 2


def test_no_verzorgers_no_mentors_no_mentorgroep_are_info() -> None:
    leeg = {naam: "" for naam in KOLOMMEN[Soort.LEERLINGEN] if naam.startswith(("Ouder", "Klasse", "Pers"))}
    rijen, log = een({**leeg, "Klas": ""})
    assert len(rijen) == 1
    assert meldingen(log) == [(2, None, INFO), (2, None, INFO), (2, "Klas", INFO)]
    assert [m.melding for m in log.meldingen] == [
        "Geen ouders/verzorgers.",
        "Geen mentoren.",
        "Geen mentorgroep (klas).",
    ]


def test_duplicate_stamnr_is_a_fout_naming_the_first_line() -> None:
    rijen, log = lees([voorbeeld.leerling(0), voorbeeld.leerling(1, wijzig={"Stamnr": "10000"})])
    assert len(rijen) == 1
    assert meldingen(log) == [(3, None, FOUT)]
    assert log.meldingen[0].melding == "Stamnr 10000 komt al voor op regel 2."


def test_partial_verzorger_mentor_and_bad_values_are_waarschuwingen() -> None:
    rijen, log = een(
        {
            "Ouder/verzorger 1 Achternaam": "",
            "Ouder/verzorger 2 M/V": "X",
            "Ouder/verzorger 2 Post ontvangen": "misschien",
            "Klassementor 1 Stamnr": "",
            "E-mailadres": "geen-adres",
        }
    )
    assert len(rijen) == 1
    assert [(m.kolom, m.soort) for m in log.meldingen] == [
        ("E-mailadres", WAARSCHUWING),
        ("Ouder/verzorger 1 Achternaam", WAARSCHUWING),
        ("Ouder/verzorger 2 M/V", WAARSCHUWING),
        ("Ouder/verzorger 2 Post ontvangen", WAARSCHUWING),
        ("Klassementor 1 Stamnr", WAARSCHUWING),
    ]


def test_groepen_lines() -> None:
    rijen, log = lees(
        [
            voorbeeld.groep("1A"),
            voorbeeld.groep("", docent="D2"),
            voorbeeld.groep("1B", docent=""),
            voorbeeld.groep("1A"),
        ],
        Soort.GROEPEN,
    )
    assert [r.code for r in rijen if isinstance(r, GroepRij)] == ["1A", "1B"]
    assert meldingen(log) == [(3, "Groep code", FOUT), (4, "Docent nummer", INFO), (5, None, FOUT)]


def test_koppel_lines() -> None:
    rijen, log = lees(
        [["1A", "00", "10000"], ["", "00", "10001"], ["1A", "00", ""], ["1A", "00", "10000"], ["1A", "01", "10002"]],
        Soort.KOPPEL,
    )
    assert len(rijen) == 1
    assert meldingen(log) == [
        (2, "Groep", FOUT),
        (3, "Leerlingnummer", FOUT),
        (4, None, WAARSCHUWING),
        (5, "Vestiging", WAARSCHUWING),
    ]


def test_field_too_long() -> None:
    rijen, log = een({"Stamnr": "9" * 41})
    assert rijen == []
    assert meldingen(log) == [(2, "Stamnr", FOUT)]


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("05-03-2013", (2013, 3, 5)),
        ("5/3/2013", (2013, 3, 5)),
        ("2013-03-05", (2013, 3, 5)),
        ("5.3.2013", (2013, 3, 5)),
    ],
)
def test_dates(tekst: str, verwacht: tuple[int, int, int]) -> None:
    gelezen = datum(tekst)
    assert gelezen is not None
    assert (gelezen.year, gelezen.month, gelezen.day) == verwacht
    assert datum("13-13-2013") is None
