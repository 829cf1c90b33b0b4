"""Overdrachtsdossiers in plain Dutch: labels, the timeline's steps, validation findings and refusals."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from typing import Any

from oso_portal.clients.dossier import Dossier, DossierWijziging, Gebeurtenis, Leerling, Ontbrekend
from oso_portal.leerlingen.service import volledige_naam
from oso_portal.problems import DienstFout
from oso_shared.contracts.categorieen import CATEGORIE_LABELS

# Refusals of opvraagbaar maken that the page explains in place, with what is missing and who must act. Decided by
# code: the dossier service answers UITWISSELING_NIET_TOEGESTAAN with 403 (it was 409), the page stays the same.
WEIGERINGEN = frozenset({"DOSSIER_NIET_GEREED", "UITWISSELING_NIET_TOEGESTAAN"})
WEIGERING_STATUS = 409

STATUS_LABELS = {
    "concept": "Concept",
    "gevalideerd": "Gevalideerd",
    "opvraagbaar": "Opvraagbaar (notificatie wordt verstuurd)",
    "notificatie_verzonden": "Notificatie verstuurd",
    "opgehaald": "Opgehaald door het SWV",
    "teruggekoppeld": "Terugkoppeling ontvangen",
    "mislukt": "Mislukt",
}

# The life of a VO-SWV dossier as the timeline shows it (mislukt is shown apart).
STAPPEN = (
    ("concept", "Concept: gegevens invullen"),
    ("gevalideerd", "Gevalideerd door de KVS webservice"),
    ("opvraagbaar", "Opvraagbaar gemaakt"),
    ("notificatie_verzonden", "Notificatie aan samenwerkingsverband verstuurd"),
    ("opgehaald", "Opgehaald door het samenwerkingsverband"),
    ("teruggekoppeld", "Terugkoppeling ontvangen"),
)
RANG = {code: index for index, (code, _) in enumerate(STAPPEN)}

GEBEURTENIS_LABELS = {
    "aangemaakt": "Dossier aangemaakt",
    "concept": "Dossier aangemaakt",
    "gewijzigd": "Gegevens gewijzigd",
    "voltooid": "Voltooid",
    "gegenereerd": "Dossier (opnieuw) gegenereerd",
    "gevalideerd": "Gevalideerd: correct bevonden",
    "validatie_afgekeurd": "Validatie: fouten gevonden",
    "opvraagbaar": "Opvraagbaar gemaakt",
    "notificatie_verzonden": "Notificatie aan samenwerkingsverband verstuurd",
    "opgehaald": "Opgehaald door het samenwerkingsverband",
    "teruggekoppeld": "Terugkoppeling ontvangen",
    "mislukt": "Mislukt",
    "bijlage_toegevoegd": "Bijlage toegevoegd",
    "bijlage_verwijderd": "Bijlage verwijderd",
}

WIE_LABELS = {
    "swv": "het samenwerkingsverband (SWV-beheerder)",
    "bestuur": "het schoolbestuur (bestuursbeheerder)",
    "school": "de school (ICT-beheerder / schoolbeheerder)",
    "zorgcoordinator": "jijzelf (zorgcoördinator)",
}


BEWERKBAAR = frozenset({"concept", "gevalideerd"})


@dataclass(frozen=True)
class DossierRegel:
    """One dossier in a leerling's list."""

    id: uuid.UUID
    aangemaakt_op: dt.datetime | None
    status_label: str
    doel_label: str
    type_label: str = "VO-SWV"


def status_label(dossier: Dossier) -> str:
    """The dossier's status as users know it."""
    return STATUS_LABELS.get(dossier.status, dossier.status)


def regels(dossiers: list[Dossier]) -> list[DossierRegel]:
    """A leerling's dossiers, newest first, with display labels."""
    oudst = dt.datetime.min.replace(tzinfo=dt.UTC)
    return [
        DossierRegel(
            id=d.id,
            aangemaakt_op=d.aangemaakt_op,
            status_label=status_label(d),
            doel_label=(d.aanleverpunt or {}).get("label", "—"),
        )
        for d in sorted(dossiers, key=lambda d: d.aangemaakt_op or oudst, reverse=True)
    ]


@dataclass(frozen=True)
class Stap:
    """One step of the timeline with its state for this dossier."""

    code: str
    label: str
    toestand: str  # gedaan | huidig | open | mislukt
    op: dt.datetime | None


