"""Typed ``Depends`` getters of the dossier service: the only place besides ``main.py`` that reads ``app.state``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from oso_dossier.clients.registry import RegistryClient
from oso_dossier.crypto import PgnVersleuteling
from oso_dossier.problems import RechtOntbreekt, RolNietToegestaan
from oso_dossier.settings import Settings
from oso_shared.app import state_dependency
from oso_shared.auth import Principal, Rol, current_principal
from oso_shared.db import DatabaseDep, SessionDep

__all__ = [
    "DatabaseDep",
    "DienstDep",
    "PgnDep",
    "RegistryDep",
    "SessionDep",
    "SettingsDep",
    "ZorgcoordinatorDep",
]

RECHT_OVERDRACHTSDOSSIER = "overdrachtsdossier"


get_settings = state_dependency("settings", Settings)
get_registry = state_dependency("registry", RegistryClient)
get_pgn = state_dependency("pgn", PgnVersleuteling)


async def zorgcoordinator(request: Request) -> Principal:
    """The caller, who must be a zorgcoördinator with rights on Overdrachtsdossier for one school."""
    principal = await current_principal(request)
    if principal.rol is not Rol.ZORGCOORDINATOR or not principal.school:
        raise RolNietToegestaan("Alleen een zorgcoördinator van de school heeft toegang.")
    if RECHT_OVERDRACHTSDOSSIER not in principal.rechten:
        raise RechtOntbreekt("Je hebt geen rechten op Overdrachtsdossier.")
    return principal


# The one service whose events the internal routes take (the contract: gateway → dossier).
GEBEURTENIS_AFZENDER = "oso-gateway"


async def dienst(request: Request) -> Principal:
    """The caller, who must be the oso-gateway's ``dienst`` identity (events from its outbox)."""
    principal = await current_principal(request)
    if principal.dienst != GEBEURTENIS_AFZENDER:
        raise RolNietToegestaan("Alleen de oso-gateway meldt gebeurtenissen.")
    return principal


SettingsDep = Annotated[Settings, Depends(get_settings)]
RegistryDep = Annotated[RegistryClient, Depends(get_registry)]
PgnDep = Annotated[PgnVersleuteling, Depends(get_pgn)]
ZorgcoordinatorDep = Annotated[Principal, Depends(zorgcoordinator)]
DienstDep = Annotated[Principal, Depends(dienst)]


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
