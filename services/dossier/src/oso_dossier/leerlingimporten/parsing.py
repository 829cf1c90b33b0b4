"""Reading a Magister export: bytes → records, streamed, with the file-level log messages.

A file is CSV (list separator ``;``) or text (tab), in UTF-8, Windows-1252 or ISO-8859-1. The file arrives in
chunks and is split into lines before decoding (all three character sets keep ``\\n`` as one byte), so every
decoding problem has an exact line number and memory stays bounded by one chunk plus one line. Excel files are
refused by their magic bytes; mojibake ("Ã©" for "é") points at the character set the file really has.
"""

from __future__ import annotations

import csv
import enum
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

FOUT = "fout"
WAARSCHUWING = "waarschuwing"
INFO = "info"

# Whole-file messages (wrong type, too large, character set) carry line 0.
BESTAND = 0


class Soort(enum.StrEnum):
    LEERLINGEN = "leerlingen"
    GROEPEN = "groepen"
    KOPPEL = "koppel"


class Tekenset(enum.StrEnum):
    UTF8 = "utf-8"
    WINDOWS1252 = "windows-1252"
    ISO88591 = "iso-8859-1"


CODECS = {Tekenset.UTF8: "utf-8", Tekenset.WINDOWS1252: "cp1252", Tekenset.ISO88591: "latin-1"}

_PERSOON = ("Voorletters", "Tussenvoegsel", "Achternaam", "M/V", "E-mail", "Post ontvangen")
_MENTOR = ("Stamnr", "Roepnaam", "Tussenvoegsel", "Achternaam", "E-mail (werk)")

KOLOMMEN: dict[Soort, tuple[str, ...]] = {
    Soort.LEERLINGEN: (
        "Stamnr",
        "Roepnaam",
        "Tussenvoegsel",
        "Achternaam",
        "Geboortedatum",
        "Geslacht",
        "E-mailadres",
        "Vertrekdatum",
        "Administratieve eenheid",
        "Opleidingscode 1e profiel",
        "Leerjaar",
        "Klas",
        *(f"Ouder/verzorger {n} {k}" for n in (1, 2, 3) for k in _PERSOON),
        *(f"Klassementor {n} {k}" for n in (1, 2) for k in _MENTOR),
        *(f"Persoonlijke mentor 1 {k}" for k in _MENTOR),
    ),
    Soort.GROEPEN: (
        "Groep code",
        "Docent nummer",
        "Docent voornaam",
        "Docent tussenvoegsel",
        "Docent achternaam",
        "Docent e-mail",
        "Vestiging naam",
    ),
    Soort.KOPPEL: ("Groep", "Vestiging", "Leerlingnummer"),
}

_EXCEL = {
    b"PK\x03\x04": "een Excel-bestand (xlsx)",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "een Excel-bestand (xls)",
}
# UTF-8 read as Windows-1252: "é" (C3 A9) becomes "Ã©"; every continuation byte 80-BF becomes one of these.
_VERVOLG = "".join(bytes([b]).decode("cp1252", errors="ignore") for b in range(0x80, 0xC0))
_MOJIBAKE = re.compile(f"[ÂÃ][{re.escape(_VERVOLG)}]|ï»¿")
_C1 = re.compile("[\x80-\x9f]")
_MAX_VELD = 200
_MAX_NUMMER = 40
_NUMMERKOLOM = {Soort.LEERLINGEN: 0, Soort.KOPPEL: 2}


@dataclass(frozen=True)
class Melding:
    """One line of the import log."""

    regel: int
    kolom: str | None
    soort: str
    melding: str


@dataclass(frozen=True)
class Limieten:
    max_bytes: int = 20 * 1024 * 1024
    max_regels: int = 10_000


@dataclass
class Log:
    """Collects the messages of one import in file order."""

    meldingen: list[Melding] = field(default_factory=list)
    fouten: int = 0

    def fout(self, regel: int, kolom: str | None, melding: str) -> None:
        self.fouten += 1
        self.meldingen.append(Melding(regel, kolom, FOUT, melding))

    def waarschuwing(self, regel: int, kolom: str | None, melding: str) -> None:
        self.meldingen.append(Melding(regel, kolom, WAARSCHUWING, melding))

    def info(self, regel: int, kolom: str | None, melding: str) -> None:
        self.meldingen.append(Melding(regel, kolom, INFO, melding))

    @property
    def heeft_fouten(self) -> bool:
        return self.fouten > 0

    def aantal(self, soort: str) -> int:
        return sum(1 for m in self.meldingen if m.soort == soort)


