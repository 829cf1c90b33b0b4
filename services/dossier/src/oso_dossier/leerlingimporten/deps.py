"""Who may use leerlingimporten: the schoolbeheerder of the school imports; a zorgcoördinator also reads.

Only role checks (no ``app.state``): the registry client comes from ``oso_dossier.deps``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from oso_dossier.problems import RolNietToegestaan
from oso_shared.auth import Principal, Rol, current_principal


async def schoolbeheerder(request: Request) -> Principal:
    """The caller, who must be the schoolbeheerder of one school (imports, inrichting verwijderen)."""
    principal = await current_principal(request)
    if principal.rol is not Rol.SCHOOLBEHEERDER or not principal.school:
        raise RolNietToegestaan("Alleen de schoolbeheerder van de school mag importeren.")
    return principal


async def lezer(request: Request) -> Principal:
    """The caller, a schoolbeheerder or zorgcoördinator of one school (reads imports and the inrichting)."""
    principal = await current_principal(request)
    if principal.rol not in {Rol.SCHOOLBEHEERDER, Rol.ZORGCOORDINATOR} or not principal.school:
        raise RolNietToegestaan("Alleen de schoolbeheerder of een zorgcoördinator van de school.")
    return principal


SchoolbeheerderDep = Annotated[Principal, Depends(schoolbeheerder)]
LezerDep = Annotated[Principal, Depends(lezer)]
