"""Overdrachtsdossiers through the dossier service's API, and their presentation in plain Dutch."""

from __future__ import annotations

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
    backend: Backend, gebruiker: Aangemeld, leerling_id: uuid.UUID, vestigingscode: str, aanleverpunt_id: str
) -> dict[str, Any]:
    """Create a VO-SWV dossier for a leerling."""
    result = await backend.post(
        gebruiker,
        "dossier",
        DOSSIERS,
        json={"leerling_id": str(leerling_id), "vestigingscode": vestigingscode, "aanleverpunt_id": aanleverpunt_id},
    )
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


VELD_NAMEN = (
    ("contactnodig", "Contact nodig (mentor)", "optioneel"),
    ("contactpersoon", "Contactpersoon", "optioneel"),
    ("aandachtspunten", "Aandachtspunten", "optioneel"),
    ("overstapadvies", "Overstapadvies", "leerling"),
    ("categorie_uitlevering", "Meesturen per categorie (opt-out)", "optioneel"),
    ("document", "Bijlagen", "bijlagen"),
    ("bijlage", "Bijlagen", "bijlagen"),
    ("schoolloopbaan", "Schoolloopbaan van de leerling", "leerling"),
    ("verzorger", "Ouders/verzorgers", "leerling"),
    ("adres", "Adres", "leerling"),
    ("communicatie", "Telefoon/e-mail", "leerling"),
    ("geboortedatum", "Geboortedatum", "leerling"),
    ("achternaam", "Achternaam", "leerling"),
    ("voornamen", "Voornamen", "leerling"),
    ("onderwijsondersteuning", "Onderwijsondersteuning", "leerling"),
    ("diagnose", "Diagnose", "leerling"),
    ("verzuim", "Verzuim", "leerling"),
    ("toets", "Toetsresultaten", "leerling"),
    ("cijfer", "Cijferlijsten", "leerling"),
    ("huidigeschool", "Gegevens van de school", "school"),
    ("brincode", "BRIN van de school", "school"),
    ("aanleverpunt", "Aanleverpunt", "school"),
)


def bevinding(finding: dict[str, Any], dossier: dict[str, Any]) -> dict[str, str]:
    """A validation finding in plain Dutch: which field, what is wrong, and a link to where to fix it."""
    path = str(finding.get("path") or "")
    lower = path.lower()
    veld, plek = "Dossier", "leerling"
    for key, naam, waar in VELD_NAMEN:
        if key in lower:
            veld, plek = naam, waar
            break
    dossier_id = dossier.get("id")
    links = {
        "optioneel": (f"/dossiers/{dossier_id}/optioneel", "Naar Optionele gegevens"),
        "bijlagen": (f"/dossiers/{dossier_id}/bijlagen", "Naar Bijlagen"),
        "leerling": (
            f"/dossiers/{dossier_id}/gegevens",
            "Naar Dossiergegevens (wijzig de leerling in de leerlingadministratie)",
        ),
        "school": (
            f"/dossiers/{dossier_id}/gegevens",
            "Naar Dossiergegevens (schoolgegevens: vraag de schoolbeheerder)",
        ),
    }
    href, link_tekst = links[plek]
    return {
        "veld": veld,
        "ernst": "Fout" if str(finding.get("severity", "fout")) == "fout" else "Waarschuwing",
        "tekst": str(finding.get("message") or ""),
        "hint": str(finding.get("hint") or ""),
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
