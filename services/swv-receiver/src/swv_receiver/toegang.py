"""Who may use the SWV user API: an swv-beheerder of an SWV this system serves."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from oso_shared.auth import Principal, Rol, require_roles
from oso_shared.problems import Forbidden
from swv_receiver.sleutels import Sleutelbos

_swv_beheerder = require_roles(Rol.SWV_BEHEERDER)


class SwvNietBediend(Forbidden):
    code = "SWV_NIET_BEDIEND"
    title = "Samenwerkingsverband niet bediend"


async def swv_gebruiker(request: Request, principal: Annotated[Principal, Depends(_swv_beheerder)]) -> str:
    """The caller's SWV code; refused when this system does not serve that SWV."""
    sleutels: Sleutelbos = request.app.state.sleutels
    if principal.swv is None or principal.swv not in sleutels.swv_codes():
        raise SwvNietBediend("Dit systeem bedient jouw samenwerkingsverband niet.")
    return principal.swv


SwvDep = Annotated[str, Depends(swv_gebruiker)]
PrincipalSwvDep = Annotated[Principal, Depends(_swv_beheerder)]
