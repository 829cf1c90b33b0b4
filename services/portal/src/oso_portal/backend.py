"""Calls to the other services' APIs on behalf of the signed-in user (the portal has no data of its own).

Each call carries a short-lived bearer token minted for the user's role and scope, so the backends apply
their own authorization; the portal never widens what a user may see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Any

import httpx
import structlog
from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response

from oso_portal.accounts.service import Aangemeld
from oso_portal.settings import Settings
from oso_shared.auth import TokenService

log = structlog.get_logger(__name__)


@dataclass
class BackendFout(Exception):
    """A backend answered with an error (problem+json) or could not be reached."""

    dienst: str
    status: int
    code: str
    detail: str
    body: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.dienst} {self.status} {self.code}"


DIENST_NAMEN = {"registry": "het register", "dossier": "de dossierdienst"}


class Backend:
    """One pooled httpx client per backend service."""

    def __init__(
        self, settings: Settings, tokens: TokenService, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self._tokens = tokens
        self._ttl = dt.timedelta(minutes=settings.backend_token_minutes)
        timeout = httpx.Timeout(settings.http_timeout_seconds, write=120.0)
        self._clients = {
            "registry": httpx.AsyncClient(base_url=settings.registry_url, timeout=timeout, transport=transport),
            "dossier": httpx.AsyncClient(base_url=settings.dossier_url, timeout=timeout, transport=transport),
        }

    async def aclose(self) -> None:
        """Close the connection pools."""
        for client in self._clients.values():
            await client.aclose()

    def _headers(self, gebruiker: Aangemeld, extra: dict[str, str] | None) -> dict[str, str]:
        token = self._tokens.issue(gebruiker.principal(), self._ttl)
        return {"authorization": f"Bearer {token}", "accept": "application/json", **(extra or {})}

    async def raw(
        self,
        gebruiker: Aangemeld,
        dienst: str,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """Send one request; raises BackendFout for transport errors and error statuses."""
        client = self._clients[dienst]
        try:
            response = await client.request(method, path, headers=self._headers(gebruiker, headers), **kwargs)
        except httpx.HTTPError as exc:
            log.warning("backend_onbereikbaar", dienst=dienst, error_type=type(exc).__name__)
            raise BackendFout(
                dienst,
                503,
                "DIENST_NIET_BEREIKBAAR",
                f"{DIENST_NAMEN.get(dienst, dienst).capitalize()} is nu niet bereikbaar. Probeer het zo opnieuw.",
            ) from exc
        if response.status_code >= 400:
            body: dict[str, Any] = {}
            try:
                parsed = response.json()
                if isinstance(parsed, dict):
                    body = parsed
            except ValueError:
                pass
            raise BackendFout(
                dienst,
                response.status_code,
                str(body.get("code", f"HTTP_{response.status_code}")),
                str(body.get("detail") or body.get("title") or "De aanvraag is niet gelukt."),
                body,
            )
        return response

    async def json(self, gebruiker: Aangemeld, dienst: str, method: str, path: str, **kwargs: Any) -> Any:
        """Send one request and return the JSON body (None for an empty body)."""
        response = await self.raw(gebruiker, dienst, method, path, **kwargs)
        if not response.content:
            return None
        return response.json()

    async def get(self, gebruiker: Aangemeld, dienst: str, path: str, **kwargs: Any) -> Any:
        """GET JSON."""
        return await self.json(gebruiker, dienst, "GET", path, **kwargs)

    async def post(self, gebruiker: Aangemeld, dienst: str, path: str, **kwargs: Any) -> Any:
        """POST and return JSON."""
        return await self.json(gebruiker, dienst, "POST", path, **kwargs)


def get_backend(request: Request) -> Backend:
    """The app's backend clients."""
    backend = request.app.state.backend
    assert isinstance(backend, Backend)
    return backend


BackendDep = Annotated[Backend, Depends(get_backend)]


def install_backend_handler(app: FastAPI) -> None:
    """Unhandled backend errors become a Dutch HTML page with the backend's own explanation."""
    from oso_portal.web import render

    titels = {
        403: "Geen toegang",
        404: "Niet gevonden",
        409: "Dat kan nu niet",
        413: "Bestand te groot",
        503: "Dienst niet bereikbaar",
    }

    async def on_backend(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, BackendFout)
        status = exc.status if exc.status in titels or exc.status in (400, 422) else 502
        return render(
            request,
            "fout.html",
            {"titel": titels.get(exc.status, "Er ging iets mis"), "uitleg": exc.detail, "code": exc.code},
            status_code=status,
        )

    app.add_exception_handler(BackendFout, on_backend)
