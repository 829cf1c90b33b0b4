"""Who may work with leerlingen and dossiers: a zorgcoördinator of the school with the right ``overdrachtsdossier``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from oso_shared.auth import Principal, Rol, current_principal
from oso_shared.problems import Forbidden

RECHT_OVERDRACHTSDOSSIER = "overdrachtsdossier"


async def zorgcoordinator(request: Request) -> Principal:
    """The caller, who must be a zorgcoördinator with rights on Overdrachtsdossier for one school."""
    principal = await current_principal(request)
    if principal.rol is not Rol.ZORGCOORDINATOR or not principal.school:
        raise Forbidden("Alleen een zorgcoördinator van de school heeft toegang.", code="ROL_NIET_TOEGESTAAN")
    if RECHT_OVERDRACHTSDOSSIER not in principal.rechten:
        raise Forbidden("Je hebt geen rechten op Overdrachtsdossier.", code="RECHT_OVERDRACHTSDOSSIER_ONTBREEKT")
    return principal


async def dienst(request: Request) -> Principal:
    """The caller, who must be another service (role ``dienst``)."""
    principal = await current_principal(request)
    if principal.rol is not Rol.DIENST:
        raise Forbidden("Alleen voor diensten.", code="ROL_NIET_TOEGESTAAN")
    return principal


ZorgcoordinatorDep = Annotated[Principal, Depends(zorgcoordinator)]
DienstDep = Annotated[Principal, Depends(dienst)]
