"""Dependencies of leerlingimporten: who may import or read, and the school's vestigingen from the registry.

Kept in this package until the dossier's own ``deps.py`` (issue 12) exists; the integrator may fold it in.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from oso_dossier.leerlingimporten.problems import GeenSchoolbeheerder
from oso_dossier.registry import RegistryClient
from oso_shared.auth import Principal, Rol, current_principal


async def schoolbeheerder(request: Request) -> Principal:
    """The caller, who must be the schoolbeheerder of one school (imports, inrichting verwijderen)."""
    principal = await current_principal(request)
    if principal.rol is not Rol.SCHOOLBEHEERDER or not principal.school:
        raise GeenSchoolbeheerder("Alleen de schoolbeheerder van de school mag importeren.")
    return principal


async def lezer(request: Request) -> Principal:
    """The caller, a schoolbeheerder or zorgcoördinator of one school (reads imports and the inrichting)."""
    principal = await current_principal(request)
    if principal.rol not in {Rol.SCHOOLBEHEERDER, Rol.ZORGCOORDINATOR} or not principal.school:
        raise GeenSchoolbeheerder("Alleen de schoolbeheerder of een zorgcoördinator van de school.")
    return principal


def registry(request: Request) -> RegistryClient:
    """The app's registry client."""
    client = request.app.state.registry
    assert isinstance(client, RegistryClient)
    return client


SchoolbeheerderDep = Annotated[Principal, Depends(schoolbeheerder)]
LezerDep = Annotated[Principal, Depends(lezer)]
RegistryDep = Annotated[RegistryClient, Depends(registry)]
