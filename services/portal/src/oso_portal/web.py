"""Shared web plumbing: templates, the signed-in user, CSRF checks, flash messages and HTML error pages."""

from __future__ import annotations

import datetime as dt
import hmac
import json
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from itsdangerous import BadSignature, URLSafeSerializer

from oso_portal.accounts import service as accounts
from oso_portal.accounts.service import Aangemeld
from oso_portal.settings import Settings
from oso_shared.auth import Rol
from oso_shared.db import SessionDep

SESSIE_COOKIE = "oso_sessie"
MELDING_COOKIE = "oso_melding"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
ROL_NAMEN = {
    Rol.ZORGCOORDINATOR: "Zorgcoördinator",
    Rol.BESTUURSBEHEERDER: "Bestuursbeheerder",
    Rol.SWV_BEHEERDER: "SWV-beheerder",
    Rol.SCHOOLBEHEERDER: "Schoolbeheerder",
    Rol.DIENST: "Dienst",
}
STARTPAGINA = {
    Rol.ZORGCOORDINATOR: "/leerlingen",
    Rol.BESTUURSBEHEERDER: "/bestuur",
    Rol.SWV_BEHEERDER: "/swv",
    Rol.SCHOOLBEHEERDER: "/school",
}

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


def _als_datum(value: Any) -> dt.datetime | dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value
    text = str(value)
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def datum(value: Any) -> str:
    """Dutch date: ``23 november 2026``."""
    parsed = _als_datum(value)
    if parsed is None:
        return "—"
    if isinstance(parsed, dt.datetime):
        parsed = (parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)).astimezone(AMSTERDAM).date()
    return f"{parsed.day} {MAANDEN[parsed.month - 1]} {parsed.year}"


def datumtijd(value: Any) -> str:
    """Dutch date and time in Amsterdam time: ``23 november 2026, 15:04``."""
    parsed = _als_datum(value)
    if parsed is None:
        return "—"
    if not isinstance(parsed, dt.datetime):
        return datum(parsed)
    local = (parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)).astimezone(AMSTERDAM)
    return f"{local.day} {MAANDEN[local.month - 1]} {local.year}, {local:%H:%M}"


def bestandsgrootte(value: Any) -> str:
    """Human file size in Dutch notation."""
    try:
        size = float(value)
    except (TypeError, ValueError):
        return "—"
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            text = f"{size:.0f}" if unit == "bytes" else f"{size:.1f}".replace(".", ",")
            return f"{text} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


templates = Jinja2Templates(directory=str(TEMPLATE_DIR))
templates.env.filters["datum"] = datum
templates.env.filters["datumtijd"] = datumtijd
templates.env.filters["bestandsgrootte"] = bestandsgrootte
templates.env.globals["ROL_NAMEN"] = ROL_NAMEN


def settings_of(request: Request) -> Settings:
    """The portal settings stored on the app."""
    settings = request.app.state.settings
    assert isinstance(settings, Settings)
    return settings


class NietAangemeld(Exception):
    """No valid session: send the browser to the sign-in page."""


class GeenToegang(Exception):
    """Signed in, but this page is not for this role or scope."""


class CsrfOngeldig(Exception):
    """A form arrived without the session's CSRF token."""


async def optionele_gebruiker(request: Request, session: SessionDep) -> Aangemeld | None:
    """The signed-in user, or None."""
    token = request.cookies.get(SESSIE_COOKIE)
    if not token:
        return None
    gebruiker = await accounts.huidige(session, token, sessie_uren=settings_of(request).session_hours)
    # Error pages rendered by exception handlers still show the user's menu and sign-out button.
    request.state.gebruiker = gebruiker
    return gebruiker


async def huidige_gebruiker(
    gebruiker: Annotated[Aangemeld | None, Depends(optionele_gebruiker)],
) -> Aangemeld:
    """The signed-in user or a redirect to the sign-in page."""
    if gebruiker is None:
        raise NietAangemeld
    return gebruiker


GebruikerDep = Annotated[Aangemeld, Depends(huidige_gebruiker)]


def vereist_rol(*rollen: Rol) -> Callable[[Aangemeld], Coroutine[Any, Any, Aangemeld]]:
    """Dependency factory: the signed-in user must hold one of ``rollen``."""
    allowed = frozenset(rollen)

    async def dependency(gebruiker: GebruikerDep) -> Aangemeld:
        if gebruiker.rol not in allowed:
            raise GeenToegang
        return gebruiker

    return dependency


