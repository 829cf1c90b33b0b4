"""Reading leerlingen from the dossier service for the signed-in zorgcoördinator."""

from __future__ import annotations

import uuid
from typing import Any

from oso_portal.accounts.service import Aangemeld
from oso_portal.backend import Backend


async def lijst(backend: Backend, gebruiker: Aangemeld) -> list[dict[str, Any]]:
    """Leerlingen of the user's school (the dossier service scopes by the token's school)."""
    result = await backend.get(gebruiker, "dossier", "/v1/leerlingen")
    return list(result or [])


async def haal(backend: Backend, gebruiker: Aangemeld, leerling_id: uuid.UUID) -> dict[str, Any]:
    """One leerling of the user's school."""
    result = await backend.get(gebruiker, "dossier", f"/v1/leerlingen/{leerling_id}")
    assert isinstance(result, dict)
    return result


def volledige_naam(gegevens: dict[str, Any]) -> str:
    """Display name: roepnaam (or first given name), voorvoegsel, achternaam."""
    voornamen = gegevens.get("voornamen") or []
    voornaam = gegevens.get("roepnaam") or (voornamen[0] if voornamen else "")
    delen = [voornaam, gegevens.get("voorvoegsel") or "", gegevens.get("achternaam") or ""]
    return " ".join(d for d in delen if d)
