"""Overdrachtsdossiers through the dossier service's API, and their presentation in plain Dutch."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from starlette.datastructures import UploadFile

from oso_portal.accounts.service import Aangemeld
from oso_portal.backend import Backend

DOSSIERS = "/v1/dossiers"
CHUNK = 256 * 1024

MELDING_CORRECT = "Het dossier is correct bevonden door de KVS webservice."
MELDING_WORDT_VERSTUURD = "Notificatie aan samenwerkingsverband wordt verstuurd"
MELDING_VERSTUURD = "Notificatie aan samenwerkingsverband is verstuurd"

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

CATEGORIE_LABELS = {
    "cat_ouderinzage": "Ouderinzage",
    "cat_overstapadvies": "Overstapadvies",
    "cat_verzuim": "Verzuim",
    "cat_eindtoetsbo": "Eindtoets basisonderwijs",
    "cat_toetsresultaten": "Toetsresultaten",
    "cat_handelingsplannen": "Handelingsplannen",
    "cat_cijferlijsten": "Cijferlijsten",
    "cat_vombo": "Resultaten VO/MBO",
    "cat_bijlagedocs": "Bijlagen (documenten)",
}

BEWERKBAAR = frozenset({"concept", "gevalideerd"})


async def van_leerling(backend: Backend, gebruiker: Aangemeld, leerling_id: uuid.UUID) -> list[dict[str, Any]]:
    """The dossiers of one leerling, with display labels."""
    result = await backend.get(gebruiker, "dossier", DOSSIERS, params={"leerling_id": str(leerling_id)})
    lijst = [dict(d) for d in result or []]
    for d in lijst:
        d["type_label"] = "VO-SWV"
        d["doel_label"] = (d.get("aanleverpunt") or {}).get("label", "—")
        d["status_label"] = STATUS_LABELS.get(str(d.get("status")), str(d.get("status")))
    return sorted(lijst, key=lambda d: str(d.get("aangemaakt_op")), reverse=True)


async def haal(backend: Backend, gebruiker: Aangemeld, dossier_id: uuid.UUID) -> dict[str, Any]:
    """One dossier."""
    result = await backend.get(gebruiker, "dossier", f"{DOSSIERS}/{dossier_id}")
    assert isinstance(result, dict)
    return result


async def maak(
    backend: Backend,
    gebruiker: Aangemeld,
    leerling_id: uuid.UUID,
    vestigingscode: str,
    aanleverpunt_id: str,
    vorige_dossier_id: str | None = None,
) -> dict[str, Any]:
    """Create a VO-SWV dossier for a leerling (a correction refers to the earlier, frozen dossier)."""
    body: dict[str, Any] = {
        "leerling_id": str(leerling_id),
        "vestigingscode": vestigingscode,
        "aanleverpunt_id": aanleverpunt_id,
    }
    if vorige_dossier_id is not None:
        body["vorige_dossier_id"] = vorige_dossier_id
    result = await backend.post(gebruiker, "dossier", DOSSIERS, json=body)
    assert isinstance(result, dict)
    return result


async def wijzig(
    backend: Backend, gebruiker: Aangemeld, dossier_id: uuid.UUID, opties: dict[str, Any], categorieen: dict[str, bool]
) -> dict[str, Any]:
    """Save the optional parts and the opt-out choices of a draft."""
    result = await backend.json(
        gebruiker, "dossier", "PATCH", f"{DOSSIERS}/{dossier_id}", json={"opties": opties, "categorieen": categorieen}
    )
    assert isinstance(result, dict)
    return result


async def actie(backend: Backend, gebruiker: Aangemeld, dossier_id: uuid.UUID, naam: str) -> dict[str, Any]:
    """Run one action of the menu Actie (voltooien, genereren, valideren, opvraagbaar-maken)."""
    result = await backend.post(gebruiker, "dossier", f"{DOSSIERS}/{dossier_id}/{naam}")
    return result if isinstance(result, dict) else {}


async def verwijder(backend: Backend, gebruiker: Aangemeld, dossier_id: uuid.UUID) -> None:
    """Delete a draft (the dossier service refuses once it is opvraagbaar)."""
    await backend.raw(gebruiker, "dossier", "DELETE", f"{DOSSIERS}/{dossier_id}")


async def tijdlijn(backend: Backend, gebruiker: Aangemeld, dossier_id: uuid.UUID) -> list[dict[str, Any]]:
    """The dossier's events, oldest first."""
    result = await backend.get(gebruiker, "dossier", f"{DOSSIERS}/{dossier_id}/tijdlijn")
    return list(result or [])