async def controleer_csrf(request: Request, gebruiker: GebruikerDep) -> Aangemeld:
    """Every state-changing request carries the session's CSRF token (form field or htmx header)."""
    sent = request.headers.get("x-csrf-token")
    if not sent:
        form = await request.form()
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, gebruiker.csrf_token):
        raise CsrfOngeldig
    return gebruiker


CsrfDep = Annotated[Aangemeld, Depends(controleer_csrf)]


def _serializer(request: Request) -> URLSafeSerializer:
    return URLSafeSerializer(settings_of(request).auth_secret.get_secret_value(), salt="oso-portal-melding")


def zet_melding(request: Request, response: Response, soort: str, tekst: str) -> None:
    """Show ``tekst`` once on the next page (post/redirect/get); signed so it cannot be forged."""
    value = _serializer(request).dumps({"soort": soort, "tekst": tekst})
    response.set_cookie(
        MELDING_COOKIE,
        value,
        httponly=True,
        samesite="lax",
        secure=settings_of(request).cookie_secure,
        max_age=120,
    )


def lees_melding(request: Request) -> dict[str, str] | None:
    """The pending flash message, if any and untampered."""
    raw = request.cookies.get(MELDING_COOKIE)
    if not raw:
        return None
    try:
        data = _serializer(request).loads(raw)
    except BadSignature:
        return None
    if isinstance(data, dict) and isinstance(data.get("tekst"), str) and isinstance(data.get("soort"), str):
        return {"soort": data["soort"], "tekst": data["tekst"]}
    return None


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    gebruiker: Aangemeld | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """Render a page with the common context (user, CSRF token, flash message)."""
    melding = lees_melding(request)
    if gebruiker is None:
        gebruiker = getattr(request.state, "gebruiker", None)
    ctx: dict[str, Any] = {
        "gebruiker": gebruiker,
        "csrf_token": gebruiker.csrf_token if gebruiker else "",
        "melding": melding,
        "htmx": request.headers.get("hx-request") == "true",
        **(context or {}),
    }
    response = templates.TemplateResponse(request, template, ctx, status_code=status_code)
    if melding is not None:
        response.delete_cookie(MELDING_COOKIE)
    response.headers["cache-control"] = "no-store"
    return response


def redirect(request: Request, url: str) -> Response:
    """303 to ``url``; htmx requests get ``HX-Redirect`` so the whole page changes."""
    if request.headers.get("hx-request") == "true":
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


def json_attr(value: Any) -> str:
    """JSON for an HTML attribute (htmx ``hx-headers``)."""
    return json.dumps(value, separators=(",", ":"))


templates.env.filters["json_attr"] = json_attr


def install_page_handlers(app: FastAPI) -> None:
    """HTML answers for sign-in redirects, forbidden pages and CSRF failures."""

    async def on_niet_aangemeld(request: Request, _: Exception) -> Response:
        volgende = request.url.path if request.method == "GET" else "/"
        return redirect(request, f"/aanmelden?volgende={quote(volgende, safe='/')}")

    async def on_geen_toegang(request: Request, _: Exception) -> Response:
        return render(
            request,
            "fout.html",
            {
                "titel": "Geen toegang",
                "uitleg": "Deze pagina hoort niet bij jouw rol, school, bestuur of samenwerkingsverband.",
            },
            status_code=403,
        )

    async def on_csrf(request: Request, _: Exception) -> Response:
        return render(
            request,
            "fout.html",
            {
                "titel": "Formulier verlopen",
                "uitleg": "Het formulier was verlopen of kwam niet van deze site. Ga terug, vernieuw de pagina en "
                "probeer het opnieuw.",
            },
            status_code=403,
        )

    async def on_ongeldig(request: Request, _: Exception) -> Response:
        # The portal's routes are pages, not an API: a malformed id or form gets a page, not JSON.
        return render(
            request,
            "fout.html",
            {
                "titel": "Pagina of formulier klopt niet",
                "uitleg": "De link of het formulier is onvolledig of ongeldig.",
            },
            status_code=422,
        )

    app.add_exception_handler(RequestValidationError, on_ongeldig)
    app.add_exception_handler(NietAangemeld, on_niet_aangemeld)
    app.add_exception_handler(GeenToegang, on_geen_toegang)
    app.add_exception_handler(CsrfOngeldig, on_csrf)
