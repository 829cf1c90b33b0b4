"""Typed FastAPI dependencies of the registry: the only place besides ``main`` that reads ``app.state``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from oso_registry.settings import Settings
from oso_shared.app import state_dependency
from oso_shared.auth import Principal, Rol, TokenService, get_token_service, require_callers
from oso_shared.db import SessionDep

get_settings = state_dependency("settings", Settings)


SettingsDep = Annotated[Settings, Depends(get_settings)]
TokensDep = Annotated[TokenService, Depends(get_token_service)]

# The services that call the registry (contracts.md): the dossier service and the oso-gateway. No other
# service's dienst identity is let in anywhere; the receiver has none.
AANROEPERS = ("dossier", "oso-gateway")
GEBRUIKERSROLLEN = tuple(rol for rol in Rol if rol is not Rol.DIENST)

# Any user, or one of the calling services (the routes check scope themselves, oso_registry.toegang).
PrincipalDep = Annotated[Principal, Depends(require_callers(diensten=AANROEPERS, rollen=GEBRUIKERSROLLEN))]
# Endpoint, OIN and public key of an aanleverpunt: only the gateway verifies SWV tokens with them.
DienstDep = Annotated[Principal, Depends(require_callers(diensten=("oso-gateway",)))]
SchoolbeheerderDep = Annotated[Principal, Depends(require_callers(rollen=(Rol.SCHOOLBEHEERDER,)))]
BestuurLezerDep = Annotated[Principal, Depends(require_callers(diensten=AANROEPERS, rollen=(Rol.BESTUURSBEHEERDER,)))]
ControleurDep = Annotated[
    Principal,
    Depends(require_callers(diensten=AANROEPERS, rollen=(Rol.ZORGCOORDINATOR, Rol.SCHOOLBEHEERDER))),
]

__all__ = [
    "BestuurLezerDep",
    "ControleurDep",
    "DienstDep",
    "PrincipalDep",
    "SchoolbeheerderDep",
    "SessionDep",
    "SettingsDep",
    "TokensDep",
    "get_settings",
]
