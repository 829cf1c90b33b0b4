"""Every business rule: a violating and a valid case, made by editing the official examples in memory."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree

from oso_dossier.validation import ValidationReport, validate
from oso_dossier.validation.rules import email_pattern_ok

OD = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"
NS = {"od": OD}
Op = Callable[[etree._Element], None]
L = "/od:dossier/od:huidigeschool/od:leerling"
CAT = "/od:dossier/od:metadata/od:categorie_uitlevering/od:"


def _one(root: etree._Element, xpath: str) -> etree._Element:
    found = root.xpath(xpath, namespaces=NS)
    assert isinstance(found, list)
    assert found, f"no element at {xpath}"
    el = found[0]
    assert isinstance(el, etree._Element)
    return el


def set_(xpath: str, text: str) -> Op:
    def op(root: etree._Element) -> None:
        _one(root, xpath).text = text

    return op


def drop(xpath: str) -> Op:
    def op(root: etree._Element) -> None:
        for el in root.xpath(xpath, namespaces=NS):  # type: ignore[union-attr]
            assert isinstance(el, etree._Element)
            parent = el.getparent()
            assert parent is not None
            parent.remove(el)

    return op


def add(parent: str, name: str, text: str | None = None, *, child: str | None = None, child_text: str = "") -> Op:
    def op(root: etree._Element) -> None:
        el = etree.SubElement(_one(root, parent), f"{{{OD}}}{name}")
        el.text = text
        if child is not None:
            etree.SubElement(el, f"{{{OD}}}{child}").text = child_text

    return op


def edit(xml: bytes, ops: Sequence[Op]) -> bytes:
    root = etree.fromstring(xml)
    for op in ops:
        op(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@dataclass
class Case:
    rule: str
    bad: list[Op]
    good: list[Op] = field(default_factory=list)
    base: str = "full"

    def __str__(self) -> str:
        return self.rule


def fouten(report: ValidationReport) -> set[str]:
    return {f.rule for f in report.findings if f.severity == "fout"}


POSWV = set_("/od:dossier/od:metadata/od:overstap", "POSWV")
NOT_SWV = set_("/od:dossier/od:overdrachtsoort", "overstapdossier")
VOORSCHOOLS = L + "/od:voorschools"
ET = L + "/od:eindtoets_basisonderwijs/od:eindtoetsresultaat"
COMM = "/od:dossier/od:huidigeschool/od:communicatielijst/od:communicatie"

CASES: list[Case] = [
    Case("CL02", [set_("//od:overstapadvies/od:advies", "99")], [set_("//od:overstapadvies/od:advies", "80")]),
    Case("CL02", [set_("//od:overstapadvies/od:wensouders", "2")], [set_("//od:overstapadvies/od:wensouders", "01")]),
    Case("CL04", [set_(COMM + "/od:soort", "fax")], [set_(COMM + "/od:soort", "telefoon")]),
    Case("CL05", [set_(COMM + "/od:aanduiding", "Werk")], [set_(COMM + "/od:aanduiding", "prive")]),
    Case(
        "CL06",
        [add(L, "voorschools", child="codevoorschoolsetoeleider", child_text="10")],
        [add(L, "voorschools", child="codevoorschoolsetoeleider", child_text="9")],
    ),
    Case(
        "CL07",
        [add(L, "voorschools", child="codevoorschoolsehistorie", child_text="6")],
        [add(L, "voorschools", child="codevoorschoolsehistorie", child_text="5")],
    ),
    Case(
        "CL08",
        [add(L, "voorschools", child="codevoorschoolsedeelname", child_text="0")],
        [add(L, "voorschools", child="codevoorschoolsedeelname", child_text="1")],
    ),
    Case(
        "CL09",
        [add(L, "voorschools", child="codevoorschoolsprogramma", child_text="16")],
        [add(L, "voorschools", child="codevoorschoolsprogramma", child_text="15")],
    ),
    Case(
        "CL09",
        [add(L, "vroegschools", child="codevroegschoolsprogramma", child_text="0")],
        [add(L, "vroegschools", child="codevroegschoolsprogramma", child_text="7")],
    ),
    Case("CL10", [set_(L + "/od:nnca", "3")], [set_(L + "/od:nnca", "2")]),
    Case("CL11", [set_("//od:codereferentiescore", "XX")], [set_("//od:codereferentiescore", "Stanine")]),
    Case("CL13", [set_("//od:jaargroep", "9")], [set_("//od:jaargroep", "S")]),
    Case("CL14", [set_(L + "/od:geslacht", "3")], [set_(L + "/od:geslacht", "0")]),
    Case("CL15", [set_(L + "/od:leerlinggewicht", "0.3")], [set_(L + "/od:leerlinggewicht", "0.30")]),
    Case(
        "CL16",
        [set_("/od:dossier/od:metadata/od:overstap", "VOPO")],
        [set_("/od:dossier/od:metadata/od:overstap", "VOVO")],
    ),
    Case("CL17", [set_("//od:rvc/od:rvcindicatie", "VSO")], [set_("//od:rvc/od:rvcindicatie", "PRO")]),
    Case("CL18", [add("//od:adres", "aanduiding", "XX")], [add("//od:adres", "aanduiding", "TO")]),
    Case("CL19", [set_("//od:adres/od:soortadres", "woon")], [set_("//od:adres/od:soortadres", "gba")]),
    Case("CL21", [set_("//od:overstapadvies/od:profiel", "kader")], [set_("//od:overstapadvies/od:profiel", "plus")]),
    Case("CL22", [set_("//od:codevergelijkingsgroep", "MAVO")], [set_("//od:codevergelijkingsgroep", "HAVO")]),
    Case("CL23", [set_("//od:diagnose/od:code", "F99")], [set_("//od:diagnose/od:code", "F81.9")]),
    Case("CL29", [set_("/od:dossier/od:overdrachtsoort", "swv")], [NOT_SWV]),
    Case("CL31", [set_("//od:tlvcategorie", "X")], [set_("//od:tlvcategorie", "Nvt")]),
    Case("CL33", [set_("//od:deeldossier", "XYZ")], [set_("//od:deeldossier", "LVS")]),
    Case("CL35", [set_("//od:examenuitslag", "gezakt")], [set_("//od:examenuitslag", "herexamen")]),
    Case(
        "CL36",
        [add("(//od:resultaatvakkenvo)[1]", "beoordelingexamenvak", "goed")],
        [add("(//od:resultaatvakkenvo)[1]", "beoordelingexamenvak", "onvoldoende")],
    ),
    Case("CL37", [set_("//od:inzage/od:akkoord", "ja")], [set_("//od:inzage/od:akkoord", "Onbekend")]),
    Case("CL37", [set_("//od:inzage/od:toestemming", "")], [set_("//od:inzage/od:toestemming", "Nee")]),
    Case("CL41", [set_("//od:relatietotkind", "10")], [set_("//od:relatietotkind", "9")]),
    Case("CL42", [set_(ET + "/od:toetssoort", "0015")], [set_(ET + "/od:toetssoort", "0016")]),
    Case("CL43", [set_(ET + "/od:toetsniveau", "S")], [set_(ET + "/od:toetsniveau", "G")]),
    Case("CL44", [set_(ET + "/od:wettelijke_ontheffing", "X")], [set_(ET + "/od:wettelijke_ontheffing", "J")]),
    Case("CL45", [set_("//od:ond_referentieniveau", "05")], [set_("//od:ond_referentieniveau", "04")]),
    Case("CL45", [set_("//od:dom_referentieniveau", "1")], [set_("//od:dom_referentieniveau", "01")]),
    Case("CL46", [set_("//od:onderdeelcode", "8002")], [set_("//od:onderdeelcode", "8001")]),
    Case("CL47", [set_("//od:domeincode", "8052")], [set_("//od:domeincode", "8050")]),
    Case("CL48", [set_(CAT + "cat_verzuim", "optioneel")], [set_(CAT + "cat_verzuim", "OPTIONEEL")]),
    Case(
        "OG.01",
        [set_(COMM + "[od:soort='e-mail']/od:nummer", "abc")],
        [set_(COMM + "[od:soort='e-mail']/od:nummer", "a@b.nl")],
    ),
    Case(
        "OG.01",
        [set_(COMM + "[od:soort='e-mail']/od:nummer", "x@-school.nl")],
        [set_(COMM + "[od:soort='e-mail']/od:nummer", "x y@school-a.nl")],
    ),
    Case("OG.02", [set_("//od:standaardversie", "2018.1")], [set_("//od:standaardversie", "2019.1")]),
    Case("OG.03", [set_("//od:lwoo_einddatum", "2019-08-01")], [set_("//od:lwoo_einddatum", "2020-07-31")]),
    Case(
        "OG.04",
        [set_("//od:verzorger[od:overlijdensdatum]/od:overleden", "false")],
        [set_("//od:verzorger[od:overlijdensdatum]/od:overleden", "1")],
    ),
    Case("OG.04", [drop("//od:verzorger[od:overlijdensdatum]/od:overleden")], [drop("//od:overlijdensdatum")]),
    Case("OG.05", [add(L + "/od:huisarts", "roepnaam", "Jan")], [drop(L + "/od:huisarts/od:roepnaam")]),
    Case("OG.05", [add(L + "/od:huisarts", "geslacht", "1")], [drop(L + "/od:huisarts/od:geslacht")]),
    Case("OG.05", [add(L + "/od:huisarts", "adresgeheim", "true")], [add(L + "/od:huisarts", "adresgeheim", "0")]),
    Case("OS.cat01", [set_(CAT + "cat_metadata", "VERBODEN")], [set_(CAT + "cat_metadata", "OPTIONEEL")]),
    Case("OS.cat01", [set_(CAT + "cat_metadata", "OPT-UIT")], [set_(CAT + "cat_metadata", "VERPLICHT")]),
    Case("OS.cat02", [set_(CAT + "cat_ouderinzage", "OPT-UIT")], [set_(CAT + "cat_ouderinzage", "VERPLICHT")]),
    Case("OS.cat02", [set_(CAT + "cat_ouderinzage", "VERPLICHT")], base="opt_out"),
    Case(
        "OS.cat05", [set_(CAT + "cat_oudersverzorgers", "VERBODEN")], [set_(CAT + "cat_oudersverzorgers", "OPTIONEEL")]
    ),
    Case(
        "OS.cat05",
        [drop(L + "/od:verzorger"), drop(L + "/od:verzorgersaansprakelijk"), drop(L + "/od:aansprakelijkeinstelling")],
        [drop(L + "/od:verzorger")],
    ),
    Case("OS.cat06", [add(L, "vanpeuterspeelzaal", "true")], [set_(CAT + "cat_vve", "OPTIONEEL")]),
    Case("OS.cat06", [set_(CAT + "cat_vve", "VERPLICHT")], [set_(CAT + "cat_vve", "OPT-UIT")]),
    Case("OS.cat07", [set_(CAT + "cat_schoolloopbaan", "OPT-UIT")], [set_(CAT + "cat_schoolloopbaan", "OPTIONEEL")]),
    Case("OS.cat07", [drop(L + "/od:schoolloopbaanlijst")], [drop(L + "/od:schoolloopbaanlijst/od:schoolloopbaan")]),
    Case("OS.cat08", [set_(CAT + "cat_overstapadvies", "VERBODEN")], [set_(CAT + "cat_overstapadvies", "VERPLICHT")]),
    Case("OS.cat08", [add(L, "overstapadvies", child="advies", child_text="80")], base="opt_out"),
    Case(
        "OS.cat09",
        [drop(L + "/od:onderwijsondersteuning/*[not(self::od:handelingsplan)]")],
        [drop(L + "/od:onderwijsondersteuning/*[not(self::od:rvc)]")],
    ),
    Case(
        "OS.cat09",
        [set_(CAT + "cat_onderwijsondersteuning", "VERBODEN")],
        [
            set_(CAT + "cat_onderwijsondersteuning", "VERBODEN"),
            drop(L + "/od:onderwijsondersteuning/*[not(self::od:toelichting_onderwijsbehoeften)]"),
        ],
    ),
    Case("OS.cat10", [set_(CAT + "cat_verzuim", "OPT-UIT")], [set_(CAT + "cat_verzuim", "VERPLICHT")]),
    Case("OS.cat11", [set_(CAT + "cat_eindtoetsbo", "VERBODEN")], [set_(CAT + "cat_eindtoetsbo", "VERPLICHT")]),
    Case("OS.cat120", [set_(CAT + "cat_toetsresultaten", "OPT-UIT")], [set_(CAT + "cat_toetsresultaten", "VERPLICHT")]),
    Case(
        "OS.cat13",
        [set_(CAT + "cat_handelingsplannen", "VERBODEN")],
        [set_(CAT + "cat_handelingsplannen", "VERPLICHT")],
    ),
    Case("OS.cat13", [set_(CAT + "cat_handelingsplannen", "VERPLICHT")], base="opt_out"),
    Case("OS.cat14", [set_(CAT + "cat_cijferlijsten", "VERPLICHT")], base="opt_out"),
    Case("OS.cat14", [set_(CAT + "cat_cijferlijsten", "OPT-UIT")], [set_(CAT + "cat_cijferlijsten", "VERPLICHT")]),
    Case("OS.cat15", [set_(CAT + "cat_vombo", "VERBODEN")], [set_(CAT + "cat_vombo", "VERPLICHT")]),
    Case("OS.cat15", [set_(CAT + "cat_vombo", "VERPLICHT")], base="opt_out"),
    Case("OS.cat16", [set_(CAT + "cat_bijlagedocs", "OPT-UIT")], [set_(CAT + "cat_bijlagedocs", "VERPLICHT")]),
    Case("OS.cat16", [set_(CAT + "cat_bijlagedocs", "VERPLICHT")], base="opt_out"),
    Case("PaO.MD01", [set_("//od:deeldossier", "LVS")], [set_("//od:deeldossier", "LAS")]),
    Case("PaO.MD01", [set_("//od:deeldossier", "TIB")], [NOT_SWV]),
    Case("PaO.MD02", [set_("//od:validatieversie", "2019.1.0")], [set_("//od:validatieversie", "2019.1.0"), NOT_SWV]),
    Case("PaO.MD03", [drop("//od:categorie_uitlevering")], [drop("//od:categorie_uitlevering"), NOT_SWV]),
    Case("PaO.SO01", [drop("//od:metadata/od:overstap")], [drop("//od:metadata/od:overstap"), NOT_SWV]),
    Case("PaO.SO02", [set_("//od:metadata/od:overstap", "VOVO")], [POSWV]),
    Case("PaO.SO02", [drop("//od:metadata/od:overstap")], [set_("//od:metadata/od:overstap", "VOVO"), NOT_SWV]),
    Case("PaO.SO03", [NOT_SWV], [set_("/od:dossier/od:overdrachtsoort", "swv-dossier")]),
    Case(
        "PaO.SL01",
        [drop("/od:dossier/od:huidigeschool/od:adreslijst")],
        [drop("/od:dossier/od:huidigeschool/od:adreslijst/od:adres[2]")],
    ),
    Case(
        "PaO.SL01",
        [drop(L + "/od:schoolloopbaanlijst/od:schoolloopbaan")],
        [drop(L + "/od:schoolloopbaanlijst/od:schoolloopbaan[position() > 1]")],
    ),
    Case(
        "PaO.SL02",
        [drop("/od:dossier/od:huidigeschool/od:communicatielijst")],
        [drop("/od:dossier/od:huidigeschool/od:communicatielijst"), NOT_SWV],
    ),
    Case("PaO.LL01", [drop(L + "/od:voornaam")], [drop(L + "/od:voornaam[position() > 1]")]),
    Case("PaO.LL02", [drop(L + "/od:geboortedatum")], [drop(L + "/od:geboortedatum"), NOT_SWV]),
    Case("PaO.LL03", [add(L, "geboortemaand", "2004-05")], [add(L, "geboortemaand", "2004-05"), NOT_SWV]),
    Case("PaO.LL04", [drop(L + "/od:adresgeheim")], [set_(L + "/od:adresgeheim", "0")]),
    Case(
        "PaO.LL05",
        [drop(L + "/od:adreslijst"), drop(L + "/od:adresbuitenland")],
        [drop(L + "/od:adreslijst"), drop(L + "/od:adresbuitenland"), set_(L + "/od:adresgeheim", "true")],
    ),
    Case(
        "PaO.LL06",
        [set_(L + "/od:adresgeheim", "true")],
        [set_(L + "/od:adresgeheim", "true"), drop(L + "/od:adreslijst"), drop(L + "/od:adresbuitenland")],
    ),
    Case("PaO.LL07", [add(L, "postcode4adres", "1234")], [add(L, "postcode4adres", "1234"), NOT_SWV]),
    Case(
        "PaO.LL08",
        [set_("(//od:communicatie[od:soort='telefoon'][od:geheim='false'])[1]/od:geheim", "true")],
        [
            set_("(//od:communicatie[od:soort='telefoon'][od:geheim='false'])[1]/od:nummer", "9999999999"),
            set_("(//od:communicatie[od:soort='telefoon'][od:geheim='false'])[1]/od:geheim", "true"),
        ],
    ),
    Case(
        "PaO.LL08",
        [set_("(//od:communicatie[od:soort='e-mail'][od:geheim='false'])[1]/od:geheim", "1")],
        [
            set_("(//od:communicatie[od:soort='e-mail'][od:geheim='false'])[1]/od:nummer", "geheim@geheim.geheim"),
            set_("(//od:communicatie[od:soort='e-mail'][od:geheim='false'])[1]/od:geheim", "1"),
        ],
    ),
    Case(
        "PaO.LL09",
        [set_(L + "/od:adresgeheim", "true"), drop(L + "/od:adreslijst")],
        [set_(L + "/od:adresgeheim", "true"), drop(L + "/od:adreslijst"), drop(L + "/od:adresbuitenland")],
    ),
    Case("PaO.LL10", [add(L, "geboorteplaats", "Alkmaar")], [add(L, "geboorteplaats", "Alkmaar"), NOT_SWV]),
    Case("PaO.LL11", [add(L, "nationaliteit", "0001")], [add(L, "nationaliteit", "0001"), NOT_SWV]),
    Case("PaO.LL12", [add(L, "bsn", "123456782")], [add(L, "bsn", "123456782"), NOT_SWV]),
    Case("PaO.LL12", [add(L, "onderwijsnummer", "100000009")], [add(L, "onderwijsnummer", "1"), NOT_SWV]),
    Case("PaO.VV01", [add(L, "vanpeuterspeelzaal", "true")], [add(L, "vanpeuterspeelzaal", "true"), POSWV]),
    Case("PaO.VV02", [add(L, "naampeuterspeelzaal", "De Pret")], [add(L, "naampeuterspeelzaal", "x"), POSWV]),
    Case("PaO.VV03", [add(L, "voorschools")], [add(L, "voorschools"), POSWV]),
    Case("PaO.VV04", [add(L, "vroegschools")], [add(L, "vroegschools"), POSWV]),
    Case("PaO.EB01", [POSWV], [POSWV, drop(L + "/od:eindtoets_basisonderwijs")]),
    Case(
        "PaO.OV01",
        [set_(L + "/od:verzorgersaansprakelijk", "true"), drop(L + "/od:verzorger")],
        [set_(L + "/od:verzorgersaansprakelijk", "false"), drop(L + "/od:verzorger")],
    ),
    Case("PaO.VM01", [POSWV], [POSWV, drop(L + "/od:bevorderd")]),
    Case("PaO.VM02", [POSWV], [POSWV, drop(L + "/od:examenresultaat")]),
    Case("PaO.VM03", [POSWV], [POSWV, drop(L + "/od:resultaatvakkenvo")]),
    Case("PaO.VM04", [POSWV], [POSWV, drop(L + "/od:certificaat")]),
    Case("PaO.VM05", [POSWV], [POSWV, drop(L + "/od:competenties")]),
    Case("PaO.VM06", [POSWV], [POSWV, drop(L + "/od:stage")]),
    Case("PaO.VM07", [POSWV, add(L, "overigvombo")], [add(L, "overigvombo")]),
    Case(
        "PaO.OV03",
        [set_("(" + L + "/od:verzorger[od:adreslijst/od:adres])[1]/od:adresgeheim", "true")],
        [set_("(" + L + "/od:verzorger[od:adreslijst/od:adres])[1]/od:adresgeheim", "false")],
    ),
    Case(
        "PaO.OV05",
        [add(L + "/od:verzorger", "banknummer", "123456789")],
        [add(L + "/od:verzorger", "iban", "NL91ABNA0417164300")],
    ),
    Case("PaO.ZB01", [add(L, "zorg", child="vir", child_text="true")], [add(L, "zorg", child="x", child_text="1")]),
    Case("PaO.ZB02", [add(L, "zorg", child="zat", child_text="true")], [add(L, "zorg", child="zat"), NOT_SWV]),
    Case(
        "PaO.TR01",
        [drop("(//od:resultaat)[1]/*[self::od:toetsscore or self::od:referentiescore or self::od:document]")],
        [drop("(//od:resultaat)[1]/*[self::od:referentiescore or self::od:document]")],
    ),
    Case("PaO.TR02", [drop("(//od:toetsscore)[1]/*")], [drop("(//od:toetsscore)[1]/*[position() > 1]")]),
    Case(
        "PaO.CL01",
        [drop("(//od:score)[1]/*[self::od:waarde or self::od:kwalificatie]")],
        [drop("(//od:score)[1]/od:kwalificatie")],
    ),
]


@pytest.fixture
def bases(full_xml: bytes, opt_out_xml: bytes) -> dict[str, bytes]:
    return {"full": full_xml, "opt_out": opt_out_xml}


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{i}" for i, c in enumerate(CASES)])
def test_rule_fires_on_violation_and_not_on_valid_case(case: Case, bases: dict[str, bytes], schema_dir: Path) -> None:
    base = bases[case.base]
    bad = validate(edit(base, case.bad), schema_dir=schema_dir)
    assert case.rule in fouten(bad), bad.findings
    assert not bad.valid
    good = validate(edit(base, case.good), schema_dir=schema_dir)
    assert case.rule not in fouten(good), good.findings
    finding = next(f for f in bad.findings if f.rule == case.rule)
    assert finding.message
    assert finding.hint
    assert finding.path.startswith("/")


def test_business_rules_also_run_without_the_xsd(full_xml: bytes) -> None:
    report = validate(edit(full_xml, [add(L, "bsn", "123456782")]), schema_dir=None)
    assert not report.xsd_toegepast
    assert "PaO.LL12" in fouten(report)


def test_non_swv_dossier_silences_every_swv_only_rule(full_xml: bytes, schema_dir: Path) -> None:
    xml = edit(full_xml, [NOT_SWV, add(L, "bsn", "1"), drop(L + "/od:voornaam"), drop("//od:categorie_uitlevering")])
    assert fouten(validate(xml, schema_dir=schema_dir)) == {"PaO.SO03", "XSD"}


def test_cat09_official_slip_is_reported_as_warning_only(full_xml: bytes, schema_dir: Path) -> None:
    xml = edit(
        full_xml,
        [
            set_(CAT + "cat_onderwijsondersteuning", "OPT-UIT"),
            set_(CAT + "cat_handelingsplannen", "OPTIONEEL"),
            drop(L + "/od:onderwijsondersteuning/*[not(self::od:toelichting_onderwijsbehoeften)]"),
        ],
    )
    report = validate(xml, schema_dir=schema_dir)
    assert report.valid, report.findings
    assert [(f.rule, f.severity) for f in report.findings] == [("OS.cat09", "waarschuwing")]


def test_verbod_fires_once_per_element_kind(full_xml: bytes, schema_dir: Path) -> None:
    report = validate(edit(full_xml, [set_(CAT + "cat_oudersverzorgers", "OPT-UIT")]), schema_dir=schema_dir)
    assert [f.rule for f in report.findings].count("OS.cat05") == 3  # verzorgersaansprakelijk, verzorger, instelling


def test_og04_fires_twice_without_overleden(full_xml: bytes, schema_dir: Path) -> None:
    xml = edit(full_xml, [drop("//od:verzorger[od:overlijdensdatum]/od:overleden")])
    assert [f.rule for f in validate(xml, schema_dir=schema_dir).findings].count("OG.04") == 2


def test_wrong_namespace_gives_only_cl33_and_xsd(full_xml: bytes, schema_dir: Path) -> None:
    xml = full_xml.replace(OD.encode(), b"urn:iets-anders")
    assert fouten(validate(xml, schema_dir=schema_dir)) == {"XSD", "CL33"}


def test_invalid_boolean_aborts_business_rules_like_the_official_xslt(full_xml: bytes, schema_dir: Path) -> None:
    xml = edit(full_xml, [set_(L + "/od:adresgeheim", "ja"), add(L, "bsn", "1")])
    report = validate(xml, schema_dir=schema_dir)
    assert fouten(report) == {"XSD"}
    assert any(f.rule == "XSLT" and f.severity == "waarschuwing" for f in report.findings)
    without_xsd = validate(xml, schema_dir=None)
    assert not without_xsd.valid


def test_xsd_findings_carry_dutch_message_and_path(full_xml: bytes, schema_dir: Path) -> None:
    xml = edit(full_xml, [set_("/od:dossier/od:huidigeschool/od:brincode", "12ab")])
    report = validate(xml, schema_dir=schema_dir)
    xsd = [f for f in report.findings if f.rule == "XSD"]
    assert xsd
    assert xsd[0].path == "/dossier/huidigeschool/brincode"
    assert "BRIN" in xsd[0].hint
    own = validate(xml, schema_dir=None)
    assert [f.path for f in own.findings if f.rule == "XSD"] == ["/dossier/huidigeschool/brincode"]


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("a@b.nl", True),
        ("x y@school.nl", True),  # unanchored at the start, like the official regex
        ("a@b", True),
        ("a@-b.nl", False),
        ("a@b-.nl", False),
        ("a@b..nl", False),
        ("a@b.nl.", False),
        ("@b.nl", False),
        ("a(@b.nl", False),
        ("a@b@c.nl", True),
        ("a@b.nl\n", False),
        ("a" * 10_000 + "@" + "b-" * 10_000, False),
    ],
)
def test_email_pattern_matches_the_official_regex(value: str, ok: bool) -> None:
    assert email_pattern_ok(value) is ok