@dataclass(frozen=True)
class Record:
    """The fields of one record and the file line it starts on."""

    regel: int
    velden: list[str]


@dataclass
class Bestand:
    """State of one streamed file: its hash and physical line count, filled while reading."""

    sha256: str = ""
    regels: int = 0


def excel_soort(begin: bytes) -> str | None:
    """'een Excel-bestand (xlsx/xls)' when the file starts with Excel's magic bytes, else None."""
    for magic, naam in _EXCEL.items():
        if begin.startswith(magic):
            return naam
    return None


def raad_tekenset(voorbeeld: bytes) -> Tekenset:
    """The likely character set of a file from a sample: valid UTF-8 with non-ASCII bytes, else Windows-1252."""
    try:
        voorbeeld.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A sample cut mid-character still counts as UTF-8.
        if exc.start < len(voorbeeld) - 3:
            return Tekenset.WINDOWS1252
    return Tekenset.UTF8


class _Lijnen:
    """Splits streamed bytes into decoded lines, hashing, counting and checking size and character set."""

    def __init__(self, chunks: Iterable[bytes], tekenset: Tekenset, limieten: Limieten, log: Log, bestand: Bestand):
        self.chunks = chunks
        self.tekenset = tekenset
        self.limieten = limieten
        self.log = log
        self.bestand = bestand
        self.gestopt = False
        self._tekenset_gemeld = False

    def _decode(self, nummer: int, data: bytes) -> str:
        if nummer == 1 and data.startswith(b"\xef\xbb\xbf") and self.tekenset is Tekenset.UTF8:
            data = data[3:]
        try:
            tekst = data.decode(CODECS[self.tekenset])
        except UnicodeDecodeError:
            self._meld_tekenset(
                nummer,
                f"Regel {nummer} is geen geldige UTF-8. Het bestand is waarschijnlijk opgeslagen als Windows-1252: "
                "kies die tekenset.",
            )
            return data.decode("utf-8", errors="replace")
        if _MOJIBAKE.search(tekst):
            voorbeeld = _MOJIBAKE.search(tekst)
            assert voorbeeld is not None
            gekozen = "UTF-8 (dubbel gecodeerd)" if self.tekenset is Tekenset.UTF8 else self.tekenset.value
            self._meld_tekenset(
                nummer,
                f'Regel {nummer} bevat "{voorbeeld.group()}", wat erop wijst dat het bestand UTF-8 is en niet '
                f"{gekozen}: kies tekenset UTF-8 (of sla het bestand in Magister opnieuw op).",
            )
        elif self.tekenset is Tekenset.ISO88591 and _C1.search(tekst):
            self._meld_tekenset(
                nummer,
                f"Regel {nummer} bevat tekens die in ISO-8859-1 niet bestaan (zoals €, ‘ of ’): kies Windows-1252.",
            )
        return tekst

    def _meld_tekenset(self, nummer: int, melding: str) -> None:
        if not self._tekenset_gemeld:
            self._tekenset_gemeld = True
            self.log.fout(nummer, None, melding)

    def _te_groot(self) -> None:
        mb = self.limieten.max_bytes // (1024 * 1024)
        self.log.fout(
            BESTAND, None, f"Het bestand is groter dan {mb} MB; splits het bestand of exporteer per vestiging."
        )
        self.gestopt = True

    def __iter__(self) -> Iterator[str]:
        digest = hashlib.sha256()
        grootte = 0
        rest = b""
        nummer = 0
        eerste = True
        for chunk in self.chunks:
            if eerste and chunk:
                eerste = False
                excel = excel_soort(chunk)
                if excel is not None:
                    self.log.fout(
                        BESTAND,
                        None,
                        f"Dit is {excel}, geen CSV- of tekstbestand. Sla het in Excel of Magister op als "
                        "'CSV (gescheiden door lijstscheidingsteken)' of 'Tekst (tab is scheidingsteken)'.",
                    )
                    self.gestopt = True
                    return
            grootte += len(chunk)
            if grootte > self.limieten.max_bytes:
                self._te_groot()
                return
            digest.update(chunk)
            self.bestand.sha256 = digest.hexdigest()
            delen = (rest + chunk).split(b"\n")
            rest = delen.pop()
            for data in delen:
                nummer += 1
                if not self._binnen_limiet(nummer):
                    return
                yield self._decode(nummer, data.rstrip(b"\r")) + "\n"
        self.bestand.sha256 = digest.hexdigest()
        if rest.strip():
            nummer += 1
            if self._binnen_limiet(nummer):
                yield self._decode(nummer, rest.rstrip(b"\r")) + "\n"
        self.bestand.regels = min(nummer, self.limieten.max_regels)

    def _binnen_limiet(self, nummer: int) -> bool:
        self.bestand.regels = nummer - 1
        if nummer > self.limieten.max_regels:
            self.log.fout(
                nummer,
                None,
                f"Het bestand heeft meer dan {self.limieten.max_regels} regels; splits het bestand.",
            )
            self.gestopt = True
            return False
        return True


