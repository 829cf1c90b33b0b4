"""Typed FastAPI dependencies of the receiver: the only place besides ``main`` that reads ``app.state``."""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import Depends, Request

from oso_shared.auth import Principal, Rol, require_roles
from oso_shared.db import SessionDep
from swv_receiver.problems import SwvNietBediend
from swv_receiver.settings import Settings
from swv_receiver.sleutels import Sleutelbos

_swv_beheerder = require_roles(Rol.SWV_BEHEERDER)


T = TypeVar("T")


def _state(request: Request, name: str, kind: type[T]) -> T:
    value = getattr(request.app.state, name)
    assert isinstance(value, kind), f"app.state.{name} is set by main.create_app"
    return value


def get_settings(request: Request) -> Settings:
    """The app's settings."""
    return _state(request, "settings", Settings)


def get_sleutelbos(request: Request) -> Sleutelbos:
    """The signers of the aanleverpunten this system serves (built once in ``main``)."""
    return _state(request, "sleutels", Sleutelbos)


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
