"""Typed dependencies of the gateway's routes; with ``main.py`` the only code that reads ``app.state``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from oso_gateway.clients.registry import RegistryClient
from oso_gateway.sessies.service import SwvPrincipal, verify_swv_token
from oso_gateway.settings import Settings
from oso_shared.app import state_dependency
from oso_shared.auth import Principal, TokenService, bearer_token, get_token_service, require_callers
from oso_shared.db import DatabaseDep, SessionDep

__all__ = ["DatabaseDep", "DienstDep", "RegistryDep", "SessionDep", "SettingsDep", "SwvDep", "TokensDep"]


get_settings = state_dependency("settings", Settings)
get_registry = state_dependency("registry", RegistryClient)  # one connection pool per app

SettingsDep = Annotated[Settings, Depends(get_settings)]
RegistryDep = Annotated[RegistryClient, Depends(get_registry)]
TokensDep = Annotated[TokenService, Depends(get_token_service)]
# Only the dossier service (its outbox) delivers: no user and no other service's dienst identity.
DienstDep = Annotated[Principal, Depends(require_callers(diensten=("dossier",)))]


async def current_swv(
    request: Request, registry: RegistryDep, database: DatabaseDep, settings: SettingsDep
) -> SwvPrincipal:
    """The SWV system calling this request (its aanleverpunt's EdDSA JWT)."""
    return await verify_swv_token(bearer_token(request), registry, database, settings)


SwvDep = Annotated[SwvPrincipal, Depends(current_swv)]
