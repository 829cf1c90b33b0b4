"""Presentation of leerlingen (data from the dossier service, see ``oso_portal.clients.dossier``)."""

from __future__ import annotations

from typing import Any


def volledige_naam(gegevens: dict[str, Any]) -> str:
    """Display name: roepnaam (or first given name), voorvoegsel, achternaam."""
    voornamen = gegevens.get("voornamen") or []
    voornaam = gegevens.get("roepnaam") or (voornamen[0] if voornamen else "")
    delen = [voornaam, gegevens.get("voorvoegsel") or "", gegevens.get("achternaam") or ""]
    return " ".join(d for d in delen if d)
