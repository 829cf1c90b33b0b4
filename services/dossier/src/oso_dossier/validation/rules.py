"""Every business rule of the OSO 2019.1.1 PaO (SWV) validation, each a small named unit with the standard's id.

The run order is the official one (RULES.md): code lists, OG.01–OG.05, the OS.cat rules, then the PaO rules in
document order of the elements their XSLT templates match. One indexing pass feeds every rule; no rule re-parses.
Every official message is a ``fout``; where the official rules are known to be wrong, the official verdict stays
and the real problem is added as a ``waarschuwing``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from oso_dossier.validation.context import (
    Context,
    Element,
    XsltAbort,
    parent_chain,
    string_value,
    tag,
    text_in,
    texts,
    xs_boolean,
)
from oso_dossier.validation.report import FOUT, WAARSCHUWING, Severity


@dataclass(frozen=True, slots=True)
class Rule:
    """One official check: its id, a Dutch message and a one-line Dutch fix hint."""

    id: str
    message: str
    hint: str
    severity: Severity = FOUT

    def fire(self, ctx: Context, el: Element | None, *, path: str | None = None) -> None:
        """Record one violation of this rule at ``el``."""
        ctx.add(self.id, el, self.message, self.hint, self.severity, path)


def _codes(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


def _range(low: int, high: int) -> str:
    return " ".join(str(i) for i in range(low, high + 1))


# ---------------------------------------------------------------------------------------------------------------
# 7. Code lists
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CodeListRule:
    """``CLnn``: the text of each ``element`` (below ``chain``) must be one of ``allowed``; one finding per element.

    Evaluated for all code lists together in :func:`check_code_lists` (one pass over the tree).
    """

    rule: Rule
    element: str
    chain: tuple[str, ...]
    allowed: frozenset[str]
    needs_parent: bool = True


def _cl(
    number: str, field: str, element: str, chain: tuple[str, ...], allowed: str, *, needs_parent: bool = True
) -> CodeListRule:
    codes = _codes(allowed)
    shown = ", ".join(sorted(codes)) if len(codes) <= 12 else "zie codelijst " + number.removeprefix("CL")
    rule = Rule(
        number,
        f"Het veld '{field}' bevat een waarde die niet in codelijst {number.removeprefix('CL')} voorkomt.",
        f"Gebruik exact een van de toegestane codes ({shown}); hoofdletters en spaties tellen mee.",
    )
    return CodeListRule(rule, element, chain, codes, needs_parent)


_ADVIES = "01 10 20 21 22 23 30 31 32 33 34 35 40 41 42 43 44 50 51 52 60 61 70 80"
_ET = ("eindtoets_basisonderwijs", "eindtoetsresultaat")
_ET_ONDERDEEL = (*_ET, "onderdelen", "onderdeel")
_ET_DOMEIN = (*_ET_ONDERDEEL, "domeinen", "domein")
CATEGORY_VALUES = "VERPLICHT OPTIONEEL VERBODEN OPT-UIT"
CATEGORY_FIELDS = (
    ("cat_metadata", "Metadata"),
    ("cat_ouderinzage", "Ouderinzage"),
    ("cat_school", "School"),
    ("cat_leerling", "Leerling"),
    ("cat_oudersverzorgers", "Ouders/verzorgers"),
    ("cat_vve", "VVE"),
    ("cat_schoolloopbaan", "Schoolloopbaan"),
    ("cat_overstapadvies", "Overstapadvies"),
    ("cat_onderwijsondersteuning", "Onderwijsondersteuning"),
    ("cat_verzuim", "Verzuim"),
    ("cat_eindtoetsbo", "Eindtoets bo"),
    ("cat_toetsresultaten", "Toetsresultaten"),
    ("cat_handelingsplannen", "Handelingsplannen"),
    ("cat_cijferlijsten", "Cijferlijsten"),
    ("cat_vombo", "VO-MBO"),
    ("cat_bijlagedocs", "Bijlagedocumenten"),
)

CL33 = Rule(
    "CL33",
    "Het veld 'Deeldossier type' (metadata/deeldossier) bevat geen waarde uit codelijst 33 (LAS, LVS, LASLVS, TIB).",
    "Zet in metadata/deeldossier exact LAS of LASLVS (een SWV-dossier heeft een LAS-deel nodig).",
)

_CODE_LISTS_BEFORE_33: tuple[CodeListRule, ...] = (
    _cl("CL02", "VO advies volgens school", "advies", ("overstapadvies",), _ADVIES),
    _cl("CL02", "VO advies volgens ouders", "wensouders", ("overstapadvies",), _ADVIES),
    _cl("CL02", "VO advies volgens leerling", "wensleerling", ("overstapadvies",), _ADVIES),
    _cl("CL02", "Herzien VO advies", "herzienadvies", ("overstapadvies",), _ADVIES),
    _cl("CL04", "Communicatie soort", "soort", ("communicatie",), "e-mail telefoon"),
    _cl("CL05", "Communicatie aanduiding", "aanduiding", ("communicatie",), "werk prive overig"),
    _cl("CL06", "Voorschoolse toeleider", "codevoorschoolsetoeleider", ("voorschools",), _range(1, 9)),
    _cl("CL07", "Voorschoolse historie", "codevoorschoolsehistorie", ("voorschools",), _range(1, 5)),
    _cl("CL08", "Voorschoolse deelname", "codevoorschoolsedeelname", ("voorschools",), _range(1, 5)),
    _cl("CL09", "Voorschools programma", "codevoorschoolsprogramma", ("voorschools",), _range(1, 15)),
    _cl("CL09", "Vroegschools programma", "codevroegschoolsprogramma", ("vroegschools",), _range(1, 15)),
    _cl("CL10", "NNCA", "nnca", (), "0 1 2"),
    _cl(
        "CL11",
        "Code van referentiescore",
        "codereferentiescore",
        ("referentiescore",),
        "AE CAE IV CIV FN ON DLE Percentiel Percentage T-score Stanine DQ IQ ERK C-score Norm RNTRM ZML LGH AVI NAZ "
        "LM Standaardscore LA",
    ),
    _cl("CL13", "Leerjaar (jaargroep)", "jaargroep", (), f"{_range(0, 8)} {_range(11, 16)} S P"),
    _cl("CL14", "Geslacht", "geslacht", (), "0 1 2"),
    _cl("CL15", "Leerlinggewicht", "leerlinggewicht", (), "0.00 0.30 1.20"),
    _cl(
        "CL16",
        "Soort overstap",
        "overstap",
        ("metadata",),
        "VSPO VSWEC POPO POWEC POVO VOVO VOMBO VOHBO VOWO WECWEC WECVO WECMBO POSWV VOSWV WECHBO WECWO OVERIG",
    ),
    _cl("CL17", "RVC indicatie", "rvcindicatie", ("rvc",), "LWOO PRO"),
    _cl("CL18", "Huisnummer aanduiding", "aanduiding", ("adres",), "TO BY"),
    _cl("CL19", "Soort adres", "soortadres", ("adres",), "bezoek post gba"),
    _cl(
        "CL21",
        "Profiel (overstapadvies)",
        "profiel",
        ("overstapadvies",),
        "basis plus bespreek disharmonisch ondersteuning",
    ),
    _cl(
        "CL22",
        "Code van vergelijkingsgroep",
        "codevergelijkingsgroep",
        ("referentiescore",),
        "BB+ BB KB GT HAVO VWO Landelijk",
    ),
    _cl(
        "CL23",
        "Code van diagnose",
        "code",
        ("diagnose",),
        "F79.VB F79.ZB HB F80 F81.0 F81.1 F81.2 F81.9 F82 F84 F84.0 F84.2 F84.5 F84.nld F84.mcdd F90 F90.0 F90.0+ "
        "F90.0- F91 F91.3 F95 F95.2 F41.0 F43.1 F43.2 F50 F92.0 F93.1 F94 Fspd G40 H54.0 H54.2 H91.9.d H91.9.s Z62",
    ),
    _cl("CL29", "Soort overdracht", "overdrachtsoort", (), "overstapdossier overdrachtbinnenbrin swv-dossier"),
    _cl("CL31", "TLV bekostigingscategorie", "tlvcategorie", ("tlv",), "H M L Nvt"),
)

_CODE_LISTS_AFTER_33: tuple[CodeListRule, ...] = (
    _cl("CL35", "Examenuitslag", "examenuitslag", ("examenresultaat",), "geslaagd afgewezen herexamen"),
    _cl("CL36", "Beoordeling van examenvak", "beoordelingexamenvak", ("resultaatvakkenvo",), "voldoende onvoldoende"),
    _cl("CL37", "Akkoord (inzage)", "akkoord", ("inzage",), "Ja Nee Onbekend"),
    _cl("CL37", "Toestemming (inzage)", "toestemming", ("inzage",), "Ja Nee Onbekend"),
    _cl("CL41", "Relatie tot kind (verzorger)", "relatietotkind", ("verzorger",), _range(1, 9)),
    _cl("CL42", "Toetssoort (eindtoets)", "toetssoort", _ET, "0011 0012 0013 0014 0016"),
    _cl("CL43", "Toetsniveau (eindtoets)", "toetsniveau", _ET, "G"),
    _cl("CL44", "Wettelijke ontheffing (eindtoets)", "wettelijke_ontheffing", _ET, "J N"),
    _cl("CL45", "Onderdeel referentieniveau (eindtoets)", "ond_referentieniveau", _ET_ONDERDEEL, "01 02 03 04"),
    _cl("CL45", "Domein referentieniveau (eindtoets)", "dom_referentieniveau", _ET_DOMEIN, "01 02 03 04"),
    _cl("CL46", "Onderdeelcode (eindtoets)", "onderdeelcode", _ET_ONDERDEEL, "8000 8001"),
    _cl("CL47", "Domeincode (eindtoets)", "domeincode", _ET_DOMEIN, "8050 8051"),
    *(
        _cl(
            "CL48",
            f"Categorie {label} ({field})",
            field,
            ("metadata", "categorie_uitlevering"),
            CATEGORY_VALUES,
            needs_parent=False,
        )
        for field, label in CATEGORY_FIELDS
    ),
)


def check_cl33(ctx: Context) -> None:
    """CL33: document level, once: no ``//metadata/deeldossier`` has a code-list-33 value."""
    if not ctx.deeldossier & {"LAS", "LVS", "LASLVS", "TIB"}:
        found = ctx.all("deeldossier")
        CL33.fire(ctx, found[0] if found else None)


