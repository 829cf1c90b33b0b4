"""Checks on uploaded files that a name or a magic number cannot make: ZIP structure and size, HTML, file names.

A bijlage travels to the SWV and is opened there by people: a ZIP container (OOXML, ODF) must be the container
it claims and must not inflate beyond a bound (a zip bomb), a text file must not be HTML or script that a
browser would run, and a file name must not hide its real extension behind a bidi override.
Written with the standard library's ``zipfile``: it reads the central directory and inflates member by member,
which is all these checks need.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from typing import IO

# Explicit bidi embeddings/overrides/isolates and marks (U+202A–U+202E, U+2066–U+2069, LRM, RLM, ALM), and the
# C0 and C1 controls: none belongs in a file name, and the bidi ones make "gpj.exe" look like "exe.jpg".
_NAAM_WEG = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\x00-\x1f\x7f-\x9f]")

# What makes a "text" file something a browser runs: markup that opens a document, a script or an SVG.
_HTML = re.compile(
    rb"<\s*(?:!doctype\s+html|html|head|body|script|iframe|object|embed|svg|meta|link|img|style|a\s)|javascript:",
    re.IGNORECASE,
)
# A marker split over two chunks is still found: each check also sees the tail of the chunk before.
HTML_OVERLAP = 32

INFLATE_BLOK = 256 * 1024
MAX_LEDEN = 5000
# A member bigger than this must not inflate more than MAX_VERHOUDING times (tiny members compress arbitrarily).
VERHOUDING_VANAF = 1024 * 1024
MAX_VERHOUDING = 200

OOXML_DEEL = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
ODF_MEDIATYPE = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
ZIP_SOORTEN = frozenset(OOXML_DEEL) | frozenset(ODF_MEDIATYPE)
# The ZIP-based soort of a media type (for code that knows the type by its media type).
ZIP_MEDIATYPE = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    **{mediatype: soort for soort, mediatype in ODF_MEDIATYPE.items()},
}


class BestandOngeldig(Exception):
    """The file is not what it claims or is unsafe to pass on; ``reden`` is a sentence for the user."""

    def __init__(self, reden: str) -> None:
        super().__init__(reden)
        self.reden = reden


def schone_naamtekens(naam: str) -> str:
    """``naam`` without bidi control characters and C0/C1 control characters."""
    return _NAAM_WEG.sub("", naam)


def bevat_html(blok: bytes) -> bool:
    """True when ``blok`` holds HTML, SVG or script markup (case-insensitive)."""
    return _HTML.search(blok) is not None


@dataclass(frozen=True)
class ZipGrenzen:
    """Bounds for a ZIP container: total inflated bytes, and the per-member inflation ratio."""

    max_uitgepakt: int
    max_verhouding: int = MAX_VERHOUDING
    max_leden: int = MAX_LEDEN


def controleer_zip(bestand: IO[bytes], soort: str, grenzen: ZipGrenzen) -> None:
    """Raise :class:`BestandOngeldig` unless ``bestand`` is a sound ZIP of ``soort`` (docx…, odt…) within bounds.

    The sizes are checked twice: as the central directory declares them, and while inflating every member
    (a forged directory cannot hide a bomb).
    """
    try:
        with zipfile.ZipFile(bestand) as zf:
            leden = zf.infolist()
            _controleer_directory(leden, grenzen)
            _controleer_structuur(zf, leden, soort)
            totaal = 0
            for lid in leden:
                totaal = _inflate(zf, lid, totaal, grenzen)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError) as exc:
        # The text of a zipfile error may quote member names: the user gets a sentence, the log the class.
        raise BestandOngeldig("Het bestand is geen geldig ZIP-bestand.") from exc


def _controleer_directory(leden: list[zipfile.ZipInfo], grenzen: ZipGrenzen) -> None:
    if len(leden) > grenzen.max_leden:
        raise BestandOngeldig(f"Het bestand bevat meer dan {grenzen.max_leden} onderdelen.")
    if sum(lid.file_size for lid in leden) > grenzen.max_uitgepakt:
        raise BestandOngeldig(f"Uitgepakt is het bestand groter dan {grenzen.max_uitgepakt} bytes.")
    for lid in leden:
        if lid.file_size > VERHOUDING_VANAF and lid.file_size > grenzen.max_verhouding * max(lid.compress_size, 1):
            raise BestandOngeldig("Het bestand is verdacht sterk gecomprimeerd (een zogeheten zip-bom).")


def _controleer_structuur(zf: zipfile.ZipFile, leden: list[zipfile.ZipInfo], soort: str) -> None:
    namen = {lid.filename for lid in leden}
    if soort in OOXML_DEEL:
        if "[Content_Types].xml" not in namen or OOXML_DEEL[soort] not in namen:
            raise BestandOngeldig(f"Het bestand is geen geldig {soort.upper()}-document.")
    elif soort in ODF_MEDIATYPE:
        eerste = leden[0] if leden else None
        if eerste is None or eerste.filename != "mimetype" or eerste.file_size > 200:
            raise BestandOngeldig(f"Het bestand is geen geldig {soort.upper()}-document.")
        if zf.read(eerste).strip() != ODF_MEDIATYPE[soort].encode():
            raise BestandOngeldig(f"Het bestand is geen geldig {soort.upper()}-document.")


def _inflate(zf: zipfile.ZipFile, lid: zipfile.ZipInfo, totaal: int, grenzen: ZipGrenzen) -> int:
    gelezen = 0
    with zf.open(lid) as stroom:
        while blok := stroom.read(INFLATE_BLOK):
            gelezen += len(blok)
            totaal += len(blok)
            if totaal > grenzen.max_uitgepakt:
                raise BestandOngeldig(f"Uitgepakt is het bestand groter dan {grenzen.max_uitgepakt} bytes.")
            if gelezen > VERHOUDING_VANAF and gelezen > grenzen.max_verhouding * max(lid.compress_size, 1):
                raise BestandOngeldig("Het bestand is verdacht sterk gecomprimeerd (een zogeheten zip-bom).")
    return totaal
