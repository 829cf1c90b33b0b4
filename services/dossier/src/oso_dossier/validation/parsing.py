"""Hardened XML parsing of untrusted dossiers.

lxml/libxml2 with entity resolution, DTD loading and network access off; any DOCTYPE is rejected (OSO dossiers
never carry one, and lxml would otherwise keep an internal subset in place); XInclude is never processed and an
XInclude element is rejected; depth, body size and text-node length are bounded. ``huge_tree`` is only on together
with the body cap, so a large base64 ``bestandsinhoud`` fits while bombs stay out.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass
from typing import Any

from lxml import etree

OSO_NS = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"
XINCLUDE_NAMESPACES = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
# Base64 attachments are the one text node that may be large.
LARGE_TEXT_ELEMENT = f"{{{OSO_NS}}}bestandsinhoud"


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds applied to every body before and while parsing."""

    max_bytes: int = 64 * 1024 * 1024
    max_depth: int = 64
    max_text_chars: int = 1_048_576
    # Markup count (each '<' starts a tag, comment or PI); a real dossier has a few thousand at most.
    max_markup: int = 200_000


DEFAULT_LIMITS = Limits()


class UnsafeXml(Exception):
    """The body is not well-formed XML or breaks a safety bound; carries a Dutch message and hint."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class _RefuseResolver(etree.Resolver):
    """Never resolves anything: no file, no URL, not even a catalog lookup."""

    def resolve(self, system_url: str, public_id: str, context: object = None) -> None:
        raise UnsafeXml(
            "Het dossier verwijst naar een externe bron; dat is niet toegestaan.",
            "Verwijder de verwijzing naar externe bestanden of URL's.",
        )


_local = threading.local()


def _parser() -> etree.XMLParser:
    """One hardened parser per thread (parsers keep per-document state)."""
    parser: etree.XMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            attribute_defaults=False,
            huge_tree=True,  # only safe because parse() enforces max_bytes first
            collect_ids=False,
            recover=False,
        )
        parser.resolvers.add(_RefuseResolver())
        _local.parser = parser
    return parser


def _depth_probe(depth: int) -> etree.XPath:
    """A compiled ``boolean(/*/*/.../*)`` probe; per thread, since compiled XPath objects keep evaluation state."""
    probes: dict[int, etree.XPath] | None = getattr(_local, "depth_probes", None)
    if probes is None:
        probes = _local.depth_probes = {}
    probe = probes.get(depth)
    if probe is None:
        probe = probes[depth] = etree.XPath("boolean(/" + "*/" * depth + "*)")
    return probe


def parse(xml: bytes, limits: Limits = DEFAULT_LIMITS) -> etree._Element:
    """Parse ``xml`` hardened and return the root element; raise :class:`UnsafeXml` on anything unsafe."""
    if not isinstance(xml, bytes | bytearray | memoryview):
        raise UnsafeXml("De invoer is geen bytes-reeks.", "Lever het dossier aan als XML-bestand.")
    data = bytes(xml)
    if len(data) > limits.max_bytes:
        raise UnsafeXml(
            f"Het dossier is groter dan de toegestane {limits.max_bytes} bytes.",
            "Verklein het dossier, bijvoorbeeld door minder of kleinere bijlagen mee te sturen.",
        )
    if not data or data.isspace():
        raise UnsafeXml("Het dossier is leeg.", "Lever een volledig OSO-dossier (XML) aan.")
    _check_encoding(data)
    # Tiny elements cost far more memory than their bytes: bound the markup count of big bodies before parsing
    # (base64 attachments hold no '<', so a large legitimate dossier passes).
    if len(data) > 1_048_576 and data.count(b"<") > limits.max_markup:
        raise UnsafeXml(
            f"Het dossier bevat meer dan {limits.max_markup} elementen; dat is geen OSO-dossier.",
            "Lever één OSO-dossier per bestand aan.",
        )
    # libxml2 must never even read an internal subset (with huge_tree its entity-amplification guard is relaxed),
    # so any DOCTYPE is refused before parsing; the docinfo check after parsing stays as the authoritative one.
    _check_prolog(data)
    try:
        root = etree.fromstring(data, _parser())
    except UnsafeXml:
        raise
    except etree.XMLSyntaxError as exc:
        raise _syntax(exc) from None
    except (ValueError, etree.LxmlError) as exc:
        raise UnsafeXml(
            f"Het dossier kan niet als XML worden gelezen ({type(exc).__name__}).",
            "Lever een geldig XML-bestand in UTF-8 aan.",
        ) from None
    docinfo: Any = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise _doctype()
    if next(root.iter(*(f"{{{ns}}}*" for ns in XINCLUDE_NAMESPACES)), None) is not None:
        raise UnsafeXml(
            "Het dossier bevat een XInclude-element; XInclude wordt nooit verwerkt.",
            "Verwijder het xi:include-element en neem de inhoud zelf op.",
        )
    if _depth_probe(limits.max_depth)(root):
        raise UnsafeXml(
            f"Het dossier is dieper genest dan de toegestane {limits.max_depth} niveaus.",
            "Lever een OSO-dossier aan; dat is nooit zo diep genest.",
        )
    # A text node cannot be longer than the body, so small bodies skip the scan.
    if len(data) > limits.max_text_chars:
        _check_text_lengths(root, limits.max_text_chars)
    return root


