"""Sign-in, sign-out and the start page per role."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from oso_portal.accounts import service
from oso_portal.deps import AanmeldpogingDep, CsrfDep, OptioneleGebruikerDep, SettingsDep, WebDep
from oso_portal.problems import AanmeldenMislukt, CsrfOngeldig
from oso_portal.web import SESSIE_COOKIE, STARTPAGINA, Web, redirect
from oso_shared.db import SessionDep

router = APIRouter(include_in_schema=False)

LOGIN_CSRF_COOKIE = "oso_aanmeld_csrf"
# One message for a wrong name, a wrong password, a paused account and a full rate limit: no account probing.
FOUT_AANMELDEN = (
    "De gebruikersnaam of het wachtwoord klopt niet, of het account is tijdelijk geblokkeerd. "
    "Probeer het over een paar minuten opnieuw."
)


def _veilige_volgende(volgende: str | None) -> str | None:
    # Only local paths: an open redirect would let a phishing link bounce through our sign-in.
    if volgende and volgende.startswith("/") and not volgende.startswith("//") and "\\" not in volgende:
        return volgende
    return None


@router.get("/")
async def start(gebruiker: OptioneleGebruikerDep, request: Request) -> Response:
    """Send the user to the start page of their role."""
    if gebruiker is None:
        return redirect(request, "/aanmelden")
    return redirect(request, STARTPAGINA.get(gebruiker.rol, "/aanmelden"))


def _aanmeldpagina(web: Web, request: Request, volgende: str | None, fout: str | None, status_code: int) -> Response:
    token = secrets.token_urlsafe(32)
    response = web.render(
        request,
        "aanmelden.html",
        {"login_csrf": token, "volgende": _veilige_volgende(volgende) or "", "fout": fout},
        status_code=status_code,
    )
    web.zet_cookie(response, LOGIN_CSRF_COOKIE, token, samesite="strict", path="/aanmelden")
    return response


@router.get("/aanmelden")
async def aanmelden_form(
    request: Request,
    gebruiker: OptioneleGebruikerDep,
    web: WebDep,
    volgende: str | None = None,
) -> Response:
    """The sign-in form."""
    if gebruiker is not None:
        return redirect(request, _veilige_volgende(volgende) or STARTPAGINA.get(gebruiker.rol, "/"))
    return _aanmeldpagina(web, request, volgende, None, 200)


@router.post("/aanmelden")
async def aanmelden(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    web: WebDep,
    gebruikersnaam: Annotated[str, Form(max_length=80)],
    wachtwoord: Annotated[str, Form(max_length=200)],
    csrf_token: Annotated[str, Form(max_length=100)],
    pogingen: AanmeldpogingDep,
    volgende: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Check the credentials and start a session (double-submit CSRF: the form field must match the cookie)."""
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie, csrf_token):
        raise CsrfOngeldig
    if pogingen is None:
        # Too many wrong attempts for this name or from this address: refused without checking the password.
        return _aanmeldpagina(web, request, volgende, FOUT_AANMELDEN, 429)
    try:
        token = await service.aanmelden(
            session,
            gebruikersnaam,
            wachtwoord,
            pogingen=pogingen,
            sessie_uren=settings.session_hours,
            max_pogingen=settings.login_max_failures,
            pauze_minuten=settings.login_pause_minutes,
        )
    except AanmeldenMislukt:
        return _aanmeldpagina(web, request, volgende, FOUT_AANMELDEN, 401)
    response = redirect(request, _veilige_volgende(volgende) or "/")
    # The cookie lives as long as the session can (the absolute lifetime); the server enforces both limits.
    web.zet_cookie(response, SESSIE_COOKIE, token, samesite="lax", max_age=settings.session_max_hours * 3600)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/aanmelden")
    return response


@router.post("/afmelden")
async def afmelden(request: Request, session: SessionDep, _: CsrfDep) -> Response:
    """End the session and clear the cookie."""
    token = request.cookies.get(SESSIE_COOKIE)
    if token:
        await service.afmelden(session, token)
    response = redirect(request, "/aanmelden?afgemeld=1")
    response.delete_cookie(SESSIE_COOKIE)
    return response
