"""Our own structural checks, used only when the official XSD is not available.

They cover the parts of the schema that matter most for a PaO dossier (root, mandatory blocks and fields,
booleans, dates and the BRIN/vestiging patterns). They are a subset of the XSD, so they report ``rule: "XSD"``.
"""

from __future__ import annotations

import datetime as dt
import re

from lxml import etree

from oso_dossier.validation.context import Element, string_value, tag
from oso_dossier.validation.parsing import OSO_NS
from oso_dossier.validation.paths import element_path
from oso_dossier.validation.report import FOUT, Finding

_REQUIRED: dict[str, tuple[str, ...]] = {
    "dossier": ("metadata", "overdrachtsoort", "huidigeschool"),
    "metadata": ("deeldossier", "pakketnaam", "pakketversie", "datum", "standaardversie", "validatieversie"),
    "huidigeschool": ("naam", "brincode", "vestigingscode", "aanleverpunt", "leerling"),
    "leerling": ("achternaam",),
    "verzorger": ("achternaam", "wettigevertegenwoordiger"),
}
_BOOLEANS = frozenset(
    [
        "adresgeheim",
        "afgerond",
        "begeleidingsplanrec",
        "begeleidingvoortzetten",
        "beroepskeuzetest",
        "besprokeninzat",
        "contactleerplicht",
        "contactnodig",
        "deelgenomen",
        "deelgenomenaanonderzoek",
        "examenvak",
        "geheim",
        "ingevoerdinvir",
        "inzage",
        "lagescoreeindtoets",
        "leerachterstand",
        "lobdossier",
        "medicijngebruik",
        "meerdan25percent",
        "motivatiebrief",
        "noodnummer",
        "overleden",
        "pop",
        "portfolio",
        "rmcmelding",
        "specialebegeleiding",
        "tehuis",
        "vanpeuterspeelzaal",
        "verzorgersaansprakelijk",
        "voorlopigdossier",
        "voortzetten",
        "wettigevertegenwoordiger",
    ]
)
_DATES = frozenset(
    [
        "afnamedatum",
        "ambulantstartdatum",
        "arrangement_datum",
        "arrangement_einddatum",
        "begindatum",
        "datum",
        "datum_afname",
        "datum_vaststelling",
        "datumafgerond",
        "datuminschrijving",
        "datumuitschrijving",
        "datumuitslag",
        "einddatum",
        "geboortedatum",
        "inzagedatum",
        "lgfdatum",
        "lgfeinddatum",
        "lwoo_ingangdatum",
        "onderwijssinds",
        "opdc_einddatum",
        "opdc_ingangdatum",
        "opp_einddatum",
        "opp_ingangdatum",
        "overlijdensdatum",
        "pgbdatum",
        "rvcdatum",
        "sbobeschikkingsdatum",
        "startdatum",
        "startdatumhuidigonderwijs",
        "tlveinddatum",
        "tlvingangdatum",
        "upwingangdatum",
        "vertrekdatum",
        "vroegschoolsdatumingang",
        "vroegschoolseinddatum",
        "lwoo_einddatum",
    ]
)
_PATTERNS: dict[str, tuple[re.Pattern[str], str]] = {
    "brincode": (re.compile(r"[0-9][0-9][A-Z][A-Z]"), "Een BRIN-code is 2 cijfers en 2 hoofdletters, bijv. 99AA."),
    "vestigingscode": (re.compile(r"[0-9][0-9]"), "Een vestigingscode is precies 2 cijfers, bijv. 01."),
    "gbageboortedatum": (re.compile(r"\d{2}-\d{2}-\d{4}"), "De GBA-geboortedatum heeft de vorm DD-MM-JJJJ."),
    "geboortemaand": (re.compile(r"\d{4}-\d{2}"), "Een geboortemaand heeft de vorm JJJJ-MM."),
    "schooljaar": (re.compile(r"[0-9]{4}-[0-9]{4}"), "Een schooljaar heeft de vorm JJJJ-JJJJ."),
    "lwoo_einddatum": (re.compile(r"[0-9]{4}-07-31"), "De LWOO-einddatum is altijd JJJJ-07-31."),
}
_DATE = re.compile(r"(-?\d{4,})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?")
_WS = " \t\r\n"


def _finding(el: Element | None, message: str, hint: str) -> Finding:
    return Finding("XSD", FOUT, element_path(el) if el is not None else "/", message, hint)


def _valid_date(value: str) -> bool:
    match = _DATE.fullmatch(value)
    if not match:
        return False
    try:
        dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return False
    return True


def structural_findings(root: Element) -> list[Finding]:
    """Schema-like findings from our own checks (no official XSD available)."""
    findings: list[Finding] = []
    if root.tag != tag("dossier"):
        findings.append(
            _finding(
                root,
                "Het hoofdelement is geen OSO-dossier (verkeerde naam of namespace).",
                f'Gebruik <dossier xmlns="{OSO_NS}"> als hoofdelement.',
            )
        )
        return findings
    for el in root.iter(etree.Element):
        if not isinstance(el.tag, str):
            continue
        if not el.tag.startswith(f"{{{OSO_NS}}}"):
            findings.append(
                _finding(el, "Element in een onbekende namespace.", "Gebruik alleen elementen uit het OSO-schema.")
            )
            continue
        name = el.tag[len(OSO_NS) + 2 :]
        required = _REQUIRED.get(name)
        if required and (name != "dossier" or el is root):
            for child in required:
                if el.find(tag(child)) is None:
                    findings.append(
                        _finding(
                            el, f"Element '{name}' mist het verplichte onderdeel '{child}'.", f"Voeg '{child}' toe."
                        )
                    )
        if len(el):
            continue
        value = string_value(el)
        if name in _BOOLEANS and value.strip(_WS) not in ("true", "false", "1", "0"):
            findings.append(
                _finding(el, f"'{value}' is geen geldige booleaanse waarde.", "Gebruik true, false, 1 of 0.")
            )
        elif name in _DATES and not _valid_date(value.strip(_WS)):
            findings.append(
                _finding(el, f"'{value}' is geen geldige datum.", "Gebruik een bestaande datum in de vorm JJJJ-MM-DD.")
            )
        pattern = _PATTERNS.get(name)
        if pattern is not None and not pattern[0].fullmatch(value):
            findings.append(
                _finding(el, f"De waarde '{value}' van '{name}' heeft niet het vereiste formaat.", pattern[1])
            )
    return findings
