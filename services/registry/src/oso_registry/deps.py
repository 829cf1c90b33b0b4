"""Typed FastAPI dependencies of the registry: the only place besides ``main`` that reads ``app.state``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from oso_registry.settings import Settings
from oso_shared.app import state_dependency
from oso_shared.auth import Principal, PrincipalDep, Rol, TokenService, get_token_service, require_roles
from oso_shared.db import SessionDep

get_settings = state_dependency("settings", Settings)


SettingsDep = Annotated[Settings, Depends(get_settings)]
TokensDep = Annotated[TokenService, Depends(get_token_service)]
DienstDep = Annotated[Principal, Depends(require_roles(Rol.DIENST))]
SchoolbeheerderDep = Annotated[Principal, Depends(require_roles(Rol.SCHOOLBEHEERDER))]
BestuurLezerDep = Annotated[Principal, Depends(require_roles(Rol.DIENST, Rol.BESTUURSBEHEERDER))]
ControleurDep = Annotated[Principal, Depends(require_roles(Rol.DIENST, Rol.ZORGCOORDINATOR, Rol.SCHOOLBEHEERDER))]

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