_CODE_LISTS = (*_CODE_LISTS_BEFORE_33, *_CODE_LISTS_AFTER_33)
# Per element tag: (rule index, required parent tag or None, the rest of the chain above the parent, rule).
_Dispatch = tuple[int, str | None, tuple[str, ...], CodeListRule]
_CODE_LISTS_BY_TAG: dict[str, list[_Dispatch]] = {}
for _i, _rule in enumerate(_CODE_LISTS):
    _parent = tag(_rule.chain[-1]) if _rule.chain else None
    _CODE_LISTS_BY_TAG.setdefault(tag(_rule.element), []).append((_i, _parent, _rule.chain[:-1], _rule))


def check_code_lists(ctx: Context) -> None:
    """All code-list checks in the official order, from one pass over the code-list elements.

    The common case (parent tag matches, leaf with an allowed text) is decided inline; only the rare long chains
    and mixed-content elements go through the general helpers.
    """
    hits: list[list[Element]] = [[] for _ in _CODE_LISTS]
    for el in ctx.root.iter(*_CODE_LISTS_BY_TAG):
        parent = el.getparent()
        parent_tag = parent.tag if parent is not None else None
        for i, want_parent, above, rule in _CODE_LISTS_BY_TAG[el.tag]:
            if want_parent is None:
                if parent is None:
                    continue
            elif parent_tag != want_parent:
                continue
            elif above:
                if not parent_chain(parent, above, needs_parent=rule.needs_parent):  # type: ignore[arg-type]
                    continue
            elif rule.needs_parent and parent.getparent() is None:  # type: ignore[union-attr]
                continue
            if el.text in rule.allowed if len(el) == 0 else text_in(el, rule.allowed):
                continue
            hits[i].append(el)
    for i, rule in enumerate(_CODE_LISTS):
        if i == len(_CODE_LISTS_BEFORE_33):
            check_cl33(ctx)
        for el in hits[i]:
            rule.rule.fire(ctx, el)


