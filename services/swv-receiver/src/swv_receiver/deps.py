"""Typed FastAPI dependencies of the receiver: the only place besides ``main`` that reads ``app.state``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from oso_shared.app import state_dependency
from oso_shared.auth import Principal, Rol, require_roles
from oso_shared.db import SessionDep
from swv_receiver.problems import SwvNietBediend
from swv_receiver.settings import Settings
from swv_receiver.sleutels import Sleutelbos

# SWV staff signed in at the portal (user tokens come only from the identity provider); no dienst is let in.
_swv_beheerder = require_roles(Rol.SWV_BEHEERDER)


get_settings = state_dependency("settings", Settings)
# The signers of the aanleverpunten this system serves (built once in ``main``).
get_sleutelbos = state_dependency("sleutels", Sleutelbos)

SettingsDep = Annotated[Settings, Depends(get_settings)]
SleutelbosDep = Annotated[Sleutelbos, Depends(get_sleutelbos)]
PrincipalSwvDep = Annotated[Principal, Depends(_swv_beheerder)]


async def swv_gebruiker(principal: PrincipalSwvDep, sleutels: SleutelbosDep) -> str:
    """The caller's SWV code; refused when this system does not serve that SWV."""
    if principal.swv is None or principal.swv not in sleutels.swv_codes():
        raise SwvNietBediend("Dit systeem bedient jouw samenwerkingsverband niet.")
    return principal.swv


SwvDep = Annotated[str, Depends(swv_gebruiker)]

__all__ = ["PrincipalSwvDep", "SessionDep", "SettingsDep", "SleutelbosDep", "SwvDep", "get_settings", "get_sleutelbos"]