async def pdf(backend: Backend, gebruiker: Aangemeld, dossier_id: uuid.UUID) -> bytes:
    """The readable PDF of the dossier."""
    response = await backend.raw(
        gebruiker, "dossier", "GET", f"{DOSSIERS}/{dossier_id}/pdf", headers={"accept": "application/pdf"}
    )
    return response.content


async def voeg_bijlage_toe(
    backend: Backend,
    gebruiker: Aangemeld,
    dossier_id: uuid.UUID,
    bestand: UploadFile,
    omschrijving: str | None,
) -> dict[str, Any]:
    """Stream one bijlage on to the dossier service: the body is the file itself, read in chunks."""

    async def chunks() -> AsyncIterator[bytes]:
        while chunk := await bestand.read(CHUNK):
            yield chunk

    headers = {
        "content-type": bestand.content_type or "application/octet-stream",
        "content-disposition": f"attachment; filename*=UTF-8''{quote(bestand.filename or 'bijlage')}",
    }
    if bestand.size is not None:
        headers["content-length"] = str(bestand.size)
    if omschrijving:
        headers["content-description"] = quote(omschrijving)
    result = await backend.post(
        gebruiker, "dossier", f"{DOSSIERS}/{dossier_id}/bijlagen", content=chunks(), headers=headers
    )
    return result if isinstance(result, dict) else {}


async def verwijder_bijlage(
    backend: Backend, gebruiker: Aangemeld, dossier_id: uuid.UUID, bijlage_id: uuid.UUID
) -> None:
    """Remove a bijlage from a draft."""
    await backend.raw(gebruiker, "dossier", "DELETE", f"{DOSSIERS}/{dossier_id}/bijlagen/{bijlage_id}")


@dataclass(frozen=True)
class Stap:
    """One step of the timeline with its state for this dossier."""

    code: str
    label: str
    toestand: str  # gedaan | huidig | open | mislukt
    op: str | None


def stappen(dossier: dict[str, Any], gebeurtenissen: list[dict[str, Any]]) -> list[Stap]:
    """The fixed steps with what is done, where the dossier is now, and what is still ahead."""
    status = str(dossier.get("status"))
    wanneer: dict[str, str] = {}
    for g in gebeurtenissen:
        wanneer.setdefault(str(g.get("soort")), str(g.get("op")))
    wanneer.setdefault("concept", str(dossier.get("aangemaakt_op")))
    huidig = RANG.get(status, -1)
    if status == "mislukt":
        # Failed after opvraagbaar: everything up to the notification counts as done.
        huidig = max((RANG.get(str(g.get("soort")), -1) for g in gebeurtenissen), default=RANG["opvraagbaar"])
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
        result.append(Stap("mislukt", f"Mislukt: {dossier.get('mislukt_reden') or 'onbekende reden'}", "mislukt", None))
    return result


def status_melding(dossier: dict[str, Any]) -> str | None:
    """The sentence users know for the exchange state."""
    status = str(dossier.get("status"))
    if status == "opvraagbaar":
        return MELDING_WORDT_VERSTUURD
    if status in ("notificatie_verzonden", "opgehaald", "teruggekoppeld"):
        return MELDING_VERSTUURD
    return None


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


def bevinding(finding: dict[str, Any], dossier: dict[str, Any]) -> dict[str, str]:
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
    dossier_id = dossier.get("id")
    links = {
        "optioneel": (f"/dossiers/{dossier_id}/optioneel", "Herstel bij Optionele gegevens"),
        "bijlagen": (f"/dossiers/{dossier_id}/bijlagen", "Herstel bij Bijlagen"),
        "leerling": (
            f"/leerlingen/{dossier.get('leerling_id')}",
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


def ontbrekende_stappen(ontbrekend: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Registry refusal items as sentences a zorgcoördinator can forward: step, who must act and what to do."""
    result = []
    for item in ontbrekend:
        stap = item.get("stap")
        result.append(
            {
                "stap": f"Stap {stap}" if stap else "Dossier",
                "wie": WIE_LABELS.get(str(item.get("wie")), str(item.get("wie"))),
                "uitleg": str(item.get("uitleg") or ""),
                "code": str(item.get("code") or ""),
            }
        )
    return result
