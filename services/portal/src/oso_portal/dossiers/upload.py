"""The bijlage upload read as a stream: the multipart body parsed chunk by chunk, the file passed on as it arrives.

Nothing is buffered, in memory or on disk: the fields before the file (the CSRF token of a form without
JavaScript) are read first, the file's bytes are counted while they pass to the dossier service and the
stream is cut the moment they exceed the limit. The multipart parsing itself is python-multipart's (the
parser Starlette uses); only the wiring to a pass-through stream is ours.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

# Fields before the file are small (CSRF token, description): anything bigger or more is not our form.
MAX_VELD_BYTES = 4096
MAX_VELDEN = 5


class OngeldigeUpload(Exception):
    """The body is no multipart form with one file (or its fields are too big or too many)."""


class TeGroot(Exception):
    """The file grew past the limit while streaming."""


class BijlageStroom:
    """One multipart upload, read only as far as it is consumed."""

    def __init__(self, request: Request, max_bytes: int) -> None:
        soort, opties = parse_options_header(request.headers.get("content-type", ""))
        grens = opties.get(b"boundary")
        if soort != b"multipart/form-data" or not grens:
            raise OngeldigeUpload
        self.max_bytes = max_bytes
        self.velden: dict[str, str] = {}
        self.bestandsnaam: str | None = None
        self.content_type: str | None = None
        self.gelezen = 0
        self.te_groot = False
        self._bron = request.stream().__aiter__()
        self._einde = False
        self._bestand_begonnen = False
        self._bestand_klaar = False
        self._in_bestand = False
        self._klaar_voor_doorgeven: list[bytes] = []
        self._koppen: dict[bytes, bytes] = {}
        self._kop_naam = bytearray()
        self._kop_waarde = bytearray()
        self._veld_naam = ""
        self._veld_waarde = bytearray()
        self._parser = MultipartParser(
            grens,
            {
                "on_part_begin": self._deel_begint,
                "on_header_field": lambda data, start, end: self._kop_naam.extend(data[start:end]),
                "on_header_value": lambda data, start, end: self._kop_waarde.extend(data[start:end]),
                "on_header_end": self._kop_klaar,
                "on_headers_finished": self._koppen_klaar,
                "on_part_data": self._data,
                "on_part_end": self._deel_klaar,
            },
        )

    # ------------------------------------------------------------------------------------------ parser callbacks

    def _deel_begint(self) -> None:
        self._koppen = {}

    def _kop_klaar(self) -> None:
        self._koppen[bytes(self._kop_naam).lower()] = bytes(self._kop_waarde)
        self._kop_naam.clear()
        self._kop_waarde.clear()

    def _koppen_klaar(self) -> None:
        _, opties = parse_options_header(self._koppen.get(b"content-disposition", b""))
        naam = opties.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in opties:
            if self._bestand_begonnen:
                raise OngeldigeUpload  # one file per upload
            self._bestand_begonnen = True
            self._in_bestand = True
            self.bestandsnaam = opties[b"filename"].decode("utf-8", "replace")
            self.content_type = self._koppen.get(b"content-type", b"").decode("latin-1") or None
            return
        if len(self.velden) >= MAX_VELDEN:
            raise OngeldigeUpload
        self._in_bestand = False
        self._veld_naam = naam
        self._veld_waarde = bytearray()

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._in_bestand:
            self.gelezen += end - start
            self._klaar_voor_doorgeven.append(bytes(data[start:end]))
            return
        self._veld_waarde.extend(data[start:end])
        if len(self._veld_waarde) > MAX_VELD_BYTES:
            raise OngeldigeUpload

    def _deel_klaar(self) -> None:
        if self._in_bestand:
            self._bestand_klaar = True
            self._in_bestand = False
        else:
            self.velden[self._veld_naam] = self._veld_waarde.decode("utf-8", "replace")

    # ------------------------------------------------------------------------------------------ reading

    async def _lees(self) -> None:
        """Feed one chunk of the request body to the parser."""
        try:
            chunk = await self._bron.__anext__()
        except StopAsyncIteration:
            self._einde = True
            return
        try:
            self._parser.write(chunk)
        except FormParserError as exc:
            raise OngeldigeUpload from exc
        if self.gelezen > self.max_bytes:
            self.te_groot = True
            raise TeGroot

    async def tot_bestand(self) -> bool:
        """Read the fields up to the start of the file; False when the form holds no file."""
        while not self._bestand_begonnen:
            if self._einde:
                return False
            await self._lees()
        return True

    async def inhoud(self) -> AsyncIterator[bytes]:
        """The file's bytes as they arrive; raises :class:`TeGroot` past the limit (the upload is then cut)."""
        while True:
            while self._klaar_voor_doorgeven:
                yield self._klaar_voor_doorgeven.pop(0)
            if self._bestand_klaar:
                return
            if self._einde:
                raise OngeldigeUpload  # the body ended inside the file
            await self._lees()
