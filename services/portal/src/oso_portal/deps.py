"""Typed FastAPI dependencies of the portal: settings, page rendering, backend clients, the signed-in user, roles.

The ``app.state`` getters (``oso_shared.app.state_dependency``) live here; only ``main.py`` touches it otherwise.
"""

from __future__ import annotations

import datetime as dt
import hmac
import uuid
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from oso_portal.accounts import service as accounts
from oso_portal.accounts.service import Aangemeld
from oso_portal.clients.dossier import DossierClient
from oso_portal.clients.registry import RegistryClient
from oso_portal.problems import CsrfOngeldig, GeenToegang, NietAangemeld
from oso_portal.settings import Settings
from oso_portal.web import SESSIE_COOKIE, Web, redirect
from oso_shared.app import state_dependency
from oso_shared.auth import Rol, TokenService, get_token_service
from oso_shared.db import DatabaseDep, SessionDep

CSRF_HEADER = "x-csrf-token"
URLENCODED = "application/x-www-form-urlencoded"

get_settings = state_dependency("settings", Settings)
get_web = state_dependency("web", Web)
get_registry = state_dependency("registry", RegistryClient)
get_dossier = state_dependency("dossier", DossierClient)

SettingsDep = Annotated[Settings, Depends(get_settings)]
WebDep = Annotated[Web, Depends(get_web)]
RegistryDep = Annotated[RegistryClient, Depends(get_registry)]
DossierDep = Annotated[DossierClient, Depends(get_dossier)]
# The portal's token service (it signs the user tokens; ``sleutels`` is the JWKS it publishes).
TokensDep = Annotated[TokenService, Depends(get_token_service)]


async def optionele_gebruiker(request: Request, session: SessionDep, settings: SettingsDep) -> Aangemeld | None:
    """The signed-in user, or None."""
    token = request.cookies.get(SESSIE_COOKIE)
    if not token:
        return None
    gebruiker = await accounts.huidige(
        session, token, sessie_uren=settings.session_hours, max_uren=settings.session_max_hours
    )
    # Error pages rendered by exception handlers still show the user's menu and sign-out button.
    request.state.gebruiker = gebruiker
    return gebruiker


OptioneleGebruikerDep = Annotated[Aangemeld | None, Depends(optionele_gebruiker)]


async def huidige_gebruiker(gebruiker: OptioneleGebruikerDep) -> Aangemeld:
    """The signed-in user or a redirect to the sign-in page."""
    if gebruiker is None:
        raise NietAangemeld
    return gebruiker


GebruikerDep = Annotated[Aangemeld, Depends(huidige_gebruiker)]


def client_adres(request: Request, settings: Settings) -> str:
    """The client's address: the last entry of the ingress's header when configured, else the TCP peer."""
    if settings.client_address_header:
        # The ingress appends the address it saw; entries before it are the client's own claims.
        waarde = request.headers.get(settings.client_address_header, "")
        if laatste := waarde.rsplit(",", 1)[-1].strip():
            return laatste
    return request.client.host if request.client else "onbekend"


async def aanmeldpoging(
    request: Request,
    database: DatabaseDep,
    settings: SettingsDep,
    gebruikersnaam: Annotated[str, Form(max_length=80)],
) -> list[uuid.UUID] | None:
    """This sign-in attempt counted against the rate limits, or None when a limit is full.

    Counted in a short transaction of its own, committed before the password is checked, so concurrent
    attempts see each other's count and a wrong attempt keeps counting whatever the request does next.
    """
    async with database.transaction() as apart:
        return await accounts.tel_poging(
            apart,
            gebruikersnaam,
            client_adres(request, settings),
            venster=dt.timedelta(minutes=settings.login_window_minutes),
            max_per_account=settings.login_max_per_account,
            max_per_adres=settings.login_max_per_address,
        )


AanmeldpogingDep = Annotated[list[uuid.UUID] | None, Depends(aanmeldpoging)]


def vereist_rol(*rollen: Rol) -> Callable[[Aangemeld], Coroutine[Any, Any, Aangemeld]]:
    """Dependency factory: the signed-in user must hold one of ``rollen``."""
    allowed = frozenset(rollen)

    async def dependency(gebruiker: GebruikerDep) -> Aangemeld:
        if gebruiker.rol not in allowed:
            raise GeenToegang
        return gebruiker

    return dependency


def csrf_klopt(sent: str | None, gebruiker: Aangemeld) -> bool:
    """Whether ``sent`` is this session's CSRF token (constant-time)."""
    return bool(sent) and hmac.compare_digest(str(sent), gebruiker.csrf_token)


async def controleer_csrf(request: Request, gebruiker: GebruikerDep) -> Aangemeld:
    """Every state-changing request carries the session's CSRF token: the htmx header, checked before any body.

    Without JavaScript a form can only send the field: that fallback reads only small urlencoded forms (the
    body limit caps them); any other body without the header is refused unread. Uploads check their own way.
    """
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(URLENCODED):
        value = (await request.form()).get("csrf_token")
        sent = value if isinstance(value, str) else None
    if not csrf_klopt(sent, gebruiker):
        raise CsrfOngeldig
    return gebruiker


CsrfDep = Annotated[Aangemeld, Depends(controleer_csrf)]


async def zorgcoordinator(gebruiker: Annotated[Aangemeld, Depends(vereist_rol(Rol.ZORGCOORDINATOR))]) -> Aangemeld:
    """A zorgcoördinator with rights on Overdrachtsdossier."""
    if not gebruiker.mag_overdrachtsdossier:
        raise GeenToegang
    return gebruiker


ZorgcoordinatorDep = Annotated[Aangemeld, Depends(zorgcoordinator)]
BestuurDep = Annotated[Aangemeld, Depends(vereist_rol(Rol.BESTUURSBEHEERDER))]
SwvBeheerderDep = Annotated[Aangemeld, Depends(vereist_rol(Rol.SWV_BEHEERDER))]
SchoolbeheerderDep = Annotated[Aangemeld, Depends(vereist_rol(Rol.SCHOOLBEHEERDER))]


class Zorgpagina:
    """What every page of the zorgcoördinator needs: the request, the user, the dossier service and rendering."""

    def __init__(self, request: Request, gebruiker: ZorgcoordinatorDep, dossierdienst: DossierDep, web: WebDep) -> None:
        self.request = request
        self.gebruiker = gebruiker
        self.dossierdienst = dossierdienst
        self.web = web

    def render(self, template: str, context: dict[str, Any], *, status_code: int = 200) -> HTMLResponse:
        """Render ``template`` for this user."""
        return self.web.render(self.request, template, context, gebruiker=self.gebruiker, status_code=status_code)

    def redirect(self, url: str, melding: tuple[str, str] | None = None) -> Response:
        """303 to ``url`` (``HX-Redirect`` for htmx), optionally with a flash message ``(soort, tekst)``."""
        response = redirect(self.request, url)
        if melding is not None:
            self.web.zet_melding(response, *melding)
        return response


ZorgpaginaDep = Annotated[Zorgpagina, Depends()]