def _scheidingsteken(eerste_regel: str) -> str:
    return "\t" if eerste_regel.count("\t") > eerste_regel.count(";") else ";"


def records(
    chunks: Iterable[bytes],
    soort: Soort,
    tekenset: Tekenset,
    log: Log,
    bestand: Bestand,
    limieten: Limieten | None = None,
) -> Iterator[Record]:
    """The data records of a file (no header, no empty lines), logging wrong field counts and file problems."""
    lijnen = iter(_Lijnen(chunks, tekenset, limieten or Limieten(), log, bestand))
    eerste = next(lijnen, None)
    if eerste is None:
        if not log.heeft_fouten:
            log.fout(BESTAND, None, "Het bestand is leeg.")
        return

    def alle() -> Iterator[str]:
        yield eerste
        yield from lijnen

    lezer = csv.reader(alle(), delimiter=_scheidingsteken(eerste), quotechar='"')
    verwacht = len(KOLOMMEN[soort])
    vorige = 0
    uitgesteld: Record | None = None
    for velden in lezer:
        record = Record(vorige + 1, velden)
        vorige = lezer.line_num
        if uitgesteld is not None:
            gesplitst = _kopregel(uitgesteld, record, verwacht, log)
            uitgesteld = None
            if gesplitst:
                continue
        if not any(v.strip() for v in velden):
            continue
        if record.regel == 1 and soort is Soort.LEERLINGEN and velden[0].strip().isdigit():
            log.waarschuwing(1, KOLOMMEN[soort][0], "Het bestand heeft geen kopregel; regel 1 is als leerling gelezen.")
        elif record.regel == 1 and _is_kopregel(soort, velden):
            if len(velden) < verwacht:
                uitgesteld = record
            elif len(velden) > verwacht:
                log.fout(1, None, _aantal_velden(len(velden), verwacht))
            continue
        if len(velden) != verwacht:
            log.fout(record.regel, None, _aantal_velden(len(velden), verwacht))
            continue
        schoon = [v.strip() for v in velden]
        if _te_lang(record.regel, soort, schoon, log):
            continue
        yield Record(record.regel, schoon)


def _te_lang(regel: int, soort: Soort, velden: list[str], log: Log) -> bool:
    """Log fields longer than the database keeps (leerlingnummers 40, the rest 200 characters)."""
    gevonden = False
    for index, waarde in enumerate(velden):
        grens = _MAX_NUMMER if index == _NUMMERKOLOM.get(soort) else _MAX_VELD
        if len(waarde) > grens:
            log.fout(regel, KOLOMMEN[soort][index], f"Het veld is langer dan {grens} tekens.")
            gevonden = True
    return gevonden


def _is_kopregel(soort: Soort, velden: list[str]) -> bool:
    if soort is Soort.LEERLINGEN:
        return True
    eerste = velden[0].strip().lower().replace(" ", "")
    return soort is Soort.GROEPEN and eerste in {"groepcode", "groep", "code"}


def _kopregel(kop: Record, volgende: Record, verwacht: int, log: Log) -> bool:
    """Log a short header; True when the next record is the rest of it (the Magister line-break quirk)."""
    if len(kop.velden) + len(volgende.velden) - 1 == verwacht:
        log.fout(
            kop.regel,
            None,
            f"De kopregel is verdeeld over regel {kop.regel} en {volgende.regel}: een kolomnaam bevat een "
            "regelovergang (bekend bij Magister-exports). Open het bestand in een teksteditor en haal de "
            f"regelovergang in de kopregel weg, zodat u weer {verwacht} velden krijgt.",
        )
        return True
    log.fout(kop.regel, None, _aantal_velden(len(kop.velden), verwacht))
    return False


def _aantal_velden(gevonden: int, verwacht: int) -> str:
    return (
        f"De regel heeft {gevonden} velden in plaats van {verwacht}. Controleer het scheidingsteken (; of tab) en "
        "of de exportindeling in Magister de juiste kolommen in de juiste volgorde heeft."
    )