# ---------------------------------------------------------------------------------------------------------------
# OG.01 – OG.05
# ---------------------------------------------------------------------------------------------------------------

OG01_SHORT = Rule("OG.01", "Een e-mailadres moet minimaal 4 tekens lang zijn.", "Vul een volledig e-mailadres in.")
OG01_LONG = Rule("OG.01", "Een e-mailadres mag niet langer zijn dan 256 tekens.", "Kort het e-mailadres in.")
OG01_AT = Rule(
    "OG.01", "Een e-mailadres moet een @-teken bevatten.", "Vul een e-mailadres in de vorm naam@domein.nl in."
)
OG01_FORMAT = Rule(
    "OG.01",
    "Het e-mailadres voldoet niet aan de regels voor toegestane tekens vóór de @ en voor domeinnaam en extensie.",
    "Gebruik alleen letters, cijfers en !#$%*+=?^_`{|}~.- vóór de @ en een domein als school.nl (geen - aan begin "
    "of eind van een deel).",
)
OG02 = Rule(
    "OG.02",
    "Het veld 'standaardversie' moet exact de waarde \"2019.1\" hebben.",
    "Zet metadata/standaardversie op 2019.1.",
)
OG03 = Rule(
    "OG.03",
    "De LWOO-einddatum heeft niet het formaat JJJJ-07-31.",
    "Een LWOO-beschikking eindigt altijd op 31 juli: gebruik JJJJ-07-31.",
)
OG04_MISSING = Rule(
    "OG.04",
    "Een verzorger mag geen overlijdensdatum hebben als het kenmerk 'overleden' ontbreekt.",
    "Voeg <overleden>true</overleden> toe of verwijder de overlijdensdatum.",
)
OG04_FALSE = Rule(
    "OG.04",
    "Een verzorger mag geen overlijdensdatum hebben als 'overleden' niet waar is.",
    "Zet overleden op true of verwijder de overlijdensdatum.",
)
OG05_ROEPNAAM = Rule("OG.05", "Bij de huisarts is een roepnaam niet toegestaan.", "Verwijder huisarts/roepnaam.")
OG05_GESLACHT = Rule("OG.05", "Bij de huisarts is het geslacht niet toegestaan.", "Verwijder huisarts/geslacht.")
OG05_ADRESGEHEIM = Rule(
    "OG.05",
    "Bij de huisarts is een geheim adres (adresgeheim = waar) niet toegestaan.",
    "Verwijder huisarts/adresgeheim of zet het op false.",
)

