"""Builds the OSO gegevensset 2019.1 XML (PaO profile, VO-SWV) of a dossier with lxml.

Only what the PaO rules allow goes in: no BSN/onderwijsnummer, geboorteplaats, nationaliteit, postcode4 or
banknummer; secret phone numbers and e-mail addresses are replaced by the fixed placeholders; a secret address
is left out. ``categorie_uitlevering`` says per category whether it goes along, and the blocks of categories
switched off (OPT-UIT) are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lxml import etree

from oso_dossier.leerlingen.schemas import (
    Adres,
    Communicatie,
    LeerlingGegevens,
    Verzorger,
)

NS = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"
GEHEIM_TELEFOON = "9999999999"
GEHEIM_EMAIL = "geheim@geheim.geheim"

# The sixteen categories in XSD order with their fixed VO-SWV value; None = OPTIONEEL, chosen per dossier.
CATEGORIEEN: tuple[tuple[str, str | None], ...] = (
    ("cat_metadata", "VERPLICHT"),
    ("cat_ouderinzage", None),
    ("cat_school", "VERPLICHT"),
    ("cat_leerling", "VERPLICHT"),
    ("cat_oudersverzorgers", "VERPLICHT"),
    ("cat_vve", "VERBODEN"),
    ("cat_schoolloopbaan", "VERPLICHT"),
    ("cat_overstapadvies", None),
    ("cat_onderwijsondersteuning", "VERPLICHT"),
    ("cat_verzuim", None),
    ("cat_eindtoetsbo", None),
    ("cat_toetsresultaten", None),
    ("cat_handelingsplannen", None),
    ("cat_cijferlijsten", None),
    ("cat_vombo", None),
    ("cat_bijlagedocs", None),
)
OPTIONELE_CATEGORIEEN: tuple[str, ...] = tuple(naam for naam, vast in CATEGORIEEN if vast is None)


@dataclass(frozen=True)
class Document:
    """An attachment ready for the dossier: ``inhoud_base64`` is the Base64 of a ZIP holding the file."""

    bestandsnaam: str
    omschrijving: str | None
    inhoud_base64: str


@dataclass(frozen=True)
class DossierInvoer:
    """Everything the XML is generated from."""

    leerling: LeerlingGegevens
    leerlingnummer: str
    school: Mapping[str, Any]
    opties: Mapping[str, Any]
    categorieen: Mapping[str, bool]
    documenten: Sequence[Document]
    datum: dt.date
    pakketnaam: str
    pakketversie: str


def categorie_waarden(keuzes: Mapping[str, bool]) -> dict[str, str]:
    """The value of each cat_* element: fixed ones as the profile says, OPTIONEEL or OPT-UIT as chosen."""
    return {naam: vast or ("OPTIONEEL" if keuzes.get(naam, True) else "OPT-UIT") for naam, vast in CATEGORIEEN}


def _el(parent: etree._Element, tag: str, value: object | None = None) -> etree._Element:
    child = etree.SubElement(parent, f"{{{NS}}}{tag}")
    if value is not None:
        child.text = _text(value)
    return child


def _opt(parent: etree._Element, tag: str, value: object | None) -> None:
    if value is not None and value != "":
        _el(parent, tag, value)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _adreslijst(parent: etree._Element, adressen: Sequence[Adres]) -> None:
    if not adressen:
        return
    lijst = _el(parent, "adreslijst")
    for adres in adressen:
        el = _el(lijst, "adres")
        _el(el, "soortadres", adres.soortadres)
        _el(el, "straat", adres.straat)
        _el(el, "nummer", adres.nummer)
        _opt(el, "toevoeging", adres.toevoeging)
        _el(el, "postcode", adres.postcode)
        _el(el, "plaats", adres.plaats)
        _opt(el, "gemeente", adres.gemeente)


def _communicatielijst(parent: etree._Element, items: Sequence[Communicatie]) -> None:
    if not items:
        return
    lijst = _el(parent, "communicatielijst")
    for item in items:
        el = _el(lijst, "communicatie")
        _el(el, "soort", item.soort)
        _opt(el, "aanduiding", item.aanduiding)
        nummer = item.nummer
        if item.geheim:
            # PaO.LL08: a secret number or address travels only as the fixed placeholder.
            nummer = GEHEIM_TELEFOON if item.soort == "telefoon" else GEHEIM_EMAIL
        _el(el, "nummer", nummer)
        _el(el, "geheim", item.geheim)
        _el(el, "noodnummer", item.noodnummer)


def _document(parent: etree._Element, doc: Document) -> None:
    el = _el(parent, "document")
    _el(el, "bestandsnaam", doc.bestandsnaam)
    _opt(el, "omschrijving", doc.omschrijving)
    _el(el, "bestandsinhoud", doc.inhoud_base64)


def _school(parent: etree._Element, school: Mapping[str, Any]) -> etree._Element:
    hs = _el(parent, "huidigeschool")
    _el(hs, "naam", school["naam"])
    adres = school.get("adres")
    if adres:
        _adreslijst(hs, [Adres.model_validate(adres)])
    comms = []
    if school.get("telefoon"):
        comms.append(Communicatie(soort="telefoon", aanduiding="werk", nummer=school["telefoon"]))
    if school.get("email"):
        comms.append(Communicatie(soort="e-mail", aanduiding="werk", nummer=school["email"]))
    _communicatielijst(hs, comms)
    _el(hs, "brincode", school["brin"])
    _el(hs, "vestigingscode", school["vestigingscode"])
    _el(hs, "aanleverpunt", school.get("aanleverpunt") or "0")
    _opt(hs, "naamdirecteur", school.get("naamdirecteur"))
    _opt(hs, "website", school.get("website"))
    return hs


def _verzorger(parent: etree._Element, v: Verzorger) -> None:
    el = _el(parent, "verzorger")
    for voornaam in v.voornamen:
        _el(el, "voornaam", voornaam)
    _opt(el, "voorletters-1", v.voorletters)
    _opt(el, "voorvoegsel", v.voorvoegsel)
    _el(el, "achternaam", v.achternaam)
    _opt(el, "geslacht", v.geslacht)
    _el(el, "adresgeheim", v.adresgeheim)
    if not v.adresgeheim:
        _adreslijst(el, v.adressen)
    _communicatielijst(el, v.communicatie)
    _opt(el, "relatietotkind", v.relatietotkind)
    _el(el, "wettigevertegenwoordiger", v.wettigevertegenwoordiger)
    _opt(el, "iban", v.iban)


def bouw(invoer: DossierInvoer) -> bytes:
    """The dossier as UTF-8 XML bytes (CPU-bound: call via ``asyncio.to_thread``)."""
    ll = invoer.leerling
    cats = categorie_waarden(invoer.categorieen)

    def mee(cat: str) -> bool:
        return cats[cat] != "OPT-UIT" and cats[cat] != "VERBODEN"

    root = etree.Element(f"{{{NS}}}dossier", nsmap={None: NS})  # type: ignore[dict-item]
    md = _el(root, "metadata")
    _el(md, "deeldossier", "LAS")
    _el(md, "pakketnaam", invoer.pakketnaam)
    _el(md, "pakketversie", invoer.pakketversie)
    _el(md, "datum", invoer.datum)
    _el(md, "standaardversie", "2019.1")
    _el(md, "validatieversie", "2019.1.1")
    cu = _el(md, "categorie_uitlevering")
    for naam, _ in CATEGORIEEN:
        _el(cu, naam, cats[naam])
    _el(md, "overstap", "VOSWV")
    _el(root, "overdrachtsoort", "swv-dossier")

    hs = _school(root, invoer.school)
    le = _el(hs, "leerling")
    for voornaam in ll.voornamen:
        _el(le, "voornaam", voornaam)
    _opt(le, "voorletters-1", ll.voorletters)
    _opt(le, "voorvoegsel", ll.voorvoegsel)
    _el(le, "achternaam", ll.achternaam)
    _opt(le, "roepnaam", ll.roepnaam)
    _el(le, "geboortedatum", ll.geboortedatum)
    _opt(le, "geslacht", ll.geslacht)
    _el(le, "adresgeheim", ll.adresgeheim)
    if not ll.adresgeheim:
        _adreslijst(le, ll.adressen)
    _communicatielijst(le, ll.communicatie)
    if not ll.adresgeheim:
        _opt(le, "adresbuitenland", ll.adresbuitenland)
    _el(le, "leerlingid", invoer.leerlingnummer)
    _opt(le, "onderwijssinds", ll.onderwijssinds)
    _opt(le, "datuminschrijving", ll.datuminschrijving)
    # Evidence for the VERPLICHT category oudersverzorgers, and PaO.OV01 needs a verzorger when true.
    _el(le, "verzorgersaansprakelijk", any(v.wettigevertegenwoordiger for v in ll.verzorgers))

    if mee("cat_overstapadvies"):
        _overstapadvies(le, ll, invoer.opties)
    if ll.schoolloopbaan:
        sl = _el(le, "schoolloopbaanlijst")
        for s in ll.schoolloopbaan:
            el = _el(sl, "schoolloopbaan")
            _el(el, "schooljaar", s.schooljaar)
            _el(el, "groepscode", s.groepscode)
            _opt(el, "groepsnaam", s.groepsnaam)
            _el(el, "jaargroep", s.jaargroep)
            _opt(el, "begindatum", s.begindatum)
            _opt(el, "einddatum", s.einddatum)
            _el(el, "brincode", s.brincode)
            _el(el, "vestigingscode", s.vestigingscode)
            _opt(el, "schoolsoort", s.schoolsoort)
            _opt(el, "schooltype", s.schooltype)
            _opt(el, "voelementcode", s.voelementcode)
            _opt(el, "voelementomschrijving", s.voelementomschrijving)
    _onderwijsondersteuning(le, ll, mee("cat_handelingsplannen"))
    if mee("cat_verzuim") and ll.verzuim is not None:
        vz = _el(le, "verzuim")
        for veld in (
            "urengeoorloofd",
            "urenongeoorloofd",
            "meerdan25percent",
            "frequentie",
            "contactleerplicht",
            "rmcmelding",
        ):
            _opt(vz, veld, getattr(ll.verzuim, veld))
    if mee("cat_toetsresultaten") and ll.toetsen:
        _toetsen(le, ll)
    if mee("cat_cijferlijsten") and ll.cijferlijsten:
        _cijferlijsten(le, ll)
    if mee("cat_bijlagedocs") and invoer.documenten:
        lijst = _el(le, "overigdocumentlijst")
        for doc in invoer.documenten:
            _document(lijst, doc)
    for verzorger in ll.verzorgers:
        _verzorger(le, verzorger)
    if mee("cat_vombo"):
        for vak in ll.vakresultaten:
            el = _el(le, "resultaatvakkenvo")
            _el(el, "vakcode", vak.vakcode)
            _opt(el, "vakleergebied", vak.vakleergebied)
            _el(el, "afgerond", False)
            _el(el, "examenvak", False)
            _el(el, "rapportcijfer", vak.rapportcijfer)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _overstapadvies(le: etree._Element, ll: LeerlingGegevens, opties: Mapping[str, Any]) -> None:
    oa = ll.overstapadvies
    contact = {k: opties.get(k) for k in ("contactnodig", "contactpersoon", "contacttelefoon", "contactemail")}
    aandachtspunten = opties.get("aandachtspunten")
    heeft_iets = (oa is not None and any(v is not None for v in oa.model_dump().values())) or any(
        v not in (None, "") for v in (*contact.values(), aandachtspunten)
    )
    if not heeft_iets:
        return
    el = _el(le, "overstapadvies")
    if oa is not None:
        _opt(el, "advies", oa.advies)
        _opt(el, "profiel", oa.profiel)
        _opt(el, "argumentatie", oa.argumentatie)
    if contact["contactnodig"] is not None:
        _el(el, "contactnodig", bool(contact["contactnodig"]))
    _opt(el, "contactpersoon", contact["contactpersoon"])
    _opt(el, "contacttelefoon", contact["contacttelefoon"])
    _opt(el, "contactemail", contact["contactemail"])
    _opt(el, "aandachtspunten", aandachtspunten)


def _onderwijsondersteuning(le: etree._Element, ll: LeerlingGegevens, handelingsplannen: bool) -> None:
    oo = ll.onderwijsondersteuning
    el = _el(le, "onderwijsondersteuning")
    for d in oo.diagnoses:
        de = _el(el, "diagnose")
        for code in d.codes:
            _el(de, "code", code)
        _opt(de, "naam", d.naam)
        _opt(de, "datum", d.datum)
        _opt(de, "doorwie", d.doorwie)
        _opt(de, "instantie", d.instantie)
    # Always present: evidence for the VERPLICHT category onderwijsondersteuning (OS.cat09).
    _el(el, "medicijngebruik", oo.medicijngebruik)
    if handelingsplannen:
        for hp in oo.handelingsplannen:
            he = _el(el, "handelingsplan")
            _el(he, "startdatum", hp.startdatum)
            _opt(he, "einddatum", hp.einddatum)
            _el(he, "isgerichtop", hp.isgerichtop)
    if oo.opp is not None:
        oe = _el(el, "opp")
        _el(oe, "opp_ingangdatum", oo.opp.ingangdatum)
        _opt(oe, "opp_einddatum", oo.opp.einddatum)
    for tlv in oo.tlvs:
        te = _el(el, "tlv")
        _el(te, "tlvingangdatum", tlv.ingangdatum)
        _el(te, "tlvswvnummer", tlv.swvnummer)
        _el(te, "tlvcategorie", tlv.categorie)
        _el(te, "tlvbeschikkingsnummer", tlv.beschikkingsnummer)
        _opt(te, "tlveinddatum", tlv.einddatum)
    for arr in oo.arrangementen:
        ae = _el(el, "arrangement_pao")
        _el(ae, "arrangement_datum", arr.datum)
        _opt(ae, "arrangement_kenmerk", arr.kenmerk)
        _opt(ae, "arrangement_beschikkingsnr", arr.beschikkingsnummer)
        _opt(ae, "arrangement_einddatum", arr.einddatum)
    if oo.lwoo is not None:
        lw = _el(el, "lwoo")
        _el(lw, "lwoo_ingangdatum", oo.lwoo.ingangdatum)
        _el(lw, "lwoo_swvnummer", oo.lwoo.swvnummer)
        _el(lw, "lwoo_beschikkingsnummer", oo.lwoo.beschikkingsnummer)
        _opt(lw, "lwoo_einddatum", oo.lwoo.einddatum)


def _toetsen(le: etree._Element, ll: LeerlingGegevens) -> None:
    lijst = _el(le, "toetslijst")
    for t in ll.toetsen:
        te = _el(lijst, "toets")
        ti = _el(te, "toetsidentificatie")
        _el(ti, "eldtoetscode", t.toetscode)
        _opt(ti, "leergebied", t.leergebied)
        _opt(ti, "toetsnaam", t.toetsnaam)
        af = _el(te, "afname")
        _el(af, "afnamedatum", t.afnamedatum)
        _opt(af, "jaargroep", t.jaargroep)
        re = _el(te, "resultaat")
        if t.aantalgoed is not None or t.vaardigheidsscore is not None:
            ts = _el(re, "toetsscore")
            _opt(ts, "aantalgoed", t.aantalgoed)
            _opt(ts, "vaardigheidsscore", t.vaardigheidsscore)
        for rs in t.referentiescores:
            r = _el(re, "referentiescore")
            _el(r, "codereferentiescore", rs.code)
            _el(r, "codevergelijkingsgroep", rs.vergelijkingsgroep)
            _opt(r, "waarde", rs.waarde)
            _opt(r, "kwalificatie", rs.kwalificatie)
        _opt(te, "opmerking", t.opmerking)


def _cijferlijsten(le: etree._Element, ll: LeerlingGegevens) -> None:
    lijst = _el(le, "cijferlijstlijst")
    for c in ll.cijferlijsten:
        ce = _el(lijst, "cijferlijst")
        tl = _el(ce, "cijferlijstTypelijst")
        _el(tl, "naam", c.naam)
        for cijfer in c.cijfers:
            on = _el(tl, "onderdeel")
            _el(on, "naam", cijfer.vak)
            sc = _el(on, "score")
            _el(sc, "waarde", cijfer.waarde)
            _opt(on, "periode", cijfer.periode)
        sc = _el(tl, "score")
        _el(sc, "waarde", c.gemiddelde)
        _opt(ce, "afnamedatum", c.afnamedatum)
        _el(ce, "jaargroep", c.jaargroep)
        _opt(ce, "periode", c.periode)
