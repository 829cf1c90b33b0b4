"""SWV-beheerder: registering schools (step 1) and their readiness in plain Dutch."""

from __future__ import annotations

from typing import Any

from oso_portal.clients.registry import Registratie


def rijen(registraties: list[Registratie]) -> list[tuple[Registratie, list[str]]]:
    """Registrations by BRIN, each with its missing setup items."""
    return [(r, ontbrekend(r.gereedheid or {})) for r in sorted(registraties, key=lambda r: r.brin)]


def ontbrekend(gereedheid: dict[str, Any]) -> list[str]:
    """The missing setup items of one registration in plain Dutch, with who must act."""
    items: list[str] = []
    if not gereedheid.get("school_bekend", True):
        items.append("School staat niet in het register (extern of onbekend): het bestuur moet de school aanmelden.")
    if not gereedheid.get("stap1_geregistreerd_bij_swv", True):
        items.append("Stap 1: school niet geregistreerd bij het samenwerkingsverband (SWV).")
    if not gereedheid.get("stap2_mandaat_schoolsysteem", True):
        items.append("Stap 2: mandaat OSO-SWV voor het schoolsysteem ontbreekt (bestuur).")
    if not gereedheid.get("stap2_mandaat_swv_systeem", True):
        items.append("Stap 2: mandaat OSO-SWV voor het SWV-systeem ontbreekt (bestuur).")
    if not gereedheid.get("stap3_brin_geregistreerd", True):
        items.append("Stap 3: BRIN niet geregistreerd voor OSO-SWV (school).")
    if not gereedheid.get("stap3_aanleverpunt_ingesteld", True):
        missing = ", ".join(gereedheid.get("ontbrekende_aanleverpunten") or [])
        items.append(f"Stap 3: aanleverpunt niet ingesteld{f' voor {missing}' if missing else ''} (school).")
    return items