def _ascii_compatible(name: str) -> bool:
    """UTF-8, ASCII and the ISO-8859/Windows-125x single-byte sets write markup bytes exactly like ASCII."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return False
    return codec in ("utf-8", "ascii", "latin-1") or codec.startswith(("iso8859-", "cp125"))


_ENCODING_DECL = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _check_encoding(data: bytes) -> None:
    """Only ASCII-compatible encodings, so the byte-level DOCTYPE check cannot be dodged via UTF-16 or UTF-7."""
    head = data[:1024]
    if b"\x00" in head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsafeXml(
            "Het dossier is niet in UTF-8 gecodeerd (UTF-16/UTF-32 wordt niet geaccepteerd).",
            "Sla het dossier op als UTF-8.",
        )
    match = _ENCODING_DECL.match(head)
    if match is not None and not _ascii_compatible(match.group(1).decode("ascii")):
        raise UnsafeXml(
            f"Het dossier gebruikt de tekencodering {match.group(1).decode('ascii')!r}; alleen UTF-8 is toegestaan.",
            'Sla het dossier op als UTF-8 met <?xml version="1.0" encoding="UTF-8"?>.',
        )


def _check_prolog(data: bytes) -> None:
    """Refuse any ``<!...>`` declaration before the root element (a DOCTYPE is the only legal one).

    Only the prolog needs scanning: XML allows a DOCTYPE nowhere else, so libxml2 rejects one after the root start.
    """
    pos = 0
    while True:
        start = data.find(b"<", pos)
        if start < 0:
            return
        if data.startswith(b"<?", start):
            end = data.find(b"?>", start + 2)
            if end < 0:
                return
            pos = end + 2
        elif data.startswith(b"<!--", start):
            end = data.find(b"-->", start + 4)
            if end < 0:
                return
            pos = end + 3
        elif data.startswith(b"<!", start):
            raise _doctype()
        else:
            return


def _check_text_lengths(root: etree._Element, max_chars: int) -> None:
    for el in root.iter():
        text = el.text
        if text is not None and len(text) > max_chars and el.tag != LARGE_TEXT_ELEMENT:
            raise _too_long_text()
        tail = el.tail
        if tail is not None and len(tail) > max_chars:
            raise _too_long_text()
        for value in el.attrib.values():
            if len(value) > max_chars:
                raise _too_long_text()


def _too_long_text() -> UnsafeXml:
    return UnsafeXml(
        "Het dossier bevat een tekstwaarde die langer is dan toegestaan.",
        "Alleen bijlagen (bestandsinhoud) mogen groot zijn; kort de overige tekst in.",
    )


def _doctype() -> UnsafeXml:
    return UnsafeXml(
        "Het dossier bevat een DOCTYPE/DTD; een OSO-dossier heeft die nooit en ze worden geweigerd.",
        "Verwijder de <!DOCTYPE ...>-declaratie (en eventuele ENTITY-definities) uit het dossier.",
    )


def _syntax(exc: etree.XMLSyntaxError) -> UnsafeXml:
    raw = str(exc.msg or exc)
    lower = raw.lower()
    where = f" (regel {exc.lineno}, kolom {exc.offset})" if exc.lineno else ""
    if "encoding" in lower or "utf-8" in lower or ("char" in lower and "range" in lower):
        return UnsafeXml(
            f"Het dossier bevat ongeldige tekens of een ongeldige tekencodering{where}.",
            "Sla het dossier op als geldige UTF-8 en controleer bijzondere tekens.",
        )
    if "depth" in lower or "huge" in lower:
        return UnsafeXml(
            f"Het dossier is te diep genest of te groot om veilig te lezen{where}.",
            "Lever een OSO-dossier aan; dat is nooit zo diep genest.",
        )
    if "entity" in lower:
        return UnsafeXml(
            f"Het dossier gebruikt entiteiten; die worden niet verwerkt{where}.",
            "Vervang entiteiten door de tekst zelf (alleen &amp; &lt; &gt; &quot; &apos; zijn toegestaan).",
        )
    return UnsafeXml(
        f"Het dossier is geen goed gevormde XML{where}: {raw}",
        "Controleer of het bestand een volledig XML-document is (begin- en eindtags, één hoofdelement).",
    )