_LWOO_EINDDATUM = re.compile(r"[0-9]{4}-07-31")
_EMAIL_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%*+=?^_`{|}~.-")
_LABEL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")


def email_pattern_ok(value: str) -> bool:
    """The DUO e-mail regex, unanchored at the start, as a linear scan (no regex backtracking on hostile input).

    A domain label cannot contain ``@``, so only the last ``@`` can start a matching domain part.
    """
    at = value.rfind("@")
    if at <= 0 or value[at - 1] not in _EMAIL_LOCAL:
        return False
    domain = value[at + 1 :]
    for label in domain.split("."):
        if not label or label[0] == "-" or label[-1] == "-" or not set(label) <= _LABEL_CHARS:
            return False
    return True


def check_og01(ctx: Context) -> None:
    """OG.01: four e-mail format checks per ``communicatie`` with soort ``e-mail``, reported at the communicatie."""
    for communicatie in ctx.all("communicatie"):
        if communicatie.getparent() is None or ctx.xs_string(communicatie, "soort") != "e-mail":
            continue
        adres = ctx.xs_string(communicatie, "nummer") or ""
        if len(adres) < 4:
            OG01_SHORT.fire(ctx, communicatie)
        if len(adres) > 256:
            OG01_LONG.fire(ctx, communicatie)
        if "@" not in adres:
            OG01_AT.fire(ctx, communicatie)
        if not email_pattern_ok(adres):
            OG01_FORMAT.fire(ctx, communicatie)


def check_og02(ctx: Context) -> None:
    """OG.02: every ``metadata/standaardversie`` is exactly 2019.1."""
    for el in ctx.all("standaardversie"):
        if parent_chain(el, ("metadata",)) and not text_in(el, frozenset({"2019.1"})):
            OG02.fire(ctx, el)


def check_og03(ctx: Context) -> None:
    """OG.03: every ``lwoo_einddatum`` contains JJJJ-07-31 (the official regex is unanchored)."""
    for el in ctx.all("lwoo_einddatum"):
        if el.getparent() is None:
            continue
        nodes = texts(el)
        if len(nodes) > 1:
            raise XsltAbort(el, "lwoo_einddatum bestaat uit meerdere tekstdelen")
        if not _LWOO_EINDDATUM.search(nodes[0] if nodes else ""):
            OG03.fire(ctx, el)


def check_og04(ctx: Context) -> None:
    """OG.04: an overlijdensdatum needs overleden = true; both checks fire when overleden is absent."""
    for verzorger in ctx.all("verzorger"):
        if verzorger.getparent() is None:
            continue
        datum = ctx.has(verzorger, "overlijdensdatum")
        if not ctx.has(verzorger, "overleden") and datum:
            OG04_MISSING.fire(ctx, verzorger)
        if xs_boolean(ctx.children(verzorger, "overleden")) is not True and datum:
            OG04_FALSE.fire(ctx, verzorger)


def check_og05(ctx: Context) -> None:
    """OG.05: a huisarts has no roepnaam, no geslacht and no secret address."""
    for huisarts in ctx.all("huisarts"):
        if huisarts.getparent() is None:
            continue
        if ctx.has(huisarts, "roepnaam"):
            OG05_ROEPNAAM.fire(ctx, huisarts)
        if ctx.has(huisarts, "geslacht"):
            OG05_GESLACHT.fire(ctx, huisarts)
        if xs_boolean(ctx.children(huisarts, "adresgeheim")) is True:
            OG05_ADRESGEHEIM.fire(ctx, huisarts)


# ---------------------------------------------------------------------------------------------------------------
# 2. categorie_uitlevering (OS.cat rules)
# ---------------------------------------------------------------------------------------------------------------

_LEERLING = ("dossier", "huidigeschool", "leerling")
_ONDERSTEUNING = (*_LEERLING, "onderwijsondersteuning")


@dataclass(frozen=True, slots=True)
class CategoryRule:
    """``OS.catNN``: VERPLICHT needs one of the category's elements, VERBODEN/OPT-UIT allow none of them."""

    id: str
    field: str
    label: str
    elements: tuple[tuple[str, tuple[str, ...]], ...]
    # The element names the official VERBODEN/OPT-UIT tests look for (differs from ``elements`` for OS.cat09).
    forbidden_names: tuple[str, ...] = ()

    def _present(self, ctx: Context, name: str, chain: tuple[str, ...]) -> list[Element]:
        child = tag(name)
        return [el for parent in ctx.scoped(chain) for el in parent.iterchildren(child)]

    def check(self, ctx: Context) -> None:
        """Fire per the value(s) of ``categorie_uitlevering/<field>``."""
        modes = ctx.category_modes.get(self.field, ())
        if not modes:
            return
        field_el = ctx.category_fields[self.field][0]
        if "VERPLICHT" in modes and not any(self._present(ctx, n, c) for n, c in self.elements):
            Rule(
                self.id,
                f"Categorie '{self.label}' is VERPLICHT, maar het dossier bevat geen gegevens uit deze categorie.",
                f"Neem de gegevens van '{self.label}' op, of zet {self.field} op OPTIONEEL.",
            ).fire(ctx, field_el)
        names = self.forbidden_names or tuple(n for n, _ in self.elements)
        for mode, reason in (("VERBODEN", "VERBODEN"), ("OPT-UIT", "uitgezet door de ouders (OPT-UIT)")):
            if mode not in modes:
                continue
            for (name, chain), official in zip(self.elements, names, strict=True):
                present = self._present(ctx, official, chain)
                if present:
                    Rule(
                        self.id,
                        f"Categorie '{self.label}' is {reason}, maar het dossier bevat '{name}'.",
                        f"Verwijder '{name}' uit het dossier, of pas {self.field} aan.",
                    ).fire(ctx, present[0])
                elif official != name and (real := self._present(ctx, name, chain)):
                    Rule(
                        self.id,
                        f"Categorie '{self.label}' is {reason}, maar het dossier bevat '{name}'. De officiële "
                        f"validatie ziet dit niet (zij zoekt naar '{official}'), maar het gegeven mag er niet in.",
                        f"Verwijder '{name}' uit het dossier, of pas {self.field} aan.",
                        WAARSCHUWING,
                    ).fire(ctx, real[0])


def _leerling(*names: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((n, _LEERLING) for n in names)


_OS09_NAMES = (
    "toelichting_onderwijsbehoeften",
    "diagnose",
    "medicijngebruik",
    "opp",
    "tlv",
    "arrangement_cluster12",
    "arrangement_pao",
    "lwoo",
    "rvc",
)

CATEGORY_RULES: tuple[CategoryRule, ...] = (
    CategoryRule(
        "OS.cat01", "cat_metadata", "Metadata", (("metadata", ("dossier",)), ("overdrachtsoort", ("dossier",)))
    ),
    CategoryRule("OS.cat02", "cat_ouderinzage", "Ouderinzage", (("inzage", ("dossier",)),)),
    CategoryRule(
        "OS.cat05",
        "cat_oudersverzorgers",
        "Ouders/verzorgers",
        _leerling("verzorgersaansprakelijk", "verzorger", "aansprakelijkeinstelling"),
    ),
    CategoryRule(
        "OS.cat06",
        "cat_vve",
        "VVE",
        _leerling("vanpeuterspeelzaal", "naampeuterspeelzaal", "voorschools", "vroegschools"),
    ),
    CategoryRule("OS.cat07", "cat_schoolloopbaan", "Schoolloopbaan", _leerling("schoolloopbaanlijst")),
    CategoryRule("OS.cat08", "cat_overstapadvies", "Overstapadvies", _leerling("overstapadvies")),
    CategoryRule(
        "OS.cat09",
        "cat_onderwijsondersteuning",
        "Onderwijsondersteuning",
        tuple((n, _ONDERSTEUNING) for n in _OS09_NAMES),
        # Official slip: the VERBODEN/OPT-UIT test looks for a non-existent singular element name.
        forbidden_names=("toelichting_onderwijsbehoefte", *_OS09_NAMES[1:]),
    ),
    CategoryRule("OS.cat10", "cat_verzuim", "Verzuim", _leerling("verzuim")),
    CategoryRule("OS.cat11", "cat_eindtoetsbo", "Eindtoets bo", _leerling("eindtoets_basisonderwijs")),
    # The official id is OS.cat120 (a typo for cat12); we keep it so ids match the official validation.
    CategoryRule("OS.cat120", "cat_toetsresultaten", "Toetsresultaten", _leerling("toetslijst")),
    CategoryRule("OS.cat13", "cat_handelingsplannen", "Handelingsplannen", (("handelingsplan", _ONDERSTEUNING),)),
    CategoryRule("OS.cat14", "cat_cijferlijsten", "Cijferlijsten", _leerling("cijferlijstlijst")),
    CategoryRule(
        "OS.cat15",
        "cat_vombo",
        "VO-MBO",
        _leerling(
            "bevorderd", "examenresultaat", "resultaatvakkenvo", "certificaat", "competenties", "stage", "overigvombo"
        ),
    ),
    CategoryRule("OS.cat16", "cat_bijlagedocs", "Bijlagedocumenten", _leerling("overigdocumentlijst")),
)


def check_categories(ctx: Context) -> None:
    """All OS.cat rules in table order."""
    fields: dict[str, list[Element]] = {}
    modes: dict[str, set[str]] = {}
    for field, _ in CATEGORY_FIELDS:
        # //od:dossier/od:metadata/od:categorie_uitlevering/od:cat_x = 'MODE' (string value, existential)
        child = tag(field)
        found = [
            el for cu in ctx.scoped(("dossier", "metadata", "categorie_uitlevering")) for el in cu.iterchildren(child)
        ]
        if found:
            fields[field] = found
            modes[field] = {string_value(el) for el in found}
    ctx.category_fields = fields
    ctx.category_modes = modes
    for rule in CATEGORY_RULES:
        rule.check(ctx)


# ---------------------------------------------------------------------------------------------------------------
# 1, 3, 4, 5, 6: PaO template rules (document order of the matched elements)
# ---------------------------------------------------------------------------------------------------------------

MD01 = Rule(
    "PaO.MD01",
    "Een SWV-dossier moet een LAS-deel bevatten; alleen LVS of TIB is niet toegestaan.",
    "Zet metadata/deeldossier op LAS of LASLVS.",
)
MD02 = Rule(
    "PaO.MD02",
    "De validatieversie is niet correct voor deze versie van de standaard (verwacht 2019.1.1).",
    "Zet metadata/validatieversie op 2019.1.1.",
)
MD03 = Rule(
    "PaO.MD03",
    "Een SWV-dossier moet het blok 'categorie_uitlevering' bevatten.",
    "Voeg metadata/categorie_uitlevering toe met alle 16 cat_-velden.",
)
SO01 = Rule(
    "PaO.SO01",
    "Een SWV-dossier moet de soort overstap/dossier (metadata/overstap) bevatten.",
    "Voeg metadata/overstap toe met VOSWV of POSWV.",
)
SO02 = Rule(
    "PaO.SO02",
    "De soort overstap/dossier moet in een SWV-dossier POSWV of VOSWV zijn.",
    "Zet metadata/overstap op VOSWV (voortgezet onderwijs) of POSWV (primair onderwijs).",
)
SO03 = Rule(
    "PaO.SO03",
    "Een SWV-dossier moet als soort overdracht 'swv-dossier' hebben.",
    "Zet overdrachtsoort op swv-dossier.",
)
SL01_SCHOOL = Rule(
    "PaO.SL01",
    "In een SWV-dossier moet de school minimaal één adres hebben.",
    "Voeg huidigeschool/adreslijst/adres toe.",
)
SL02 = Rule(
    "PaO.SL02",
    "In een SWV-dossier moet de school minimaal één set communicatiegegevens hebben.",
    "Voeg huidigeschool/communicatielijst/communicatie toe (telefoon of e-mail).",
)
LL01 = Rule(
    "PaO.LL01", "In een SWV-dossier moet de leerling minimaal één voornaam hebben.", "Voeg leerling/voornaam toe."
)
LL02 = Rule(
    "PaO.LL02",
    "In een SWV-dossier is de geboortedatum van de leerling verplicht.",
    "Voeg leerling/geboortedatum (JJJJ-MM-DD) toe in plaats van een geboortemaand.",
)
LL03 = Rule(
    "PaO.LL03",
    "In een SWV-dossier is de geboortemaand van de leerling niet toegestaan.",
    "Verwijder leerling/geboortemaand en geef de volledige geboortedatum.",
)
LL04 = Rule(
    "PaO.LL04",
    "In een SWV-dossier is de indicatie 'adresgeheim' bij de leerling verplicht.",
    "Voeg leerling/adresgeheim toe (true of false).",
)
LL05 = Rule(
    "PaO.LL05",
    "De leerling heeft geen Nederlands of buitenlands adres, terwijl het adres niet geheim is.",
    "Voeg leerling/adreslijst/adres of adresbuitenland toe, of zet adresgeheim op true.",
)
LL06 = Rule(
    "PaO.LL06",
    "Het adres van de leerling is geheim; dan mag het dossier geen leerlingadres bevatten.",
    "Verwijder leerling/adreslijst, of zet adresgeheim op false.",
)
LL07 = Rule(
    "PaO.LL07",
    "In een SWV-dossier is de postcode4-adres van de leerling niet toegestaan.",
    "Verwijder leerling/postcode4adres.",
)
LL08_TELEFOON = Rule(
    "PaO.LL08",
    'Een geheim telefoonnummer moet in een SWV-dossier worden vervangen door de geheimwaarde "9999999999".',
    "Zet communicatie/nummer op 9999999999 of zet geheim op false.",
)
LL08_EMAIL = Rule(
    "PaO.LL08",
    'Een geheim e-mailadres moet in een SWV-dossier worden vervangen door de geheimwaarde "geheim@geheim.geheim".',
    "Zet communicatie/nummer op geheim@geheim.geheim of zet geheim op false.",
)
LL09 = Rule(
    "PaO.LL09",
    "Het adres van de leerling is geheim; dan mag het dossier geen buitenlands adres bevatten.",
    "Verwijder leerling/adresbuitenland, of zet adresgeheim op false.",
)
LL10 = Rule(
    "PaO.LL10",
    "De geboorteplaats van de leerling is in een SWV-dossier niet toegestaan.",
    "Verwijder leerling/geboorteplaats.",
)
LL11 = Rule(
    "PaO.LL11",
    "De nationaliteit van de leerling is in een SWV-dossier niet toegestaan.",
    "Verwijder leerling/nationaliteit.",
)
LL12 = Rule(
    "PaO.LL12",
    "BSN of onderwijsnummer van de leerling is in een SWV-dossier niet toegestaan.",
    "Verwijder leerling/bsn en leerling/onderwijsnummer.",
)
VV01 = Rule(
    "PaO.VV01",
    "'Afkomstig van peuterspeelzaal' is niet toegestaan in een VO-SWV-dossier.",
    "Verwijder leerling/vanpeuterspeelzaal.",
)
VV02 = Rule(
    "PaO.VV02",
    "'Naam peuterspeelzaal' is niet toegestaan in een VO-SWV-dossier.",
    "Verwijder leerling/naampeuterspeelzaal.",
)
VV03 = Rule(
    "PaO.VV03", "Voorschoolse gegevens zijn niet toegestaan in een VO-SWV-dossier.", "Verwijder leerling/voorschools."
)
VV04 = Rule(
    "PaO.VV04", "Vroegschoolse gegevens zijn niet toegestaan in een VO-SWV-dossier.", "Verwijder leerling/vroegschools."
)
SL01_LEERLING = Rule(
    "PaO.SL01",
    "In een SWV-dossier moet de leerling minimaal één schoolloopbaan hebben.",
    "Voeg leerling/schoolloopbaanlijst/schoolloopbaan toe.",
)
EB01 = Rule(
    "PaO.EB01",
    "Het blok 'Eindtoets basisonderwijs' is niet toegestaan in een PO-SWV-dossier.",
    "Verwijder leerling/eindtoets_basisonderwijs.",
)
OV01 = Rule(
    "PaO.OV01",
    "De verzorgers zijn aansprakelijk, maar het dossier bevat geen verzorger.",
    "Voeg minimaal één leerling/verzorger toe, of zet verzorgersaansprakelijk op false.",
)
_VM = (
    ("PaO.VM01", "bevorderd", "Bevorderd"),
    ("PaO.VM02", "examenresultaat", "Examens en uitslagen"),
    ("PaO.VM03", "resultaatvakkenvo", "VO vakresultaat"),
    ("PaO.VM04", "certificaat", "Certificaat"),
    ("PaO.VM05", "competenties", "Competenties"),
    ("PaO.VM06", "stage", "Stages"),
    ("PaO.VM07", "overigvombo", "Overige vo-mbo-gegevens"),
)
VM_RULES = tuple(
    (
        name,
        Rule(rule_id, f"Het blok '{label}' is niet toegestaan in een PO-SWV-dossier.", f"Verwijder leerling/{name}."),
    )
    for rule_id, name, label in _VM
)
OV03 = Rule(
    "PaO.OV03",
    "Het adres van de verzorger is geheim; dan mag het dossier geen adres van die verzorger bevatten.",
    "Verwijder verzorger/adreslijst, of zet adresgeheim op false.",
)
OV05 = Rule(
    "PaO.OV05",
    "Een banknummer van de verzorger is in een SWV-dossier niet toegestaan.",
    "Verwijder verzorger/banknummer (iban is wel toegestaan).",
)
ZB01 = Rule(
    "PaO.ZB01", "Gegevens over de VIR (Verwijsindex) zijn in een SWV-dossier niet toegestaan.", "Verwijder zorg/vir."
)
ZB02 = Rule(
    "PaO.ZB02", "Gegevens over het ZAT (Zorgadviesteam) zijn in een SWV-dossier niet toegestaan.", "Verwijder zorg/zat."
)
TR01 = Rule(
    "PaO.TR01",
    "Een toetsresultaat moet minimaal een score, een referentiescore of een bijlage bevatten.",
    "Voeg toetsscore, referentiescore of document toe aan het resultaat.",
)
TR02 = Rule(
    "PaO.TR02",
    "Een toetsscore moet minimaal aantal opgaven, aantal goed, aantal fout, aantal gelezen, tijd of "
    "vaardigheidsscore bevatten.",
    "Vul minimaal één van deze velden in de toetsscore.",
)
CL01 = Rule(
    "PaO.CL01",
    "Een score in een cijferlijst moet minimaal een waarde of een kwalificatie bevatten.",
    "Vul score/waarde of score/kwalificatie in.",
)


def rule_metadata(ctx: Context, metadata: Element) -> None:
    """Template ``//dossier/metadata``: PaO.MD01–MD03, SO01–SO03."""
    swv = ctx.swv
    if not ctx.deeldossier & {"LAS", "LASLVS"}:
        MD01.fire(ctx, metadata)
    if swv and not any(string_value(v) == "2019.1.1" for v in ctx.children(metadata, "validatieversie")):
        MD02.fire(ctx, metadata)
    if swv and not ctx.has(metadata, "categorie_uitlevering"):
        MD03.fire(ctx, metadata)
    if swv and not ctx.has(metadata, "overstap"):
        SO01.fire(ctx, metadata)
    if swv and not ctx.overstap & {"POSWV", "VOSWV"}:
        SO02.fire(ctx, metadata)
    if not swv:
        SO03.fire(ctx, metadata)


def rule_huidigeschool(ctx: Context, school: Element) -> None:
    """Template ``huidigeschool``: PaO.SL01 (school address), PaO.SL02."""
    if ctx.swv and not ctx.has_path(school, "adreslijst", "adres"):
        SL01_SCHOOL.fire(ctx, school)
    if ctx.swv and not ctx.has_path(school, "communicatielijst", "communicatie"):
        SL02.fire(ctx, school)


def rule_leerling(ctx: Context, leerling: Element) -> None:
    """Template ``leerling``: LL01–LL12, LL08 over every communicatie, VV, SL01, EB01, OV01, VM (official order)."""
    if not ctx.swv:
        return  # every leerling rule starts with $typeDocument='swv-dossier'
    if not ctx.has(leerling, "voornaam"):
        LL01.fire(ctx, leerling)
    if not ctx.has(leerling, "geboortedatum"):
        LL02.fire(ctx, leerling)
    if ctx.has(leerling, "geboortemaand"):
        LL03.fire(ctx, leerling)
    if not ctx.has(leerling, "adresgeheim"):
        LL04.fire(ctx, leerling)
    adres = ctx.has_path(leerling, "adreslijst", "adres")
    buitenland = ctx.has(leerling, "adresbuitenland")
    if not adres and not buitenland and xs_boolean(ctx.children(leerling, "adresgeheim")) is not True:
        LL05.fire(ctx, leerling)
    if xs_boolean(ctx.children(leerling, "adresgeheim")) is True and adres:
        LL06.fire(ctx, leerling)
    if ctx.has(leerling, "postcode4adres"):
        LL07.fire(ctx, leerling)
    for communicatie in ctx.all("communicatie"):
        if communicatie.getparent() is None:
            continue
        # Two separate tests in the official XSLT, each evaluating geheim, soort and nummer left to right.
        geheim = xs_boolean(ctx.children(communicatie, "geheim")) is True
        if (
            geheim
            and ctx.xs_string(communicatie, "soort") == "telefoon"
            and ctx.xs_string(communicatie, "nummer") != "9999999999"
        ):
            LL08_TELEFOON.fire(ctx, communicatie)
        if (
            geheim
            and ctx.xs_string(communicatie, "soort") == "e-mail"
            and ctx.xs_string(communicatie, "nummer") != "geheim@geheim.geheim"
        ):
            LL08_EMAIL.fire(ctx, communicatie)
    if xs_boolean(ctx.children(leerling, "adresgeheim")) is True and buitenland:
        LL09.fire(ctx, leerling)
    if ctx.has(leerling, "geboorteplaats"):
        LL10.fire(ctx, leerling)
    if ctx.has(leerling, "nationaliteit"):
        LL11.fire(ctx, leerling)
    if ctx.has(leerling, "bsn") or ctx.has(leerling, "onderwijsnummer"):
        LL12.fire(ctx, leerling)
    vo = "VOSWV" in ctx.overstap
    po = "POSWV" in ctx.overstap
    for name, rule in (
        ("vanpeuterspeelzaal", VV01),
        ("naampeuterspeelzaal", VV02),
        ("voorschools", VV03),
        ("vroegschools", VV04),
    ):
        if vo and ctx.has(leerling, name):
            rule.fire(ctx, leerling)
    if not ctx.has_path(leerling, "schoolloopbaanlijst", "schoolloopbaan"):
        SL01_LEERLING.fire(ctx, leerling)
    if po and ctx.has(leerling, "eindtoets_basisonderwijs"):
        EB01.fire(ctx, leerling)
    if xs_boolean(ctx.children(leerling, "verzorgersaansprakelijk")) is True and not ctx.has(leerling, "verzorger"):
        OV01.fire(ctx, leerling)
    for name, rule in VM_RULES:
        if po and ctx.has(leerling, name):
            rule.fire(ctx, leerling)


def rule_verzorger(ctx: Context, verzorger: Element) -> None:
    """Template ``verzorger``: PaO.OV03, PaO.OV05."""
    if (
        ctx.swv
        and xs_boolean(ctx.children(verzorger, "adresgeheim")) is True
        and ctx.has_path(verzorger, "adreslijst", "adres")
    ):
        OV03.fire(ctx, verzorger)
    if ctx.swv and ctx.has(verzorger, "banknummer"):
        OV05.fire(ctx, verzorger)


def rule_zorg(ctx: Context, zorg: Element) -> None:
    """Template ``zorg`` (block removed from the 2019.1 XSD): PaO.ZB01, PaO.ZB02."""
    if ctx.swv and ctx.has(zorg, "vir"):
        ZB01.fire(ctx, zorg)
    if ctx.swv and ctx.has(zorg, "zat"):
        ZB02.fire(ctx, zorg)


def rule_resultaat(ctx: Context, resultaat: Element) -> None:
    """Template ``resultaat``: PaO.TR01."""
    if ctx.swv and not (
        ctx.has(resultaat, "toetsscore") or ctx.has(resultaat, "referentiescore") or ctx.has(resultaat, "document")
    ):
        TR01.fire(ctx, resultaat)


_TOETSSCORE_FIELDS = ("aantalopgaven", "aantalgoed", "aantalfout", "aantalgelezen", "tijd", "vaardigheidsscore")


def rule_toetsscore(ctx: Context, toetsscore: Element) -> None:
    """Template ``toetsscore``: PaO.TR02."""
    if ctx.swv and not any(ctx.has(toetsscore, name) for name in _TOETSSCORE_FIELDS):
        TR02.fire(ctx, toetsscore)


def rule_score(ctx: Context, score: Element) -> None:
    """Template ``score``: PaO.CL01."""
    if ctx.swv and not (ctx.has(score, "waarde") or ctx.has(score, "kwalificatie")):
        CL01.fire(ctx, score)


TEMPLATES: dict[str, Callable[[Context, Element], None]] = {
    tag("metadata"): rule_metadata,
    tag("huidigeschool"): rule_huidigeschool,
    tag("leerling"): rule_leerling,
    tag("verzorger"): rule_verzorger,
    tag("zorg"): rule_zorg,
    tag("resultaat"): rule_resultaat,
    tag("toetsscore"): rule_toetsscore,
    tag("score"): rule_score,
}
_METADATA = tag("metadata")
_DOSSIER = tag("dossier")


def _is_dossier_metadata(el: Element) -> bool:
    parent = el.getparent()
    return el.tag == _METADATA and parent is not None and parent.tag == _DOSSIER


def check_templates(ctx: Context) -> None:
    """Walk the elements the PaO templates match in document order, like xsl:apply-templates does.

    The ``dossier/metadata`` template does not apply templates to its children, so nothing below it is matched.
    """
    # Everything below a dossier/metadata element is out of reach of apply-templates (rare: computed once).
    hidden = {
        el
        for meta in ctx.all("metadata")
        if _is_dossier_metadata(meta)
        for el in meta.iter(*TEMPLATES)
        if el is not meta
    }
    for el in ctx.root.iter(*TEMPLATES):
        if (el.tag == _METADATA and not _is_dossier_metadata(el)) or (hidden and el in hidden):
            continue
        TEMPLATES[el.tag](ctx, el)


# ---------------------------------------------------------------------------------------------------------------

STAGES: tuple[Callable[[Context], None], ...] = (
    check_code_lists,
    check_og01,
    check_og02,
    check_og03,
    check_og04,
    check_og05,
    check_categories,
    check_templates,
)


def _indexed_names() -> tuple[str, ...]:
    """Tags the indexing pass collects: what the OG, OS.cat and PaO rules look up (code lists do their own pass)."""
    names = {"deeldossier", "overstap", "overdrachtsoort", "communicatie", "standaardversie", "lwoo_einddatum"}
    names |= {"verzorger", "huisarts", "metadata", "categorie_uitlevering"}
    for rule in CATEGORY_RULES:
        names |= {chain[-1] for _, chain in rule.elements}
    return tuple(sorted(tag(n) for n in names))


INDEXED_TAGS = _indexed_names()


def run_rules(ctx: Context) -> None:
    """Run every business rule in the official order; raises XsltAbort where the official XSLT would abort."""
    for stage in STAGES:
        stage(ctx)