def stappen(dossier: Dossier, gebeurtenissen: list[Gebeurtenis]) -> list[Stap]:
    """The fixed steps with what is done, where the dossier is now, and what is still ahead."""
    status = dossier.status
    wanneer: dict[str, dt.datetime | None] = {}
    for g in gebeurtenissen:
        wanneer.setdefault(g.soort, g.op)
    wanneer.setdefault("concept", dossier.aangemaakt_op)
    huidig = RANG.get(status, -1)
    if status == "mislukt":
        # Failed after opvraagbaar: everything up to the notification counts as done.
        huidig = max((RANG.get(g.soort, -1) for g in gebeurtenissen), default=RANG["opvraagbaar"])
    result = []
    for code, label in STAPPEN:
        rang = RANG[code]
        if rang < huidig or (rang == huidig and code == "teruggekoppeld"):
            toestand = "gedaan"
        elif rang == huidig:
            toestand = "huidig"
        else:
            toestand = "open"
        result.append(Stap(code, label, toestand, wanneer.get(code) if toestand != "open" else None))
    if status == "mislukt":
        result.append(Stap("mislukt", f"Mislukt: {dossier.mislukt_reden or 'onbekende reden'}", "mislukt", None))
    return result


# Friendly Dutch names of the dossier's elements, for the field a validation finding is about.
VELD_NAMEN = {
    "contactnodig": "Contact nodig (mentor)",
    "contactpersoon": "Contactpersoon",
    "aandachtspunten": "Aandachtspunten",
    "categorie_uitlevering": "Meesturen per categorie (opt-out)",
    "overstapadvies": "Overstapadvies",
    "schoolloopbaanlijst": "Schoolloopbaan",
    "schoolloopbaan": "Schoolloopbaan",
    "verzorger": "Ouders/verzorgers",
    "adressen": "Adres",
    "adres": "Adres",
    "adreslijst": "Adres",
    "adresbuitenland": "Adres",
    "communicatie": "Telefoon/e-mail",
    "geboortedatum": "Geboortedatum",
    "achternaam": "Achternaam",
    "voornamen": "Voornamen",
    "gba": "Persoonsgegevens (GBA)",
    "onderwijsondersteuning": "Onderwijsondersteuning",
    "diagnose": "Diagnose",
    "verzuim": "Verzuim",
    "toetslijst": "Toetsresultaten",
    "cijferlijstlijst": "Cijferlijsten",
    "overigdocumentlijst": "Bijlagen",
    "document": "Bijlagen",
    "brincode": "BRIN van de school",
    "vestigingscode": "Vestiging",
    "aanleverpunt": "Aanleverpunt",
    "metadata": "Gegevens over het dossier",
}
_OPTIONEEL = ("contactnodig", "contactpersoon", "aandachtspunten", "categorie_uitlevering")


def _segmenten(path: str) -> list[str]:
    # "/dossier/huidigeschool/leerling/schoolloopbaanlijst[1]/x:y" → ["dossier", ..., "schoolloopbaanlijst", "y"]
    return [p.split("[")[0].split(":")[-1].lower() for p in path.split("/") if p and not p.startswith("@")]


def bevinding(finding: dict[str, Any], dossier: Dossier) -> dict[str, str]:
    """A validation finding in plain Dutch: which field, what is wrong, and a link to where to fix it."""
    path = str(finding.get("path") or "")
    delen = _segmenten(path)
    hint = str(finding.get("hint") or "")
    categorie = next((d for d in delen if d.startswith("cat_")), None)
    if categorie is not None and categorie not in CATEGORIE_LABELS:
        # A required category without data: the fix is in the leerling's data, not in the opt-outs.
        delen = [d for d in delen if d not in ("metadata", "categorie_uitlevering")] + ["leerling", categorie[4:]]
    elif not any(d in VELD_NAMEN for d in delen[-1:]):
        # The path names only the container; the hint names the missing element ("Voeg leerling/x/y toe").
        genoemd = re.search(r"[a-z_]+(?:/[a-z_]+)+", hint)
        if genoemd:
            delen = delen + _segmenten(genoemd.group(0))
    if any(d in _OPTIONEEL for d in delen) or categorie in CATEGORIE_LABELS:
        plek = "optioneel"
    elif any(d in ("document", "overigdocumentlijst", "bijlage") for d in delen):
        plek = "bijlagen"
    elif "leerling" in delen:
        plek = "leerling"
    elif "huidigeschool" in delen:
        plek = "school"
    else:
        plek = "dossier"
    # The most specific element with a friendly name names the field.
    veld = next((VELD_NAMEN[d] for d in reversed(delen) if d in VELD_NAMEN), None)
    if veld is None:
        veld = {"leerling": "Leerlinggegevens", "school": "Gegevens van de school"}.get(plek, "Dossier")
    dossier_id = dossier.id
    links = {
        "optioneel": (f"/dossiers/{dossier_id}/optioneel", "Herstel bij Optionele gegevens"),
        "bijlagen": (f"/dossiers/{dossier_id}/bijlagen", "Herstel bij Bijlagen"),
        "leerling": (
            f"/leerlingen/{dossier.leerling_id}",
            "Herstel in de leerlinggegevens (leerlingadministratie), genereer daarna opnieuw",
        ),
        "school": (f"/dossiers/{dossier_id}/gegevens", "Schoolgegevens: vraag de schoolbeheerder dit te herstellen"),
        "dossier": (f"/dossiers/{dossier_id}/gegevens", "Genereer het dossier opnieuw"),
    }
    href, link_tekst = links[plek]
    return {
        "veld": veld,
        "ernst": "Fout" if str(finding.get("severity", "fout")) == "fout" else "Waarschuwing",
        "tekst": str(finding.get("message") or ""),
        "hint": hint,
        "pad": path,
        "href": href,
        "link": link_tekst,
    }


