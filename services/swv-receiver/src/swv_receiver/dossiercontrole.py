"""Hardened parsing and a sanity check of a fetched OSO dossier (CPU-bound: call it off the event loop).

The school side validated the dossier fully before making it opvraagbaar; the receiver checks that what it
fetched is a well-formed, DTD-free OSO SWV dossier of the school the notification named, and extracts what
a hulpvraag shows. The dossier service's full validation can be switched on in the settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

NS = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"
_Q = "{" + NS + "}"
SWV_OVERSTAPPEN = frozenset({"VOSWV", "POSWV"})


class DossierOngeldig(Exception):
    """The fetched document is not an acceptable SWV dossier; ``code`` says why."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class DossierKern:
    """What the receiver needs from a dossier."""

    brin: str
    vestigingscode: str | None
    schoolnaam: str | None
    overstap: str
    leerling_naam: str | None


def _parser() -> etree.XMLParser:
    # No DTDs, no entity expansion, no network, no huge-tree escape hatch.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _text(element: etree._Element | None, tag: str) -> str | None:
    if element is None:
        return None
    child = element.find(_Q + tag)
    if child is None or child.text is None:
        return None
    return child.text.strip() or None


def _leerling_naam(leerling: etree._Element | None) -> str | None:
    if leerling is None:
        return None
    roepnaam = _text(leerling, "roepnaam") or _text(leerling, "voornaam")
    delen = [roepnaam, _text(leerling, "voorvoegsel"), _text(leerling, "achternaam")]
    naam = " ".join(d for d in delen if d)
    return naam or None


def controleer(xml: bytes, max_bytes: int) -> DossierKern:
    """Parse hardened and sanity-check an SWV dossier; raise DossierOngeldig with a code on failure."""
    if len(xml) > max_bytes:
        raise DossierOngeldig("DOSSIER_TE_GROOT", f"Het dossier is groter dan {max_bytes} bytes.")
    try:
        root = etree.fromstring(xml, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise DossierOngeldig("DOSSIER_GEEN_XML", f"Het dossier is geen goedgevormde XML: {exc.msg}") from exc
    tree = root.getroottree()
    if getattr(tree.docinfo, "doctype", ""):
        raise DossierOngeldig("DOSSIER_DTD_NIET_TOEGESTAAN", "Een DOCTYPE is niet toegestaan in een dossier.")
    if root.tag != _Q + "dossier":
        raise DossierOngeldig("DOSSIER_ONBEKEND_FORMAAT", "Het document is geen OSO-dossier (gegevensset 2019).")
    metadata = root.find(_Q + "metadata")
    overstap = _text(metadata, "overstap")
    if overstap not in SWV_OVERSTAPPEN:
        raise DossierOngeldig("DOSSIER_GEEN_SWV_DOSSIER", "Het dossier is geen VO-SWV- of PO-SWV-dossier.")
    if _text(root, "overdrachtsoort") != "swv-dossier":
        raise DossierOngeldig("DOSSIER_GEEN_SWV_DOSSIER", "De overdrachtsoort is niet swv-dossier.")
    school = root.find(_Q + "huidigeschool")
    brin = _text(school, "brincode")
    if brin is None:
        raise DossierOngeldig("DOSSIER_ZONDER_SCHOOL", "Het dossier noemt geen BRIN van de huidige school.")
    leerling = school.find(_Q + "leerling") if school is not None else None
    if leerling is None:
        raise DossierOngeldig("DOSSIER_ZONDER_LEERLING", "Het dossier bevat geen leerling.")
    # An SWV dossier must never carry a PGN (BSN or onderwijsnummer).
    if leerling.find(_Q + "bsn") is not None or leerling.find(_Q + "onderwijsnummer") is not None:
        raise DossierOngeldig("DOSSIER_BEVAT_PGN", "Een SWV-dossier mag geen BSN of onderwijsnummer bevatten.")
    return DossierKern(
        brin=brin,
        vestigingscode=_text(school, "vestigingscode"),
        schoolnaam=_text(school, "naam"),
        overstap=overstap,
        leerling_naam=_leerling_naam(leerling),
    )


def volledig_valideren(xml: bytes) -> list[str]:
    """Errors found by the dossier service's validation, when that package is installed; else nothing."""
    try:
        from oso_dossier.validation import validate
    except ImportError:
        return []
    report = validate(xml)
    findings = getattr(report, "findings", [])
    return [str(getattr(f, "message", f)) for f in findings if getattr(f, "severity", "fout") == "fout"]
