"""SWV-beheerder: registering schools (step 1) and their readiness, via the registry API."""

from __future__ import annotations

from typing import Any

from oso_portal.accounts.service import Aangemeld
from oso_portal.backend import Backend


async def swv(backend: Backend, gebruiker: Aangemeld) -> dict[str, Any]:
    """The user's SWV with its aanleverpunten."""
    result = await backend.get(gebruiker, "registry", f"/v1/swvs/{gebruiker.swv}")
    assert isinstance(result, dict)
    return result


async def registraties(backend: Backend, gebruiker: Aangemeld) -> list[dict[str, Any]]:
    """The schools the SWV registered, each with the readiness of the three steps."""
    result = await backend.get(gebruiker, "registry", f"/v1/swvs/{gebruiker.swv}/registraties")
    return sorted(result or [], key=lambda r: str(r.get("brin")))


async def registreer(backend: Backend, gebruiker: Aangemeld, brin: str) -> bool:
    """Register a school by BRIN4 or a vestiging by BRIN6; False when it was registered already."""
    response = await backend.raw(
        gebruiker, "registry", "POST", f"/v1/swvs/{gebruiker.swv}/registraties", json={"brin": brin}
    )
    return response.status_code == 201


async def deregistreer(backend: Backend, gebruiker: Aangemeld, brin: str) -> None:
    """Remove a registration."""
    await backend.raw(gebruiker, "registry", "DELETE", f"/v1/swvs/{gebruiker.swv}/registraties/{brin}")


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