def ontbrekende_stappen(ontbrekend: list[Ontbrekend]) -> list[dict[str, str]]:
    """Refusal items as sentences a zorgcoördinator can forward: step, who must act and what to do."""
    return [
        {
            "stap": f"Stap {item.stap}" if item.stap else "Dossier",
            "wie": WIE_LABELS.get(item.wie, item.wie),
            "uitleg": item.uitleg,
            "code": item.code,
        }
        for item in ontbrekend
    ]


@dataclass(frozen=True)
class DossierPagina:
    """What every tab of a dossier shows: the dossier, its timeline and its leerling."""

    dossier: Dossier
    gebeurtenissen: list[Gebeurtenis]
    leerling: Leerling


TABS = (
    ("gegevens", "Dossiergegevens"),
    ("optioneel", "Optionele gegevens"),
    ("bijlagen", "Bijlagen"),
    ("terugkoppeling", "Terugkoppeling SWV"),
    ("tijdlijn", "Tijdlijn"),
)


def status_context(dossier: Dossier, gebeurtenissen: list[Gebeurtenis]) -> dict[str, Any]:
    """The status block: the steps so far, the status label and the dossier service's sentence."""
    return {
        "dossier": dossier,
        "stappen": stappen(dossier, gebeurtenissen),
        "status_label": status_label(dossier),
        "status_melding": dossier.melding,
    }


def pagina_context(pagina: DossierPagina, tab: str) -> dict[str, Any]:
    """The template context of one tab of a dossier."""
    dossier = pagina.dossier
    validatie = dossier.validatie
    bevindingen = [bevinding(f, dossier) for f in validatie.findings] if validatie and not validatie.valid else []
    return {
        **status_context(dossier, pagina.gebeurtenissen),
        "leerling": pagina.leerling,
        "naam": volledige_naam(pagina.leerling.gegevens),
        "tab": tab,
        "tabs": TABS,
        "gebeurtenissen": pagina.gebeurtenissen,
        "gebeurtenis_labels": GEBEURTENIS_LABELS,
        "bewerkbaar": dossier.status in BEWERKBAAR,
        "bevindingen": bevindingen,
        "categorie_labels": CATEGORIE_LABELS,
        "actief": "leerlingen",
    }


def _aan(value: str | None) -> bool:
    return value in ("aan", "ja", "on", "true")


@dataclass(frozen=True)
class OptioneelInvoer:
    """The form of Optionele gegevens as entered, checked before it goes to the dossier service."""

    wijziging: DossierWijziging
    fouten: dict[str, str]

    def context(self) -> dict[str, Any]:
        """What the form shows again after a refusal."""
        return {**self.wijziging.opties, "categorieen": self.wijziging.categorieen}


def optioneel_invoer(
    contactnodig: str,
    contactpersoon: str,
    contacttelefoon: str,
    contactemail: str,
    aandachtspunten: str,
    meesturen: list[str],
) -> OptioneelInvoer:
    """The optional parts and per category whether it goes along (unticked = opt-out)."""
    fouten: dict[str, str] = {}
    if len(aandachtspunten.strip()) > 280:
        fouten["aandachtspunten"] = "Aandachtspunten mogen hoogstens 280 tekens zijn."
    opties: dict[str, Any] = {
        "contactnodig": None if contactnodig == "" else _aan(contactnodig),
        "contactpersoon": contactpersoon.strip() or None,
        "contacttelefoon": contacttelefoon.strip() or None,
        "contactemail": contactemail.strip() or None,
        "aandachtspunten": aandachtspunten.strip() or None,
    }
    gekozen = set(meesturen)
    categorieen = {code: code in gekozen for code in CATEGORIE_LABELS}
    return OptioneelInvoer(DossierWijziging(opties=opties, categorieen=categorieen), fouten)


def veldfouten(fout: DienstFout) -> dict[str, str]:
    """The dossier service's field errors (``fouten`` of a 422) by field name."""
    return {str(f.get("veld", "")).split(".")[-1]: str(f.get("melding")) for f in fout.body.get("fouten") or []}
