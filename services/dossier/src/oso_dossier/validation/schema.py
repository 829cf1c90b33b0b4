"""The official XSD: locating the schema folder, loading it once (hardened) and turning errors into findings."""

from __future__ import annotations

import functools
import re
import threading
from pathlib import Path
from typing import Any

from lxml import etree

from oso_dossier.validation.parsing import OSO_NS
from oso_dossier.validation.paths import element_path
from oso_dossier.validation.report import FOUT, Finding

XSD_NAME = "OSO_gegevensset.xsd"
_MAX_XSD_FINDINGS = 200


def find_schema_dir(*starts: Path) -> Path | None:
    """Walk up from each start to the first ``shared/oso`` folder that holds the XSD (next to the repo)."""
    for start in starts:
        for folder in (start, *start.parents):
            candidate = folder / "shared" / "oso"
            if (candidate / XSD_NAME).is_file():
                return candidate
    return None


@functools.cache
def default_schema_dir() -> Path | None:
    """The configured ``oso_schema_dir``, else ``../shared/oso`` next to the repo (from the cwd or this package)."""
    from oso_dossier.settings import Settings

    configured = Settings().oso_schema_dir
    if configured is not None:
        return configured
    return find_schema_dir(Path.cwd().resolve(), Path(__file__).resolve().parent)


_local = threading.local()


def load_schema(schema_dir: Path) -> etree.XMLSchema | None:
    """The compiled XSD of ``schema_dir`` (cached per thread: a validator's error log is per-object state)."""
    cache: dict[Path, etree.XMLSchema | None] | None = getattr(_local, "schemas", None)
    if cache is None:
        cache = _local.schemas = {}
    if schema_dir not in cache:
        xsd = schema_dir / XSD_NAME
        if not xsd.is_file():
            cache[schema_dir] = None
        else:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
            cache[schema_dir] = etree.XMLSchema(etree.parse(str(xsd), parser))
    return cache[schema_dir]


def xsd_findings(schema: etree.XMLSchema, root: etree._Element) -> list[Finding]:
    """Validate ``root`` against the XSD; one ``XSD`` finding per error libxml2 reports."""
    if schema.validate(root):
        return []
    findings: list[Finding] = []
    entries: Any = schema.error_log
    for entry in entries:
        if len(findings) >= _MAX_XSD_FINDINGS:
            break
        path = _resolve_path(root, entry.path)
        message, hint = translate(entry.message)
        findings.append(Finding("XSD", FOUT, path, f"{message} (regel {entry.line})", hint))
    return findings


def _resolve_path(root: etree._Element, lxml_path: str | None) -> str:
    if not lxml_path:
        return "/"
    try:
        found = root.getroottree().xpath(lxml_path)
    except etree.XPathError:
        return "/"
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        return element_path(found[0])
    return "/"


_NS = re.compile(r"\{[^}]*\}")
_ELEMENT = re.compile(r"^Element '([^']*)'(?:, attribute '([^']*)')?: (.*)$", re.S)
_TYPE_HINTS = {
    "xs:date": "Gebruik een bestaande datum in de vorm JJJJ-MM-DD, bijvoorbeeld 2019-08-01.",
    "xs:boolean": "Gebruik true, false, 1 of 0.",
    "xs:integer": "Gebruik een geheel getal zonder spaties of decimalen.",
    "xs:int": "Gebruik een geheel getal zonder spaties of decimalen.",
    "xs:decimal": "Gebruik een getal met een punt als decimaalteken.",
}


