"""Which file types the OSO standard allows as bijlage, recognised by content (``filetype``) rather than by name."""

from __future__ import annotations

from dataclasses import dataclass

import filetype

# Bytes needed to recognise a type; filetype itself looks at most at the first 8 KiB.
KOP_BYTES = 8192


@dataclass(frozen=True)
class Bestandssoort:
    soort: str
    mediatype: str
    extensies: frozenset[str]


_SOORTEN = {
    "pdf": Bestandssoort("pdf", "application/pdf", frozenset({"pdf"})),
    "jpg": Bestandssoort("jpg", "image/jpeg", frozenset({"jpg", "jpeg"})),
    "png": Bestandssoort("png", "image/png", frozenset({"png"})),
    "doc": Bestandssoort("doc", "application/msword", frozenset({"doc"})),
    "docx": Bestandssoort(
        "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", frozenset({"docx"})
    ),
    "odt": Bestandssoort("odt", "application/vnd.oasis.opendocument.text", frozenset({"odt"})),
    "ods": Bestandssoort("ods", "application/vnd.oasis.opendocument.spreadsheet", frozenset({"ods"})),
    "odp": Bestandssoort("odp", "application/vnd.oasis.opendocument.presentation", frozenset({"odp"})),
    "xls": Bestandssoort("xls", "application/vnd.ms-excel", frozenset({"xls"})),
    "xlsx": Bestandssoort(
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", frozenset({"xlsx"})
    ),
    "ppt": Bestandssoort("ppt", "application/vnd.ms-powerpoint", frozenset({"ppt"})),
    "pptx": Bestandssoort(
        "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", frozenset({"pptx"})
    ),
    "txt": Bestandssoort("txt", "text/plain", frozenset({"txt"})),
}
TOEGESTAAN = "PDF, JPG, PNG, DOC, DOCX, ODF (ODT/ODS/ODP), XLS, XLSX, TXT, PPT, PPTX"

_IDENTITEIT = bytes.maketrans(b"", b"")
# Bytes a plain-text file may contain: TAB, LF, FF, CR and everything from space upwards (any 8-bit encoding).
_TEKST_BYTES = b"\t\n\x0c\r" + bytes(range(32, 256))


def herken(kop: bytes) -> Bestandssoort | None:
    """The allowed type whose signature matches ``kop`` (the first bytes), or None."""
    kind = filetype.guess(kop)
    if kind is not None:
        return _SOORTEN.get(kind.extension)
    if kop and is_tekst(kop):
        return _SOORTEN["txt"]
    return None


def is_tekst(chunk: bytes) -> bool:
    """True when ``chunk`` holds no binary control bytes (so it may be a TXT file)."""
    return not chunk.translate(_IDENTITEIT, _TEKST_BYTES)


def extensie(bestandsnaam: str) -> str:
    """Lower-case extension without the dot ('' when none)."""
    _, dot, ext = bestandsnaam.rpartition(".")
    return ext.lower() if dot else ""
