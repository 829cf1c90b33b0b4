"""Reading Magister exports: Excel refusal, field counts, the split header, separators, character sets, limits."""

from __future__ import annotations

import pytest

from oso_dev import magister as voorbeeld
from oso_dossier.leerlingimporten.parsing import (
    FOUT,
    Bestand,
    Limieten,
    Log,
    Record,
    Soort,
    Tekenset,
    raad_tekenset,
    records,
)


def lees(
    data: bytes,
    soort: Soort = Soort.LEERLINGEN,
    tekenset: Tekenset = Tekenset.UTF8,
    limieten: Limieten | None = None,
    chunk: int = 7,
) -> tuple[list[Record], Log, Bestand]:
    log, bestand = Log(), Bestand()
    stukken = [data[i : i + chunk] for i in range(0, len(data), chunk)]  # small chunks: lines span chunks
    return list(records(stukken, soort, tekenset, log, bestand, limieten)), log, bestand


def fouten(log: Log) -> list[tuple[int, str]]:
    return [(m.regel, m.melding) for m in log.meldingen if m.soort == FOUT]


def test_leerlingen_file_reads_every_record_with_its_line_number() -> None:
    data = voorbeeld.bestand([voorbeeld.leerling(i) for i in range(3)])
    rijen, log, bestand = lees(data)
    assert [r.regel for r in rijen] == [2, 3, 4]
    assert all(len(r.velden) == 45 for r in rijen)
    assert rijen[0].velden[1] == "Zoë"
    assert log.meldingen == []
    assert bestand.regels == 4
    assert len(bestand.sha256) == 64


@pytest.mark.parametrize(
    ("begin", "naam"),
    [(b"PK\x03\x04\x14\x00", "xlsx"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "xls")],
)
def test_excel_file_is_refused_by_its_magic_bytes(begin: bytes, naam: str) -> None:
    rijen, log, _ = lees(begin + b"rest of the workbook", chunk=1024)
    assert rijen == []
    [(regel, melding)] = fouten(log)
    assert regel == 0
    assert f"Excel-bestand ({naam})" in melding
    assert "CSV" in melding
    assert "Tekst (tab" in melding


def test_wrong_number_of_fields_names_the_line() -> None:
    data = voorbeeld.bestand([voorbeeld.leerling(0), voorbeeld.leerling(1)[:40]])
    rijen, log, _ = lees(data)
    assert [r.regel for r in rijen] == [2]
    [(regel, melding)] = fouten(log)
    assert regel == 3
    assert "40 velden in plaats van 45" in melding


def test_header_split_by_a_line_break_says_how_to_get_45_fields_again() -> None:
    kop = ";".join(voorbeeld.bestand([], kop=True).decode().strip().split(";"))
    gebroken = kop.replace("Klassementor 1 Stamnr", "Klassementor 1\r\nStamnr", 1)
    data = (gebroken + "\r\n").encode() + voorbeeld.bestand([voorbeeld.leerling(0)], kop=False)
    rijen, log, _ = lees(data)
    [(regel, melding)] = fouten(log)
    assert regel == 1
    assert "regel 1 en 2" in melding
    assert "zodat u weer 45 velden krijgt" in melding
    assert [r.regel for r in rijen] == [3]


def test_tab_separated_text_file() -> None:
    data = voorbeeld.bestand([voorbeeld.leerling(0)], scheiding="\t")
    rijen, log, _ = lees(data)
    assert log.meldingen == []
    assert rijen[0].velden[0] == "10000"


def test_koppel_file_has_no_header_and_groepen_header_is_optional() -> None:
    koppel = voorbeeld.bestand([["1A", "00", "10000"]], Soort.KOPPEL)
    assert [r.velden for r in lees(koppel, Soort.KOPPEL)[0]] == [["1A", "00", "10000"]]
    met = voorbeeld.bestand([voorbeeld.groep("1A")], Soort.GROEPEN)
    zonder = voorbeeld.bestand([voorbeeld.groep("1A")], Soort.GROEPEN, kop=False)
    assert [r.regel for r in lees(met, Soort.GROEPEN)[0]] == [2]
    assert [r.regel for r in lees(zonder, Soort.GROEPEN)[0]] == [1]


@pytest.mark.parametrize("tekenset", list(Tekenset))
def test_each_character_set_reads_names_correctly(tekenset: Tekenset) -> None:
    data = voorbeeld.bestand([voorbeeld.leerling(i) for i in range(4)], tekenset=tekenset)
    rijen, log, _ = lees(data, tekenset=tekenset)
    assert log.meldingen == []
    assert [r.velden[1] for r in rijen] == ["Zoë", "Daniël", "Noah", "Chloé"]
    assert rijen[3].velden[3] == "Çelik"


def test_utf8_file_read_as_windows_1252_is_mojibake_and_says_utf8() -> None:
    data = voorbeeld.bestand([voorbeeld.leerling(i) for i in range(2)], tekenset=Tekenset.UTF8)
    _, log, _ = lees(data, tekenset=Tekenset.WINDOWS1252)
    [(regel, melding)] = fouten(log)
    assert regel == 2  # the header is ASCII; "Zoë" on the first pupil line is "ZoÃ«"
    assert "Ã«" in melding or "Ã©" in melding
    assert "kies tekenset UTF-8" in melding


def test_windows_1252_file_read_as_utf8_says_windows_1252() -> None:
    data = voorbeeld.bestand([voorbeeld.leerling(0)], tekenset=Tekenset.WINDOWS1252)
    _, log, _ = lees(data, tekenset=Tekenset.UTF8)
    [(regel, melding)] = fouten(log)
    assert regel == 2
    assert "geen geldige UTF-8" in melding
    assert "Windows-1252" in melding


def test_iso_8859_1_with_windows_only_characters_says_windows_1252() -> None:
    data = voorbeeld.bestand([voorbeeld.leerling(0, wijzig={"Roepnaam": "D’Angelo"})], tekenset=Tekenset.WINDOWS1252)
    _, log, _ = lees(data, tekenset=Tekenset.ISO88591)
    [(regel, melding)] = fouten(log)
    assert regel == 2
    assert "kies Windows-1252" in melding


def test_guess_of_the_character_set() -> None:
    assert raad_tekenset("Zoë".encode()) is Tekenset.UTF8
    assert raad_tekenset("Zoë de Vries".encode("cp1252")) is Tekenset.WINDOWS1252


def test_too_many_lines_and_too_large_stop_reading() -> None:
    data = voorbeeld.bestand([voorbeeld.leerling(i) for i in range(5)])
    rijen, log, _ = lees(data, limieten=Limieten(max_regels=3))
    assert len(rijen) == 2
    assert fouten(log) == [(4, "Het bestand heeft meer dan 3 regels; splits het bestand.")]
    rijen, log, _ = lees(data, limieten=Limieten(max_bytes=1024 * 1024 // 4 // 1024), chunk=100)
    [(regel, melding)] = fouten(log)
    assert regel == 0
    assert "groter dan" in melding


def test_empty_file() -> None:
    rijen, log, _ = lees(b"")
    assert rijen == []
    assert fouten(log) == [(0, "Het bestand is leeg.")]


def test_leerlingen_file_without_header_reads_line_1_as_a_pupil_with_a_waarschuwing() -> None:
    rijen, log, _ = lees(voorbeeld.bestand([voorbeeld.leerling(0), voorbeeld.leerling(1)], kop=False))
    assert [r.regel for r in rijen] == [1, 2]
    assert [(m.regel, m.kolom, m.soort) for m in log.meldingen] == [(1, "Stamnr", "waarschuwing")]