def translate(raw: str) -> tuple[str, str]:
    """Dutch message and fix hint for a libxml2 XSD error message."""
    text = _NS.sub("", raw).strip()
    match = _ELEMENT.match(text)
    if not match:
        if "No matching global declaration" in text:
            return (
                "Het hoofdelement is geen OSO-dossier (verkeerde naam of namespace).",
                f'Gebruik <dossier xmlns="{OSO_NS}"> als hoofdelement.',
            )
        return f"Het dossier voldoet niet aan het XSD-schema: {text}", "Pas het dossier aan volgens het OSO-schema."
    element, attribute, detail = match.group(1), match.group(2), match.group(3)
    subject = f"Attribuut '{attribute}' van element '{element}'" if attribute else f"Element '{element}'"
    if detail.startswith("This element is not expected"):
        expected = _expected(detail)
        extra = f" Verwacht: {expected}." if expected else ""
        return (
            f"{subject} is hier niet toegestaan (onbekend, dubbel of in de verkeerde volgorde).{extra}",
            "Zet de elementen in de volgorde van het OSO-schema en verwijder onbekende of dubbele elementen.",
        )
    if detail.startswith("Missing child element"):
        expected = _expected(detail)
        return (
            f"{subject} mist een verplicht onderdeel: {expected or 'zie het schema'}.",
            "Voeg het ontbrekende verplichte element toe op de juiste plaats.",
        )
    if "[facet 'pattern']" in detail:
        value, pattern = _quoted(detail, 0), _quoted(detail, 1)
        return (
            f"{subject}: de waarde '{value}' heeft niet het vereiste formaat ({pattern}).",
            _pattern_hint(element, pattern),
        )
    if "[facet 'minLength']" in detail:
        return f"{subject} mag niet leeg zijn.", "Vul een waarde in of laat het (optionele) element weg."
    if "[facet 'maxLength']" in detail:
        return f"{subject}: de waarde is te lang.", "Kort de waarde in tot de maximale lengte uit het schema."
    if "[facet 'enumeration']" in detail:
        return (
            f"{subject}: de waarde '{_quoted(detail, 0)}' staat niet in de toegestane lijst.",
            "Gebruik een van de waarden die het OSO-schema voor dit veld toestaat.",
        )
    if "[facet 'minInclusive']" in detail or "[facet 'maxInclusive']" in detail:
        return (
            f"{subject}: de waarde valt buiten het toegestane bereik.",
            "Gebruik een waarde binnen het bereik uit het schema.",
        )
    if "is not a valid value of" in detail:
        value = _quoted(detail, 0)
        type_match = re.search(r"type '([^']*)'", detail)
        type_name = type_match.group(1) if type_match else ""
        return (
            f"{subject}: '{value}' is geen geldige waarde{f' van type {type_name}' if type_name else ''}.",
            _TYPE_HINTS.get(type_name, "Gebruik een waarde die het OSO-schema voor dit veld toestaat."),
        )
    if "is not allowed" in detail and "attribute" in detail.lower():
        return (
            f"{subject}: {_attribute_not_allowed(detail)}",
            "Verwijder het attribuut; het OSO-schema kent het hier niet.",
        )
    if "is required but missing" in detail:
        return f"{subject} mist een verplicht attribuut.", "Voeg het verplichte attribuut toe."
    if "Character content" in detail:
        return f"{subject} mag geen tekst bevatten, alleen elementen.", "Verwijder de losse tekst uit dit element."
    if "Element content is not allowed" in detail:
        return f"{subject} mag geen kindelementen bevatten.", "Zet hier alleen een tekstwaarde neer."
    return f"{subject}: {detail}", "Pas het element aan volgens het OSO-schema."


def _expected(detail: str) -> str:
    match = re.search(r"Expected is (?:one of )?\( ?(.*?) ?\)", detail)
    return match.group(1) if match else ""


def _quoted(detail: str, index: int) -> str:
    values = re.findall(r"'([^']*)'", detail)
    return values[index] if len(values) > index else ""


def _attribute_not_allowed(detail: str) -> str:
    name = _quoted(detail, 0)
    return f"attribuut '{name}' is hier niet toegestaan." if name else "een attribuut is hier niet toegestaan."


def _pattern_hint(element: str, pattern: str) -> str:
    hints = {
        "brincode": "Een BRIN-code is 2 cijfers gevolgd door 2 hoofdletters, bijvoorbeeld 99AA.",
        "vestigingscode": "Een vestigingscode is precies 2 cijfers, bijvoorbeeld 01.",
        "gbageboortedatum": "De GBA-geboortedatum heeft de vorm DD-MM-JJJJ.",
        "lwoo_einddatum": "De LWOO-einddatum valt altijd op 31 juli: JJJJ-07-31.",
        "schooljaar": "Een schooljaar heeft de vorm JJJJ-JJJJ, bijvoorbeeld 2018-2019.",
        "geboortemaand": "Een geboortemaand heeft de vorm JJJJ-MM.",
    }
    return hints.get(element, f"Gebruik een waarde die past bij het patroon {pattern}.")
