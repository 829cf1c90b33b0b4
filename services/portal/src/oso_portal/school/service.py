"""Schoolbeheerder: the school's registry settings (aanleverpunt, OSO-SWV registration) via the registry API."""

from __future__ import annotations

from typing import Any

from oso_portal.accounts.service import Aangemeld
from oso_portal.backend import Backend


async def school(backend: Backend, gebruiker: Aangemeld) -> dict[str, Any]:
    """The user's school with its vestigingen as the registry knows it."""
    result = await backend.get(gebruiker, "registry", f"/v1/scholen/{gebruiker.school}")
    assert isinstance(result, dict)
    return result


async def zet_aanleverpunt(backend: Backend, gebruiker: Aangemeld, vestigingscode: str, nummer: int) -> None:
    """Set the location's OSO aanleverpuntnummer (step 3)."""
    await backend.json(
        gebruiker,
        "registry",
        "PUT",
        f"/v1/scholen/{gebruiker.school}/vestigingen/{vestigingscode}/aanleverpunt",
        json={"aanleverpuntnummer": nummer},
    )


async def registreer_oso_swv(backend: Backend, gebruiker: Aangemeld) -> None:
    """Register the school's BRIN for OSO-SWV (step 3)."""
    await backend.json(gebruiker, "registry", "PUT", f"/v1/scholen/{gebruiker.school}/oso-swv-registratie")
