"""Page responses of the portal: rendering with the common context, redirects, cookies, flash messages, error pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from itsdangerous import BadSignature, URLSafeSerializer

from oso_portal.accounts.service import Aangemeld
from oso_portal.problems import CsrfOngeldig, DienstFout, GeenToegang, NietAangemeld
from oso_portal.settings import Settings
from oso_portal.templating import templates
from oso_shared.auth import Rol

SESSIE_COOKIE = "oso_sessie"
MELDING_COOKIE = "oso_melding"
STARTPAGINA = {
    Rol.ZORGCOORDINATOR: "/leerlingen",
    Rol.BESTUURSBEHEERDER: "/bestuur",
    Rol.SWV_BEHEERDER: "/swv",
    Rol.SCHOOLBEHEERDER: "/school",
}
# Titles of the error page per backend status; any other status is shown as 502.
DIENST_FOUT_TITELS = {
    403: "Geen toegang",
    404: "Niet gevonden",
    409: "Dat kan nu niet",
    413: "Bestand te groot",
    503: "Dienst niet bereikbaar",
}


def redirect(request: Request, url: str) -> Response:
    """303 to ``url``; htmx requests get ``HX-Redirect`` so the whole page changes."""
    if request.headers.get("hx-request") == "true":
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


class Web:
    """Renders pages and sets the portal's cookies with its settings (secure flag, signing secret)."""

    def __init__(self, settings: Settings) -> None:
        self.cookie_secure = settings.cookie_secure
        self._meldingen = URLSafeSerializer(settings.auth_secret.get_secret_value(), salt="oso-portal-melding")

    def zet_cookie(self, response: Response, name: str, value: str, **kwargs: Any) -> None:
        """Set an HttpOnly cookie, Secure when the portal runs behind HTTPS."""
        response.set_cookie(name, value, httponly=True, secure=self.cookie_secure, **kwargs)

    def zet_melding(self, response: Response, soort: str, tekst: str) -> None:
        """Show ``tekst`` once on the next page (post/redirect/get); signed so it cannot be forged."""
        value = self._meldingen.dumps({"soort": soort, "tekst": tekst})
        self.zet_cookie(response, MELDING_COOKIE, value, samesite="lax", max_age=120)

    def lees_melding(self, request: Request) -> dict[str, str] | None:
        """The pending flash message, if any and untampered."""
        raw = request.cookies.get(MELDING_COOKIE)
        if not raw:
            return None
        try:
            data = self._meldingen.loads(raw)
        except BadSignature:
            return None
        if isinstance(data, dict) and isinstance(data.get("tekst"), str) and isinstance(data.get("soort"), str):
            return {"soort": data["soort"], "tekst": data["tekst"]}
        return None

    def render(
        self,
        request: Request,
        template: str,
        context: dict[str, Any] | None = None,
        *,
        gebruiker: Aangemeld | None = None,
        status_code: int = 200,
    ) -> HTMLResponse:
        """Render a page with the common context (user, CSRF token, flash message)."""
        melding = self.lees_melding(request)
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

    def foutpagina(
        self, request: Request, titel: str, uitleg: str, status_code: int, code: str | None = None
    ) -> Response:
        """The Dutch error page."""
        context: dict[str, Any] = {"titel": titel, "uitleg": uitleg}
        if code is not None:
            context["code"] = code
        return self.render(request, "fout.html", context, status_code=status_code)


def install_page_handlers(app: FastAPI, web: Web) -> None:
    """HTML answers for sign-in redirects, forbidden pages, CSRF failures, malformed requests and backend errors."""

    async def on_niet_aangemeld(request: Request, _: Exception) -> Response:
        volgende = request.url.path if request.method == "GET" else "/"
        return redirect(request, f"/aanmelden?volgende={quote(volgende, safe='/')}")

    async def on_geen_toegang(request: Request, _: Exception) -> Response:
        uitleg = "Deze pagina hoort niet bij jouw rol, school, bestuur of samenwerkingsverband."
        return web.foutpagina(request, "Geen toegang", uitleg, 403)

    async def on_csrf(request: Request, _: Exception) -> Response:
        uitleg = (
            "Het formulier was verlopen of kwam niet van deze site. Ga terug, vernieuw de pagina en "
            "probeer het opnieuw."
        )
        return web.foutpagina(request, "Formulier verlopen", uitleg, 403)

    async def on_ongeldig(request: Request, _: Exception) -> Response:
        # The portal's routes are pages, not an API: a malformed id or form gets a page, not JSON.
        uitleg = "De link of het formulier is onvolledig of ongeldig."
        return web.foutpagina(request, "Pagina of formulier klopt niet", uitleg, 422)

    async def on_dienst_fout(request: Request, exc: Exception) -> Response:
        # Unhandled backend errors: a Dutch page with the backend's own explanation.
        assert isinstance(exc, DienstFout)
        status = exc.upstream_status
        titel = DIENST_FOUT_TITELS.get(status, "Er ging iets mis")
        shown = status if status in DIENST_FOUT_TITELS or status in (400, 422) else 502
        return web.foutpagina(request, titel, exc.detail, shown, code=exc.instance_code)

    app.add_exception_handler(RequestValidationError, on_ongeldig)
    app.add_exception_handler(NietAangemeld, on_niet_aangemeld)
    app.add_exception_handler(GeenToegang, on_geen_toegang)
    app.add_exception_handler(CsrfOngeldig, on_csrf)
    app.add_exception_handler(DienstFout, on_dienst_fout)
