"""What both backend clients share: the user's bearer token per call, typed answers and one error type.

Each call carries a short-lived bearer token minted for the signed-in user's role and scope, so the backends
apply their own authorization; the portal never widens what a user may see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any, ClassVar, TypeVar

import httpx
import structlog
from pydantic import BaseModel, ConfigDict, ValidationError

from oso_portal.accounts.service import Aangemeld
from oso_portal.problems import DienstFout
from oso_shared.auth import TokenService
from oso_shared.http import InvalidResponse, ServiceClient, ServiceError, ServiceUnavailable

log = structlog.get_logger(__name__)

M = TypeVar("M", bound=BaseModel)

DIENST_NAMEN = {"registry": "het register", "dossier": "de dossierdienst"}
JSON = {"accept": "application/json"}


class Antwoord(BaseModel):
    """A backend answer as the portal reads it: typed fields it uses, the rest kept for the templates."""

    model_config = ConfigDict(extra="allow")


class GebruikerClient:
    """One backend service called on behalf of the signed-in user."""

    dienst: ClassVar[str]

    def __init__(
        self,
        service: ServiceClient,
        tokens: TokenService,
        *,
        token_ttl: dt.timedelta,
        upload_timeout: httpx.Timeout,
    ) -> None:
        self.service = service
        self.upload_timeout = upload_timeout
        self._tokens = tokens
        self._ttl = token_ttl

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self.service.aclose()

    def bearer(self, gebruiker: Aangemeld) -> str:
        """A short-lived token for this user's role and scope, addressed to this backend only."""
        return self._tokens.issue(gebruiker.principal(), self._ttl, audience=self.dienst)

    def _fout(self, status: int | None, problem: dict[str, Any]) -> DienstFout:
        if status is None:
            naam = DIENST_NAMEN.get(self.dienst, self.dienst).capitalize()
            detail = f"{naam} is nu niet bereikbaar. Probeer het zo opnieuw."
            return DienstFout(self.dienst, 503, "DIENST_NIET_BEREIKBAAR", detail)
        return DienstFout(
            self.dienst,
            status,
            str(problem.get("code") or f"HTTP_{status}"),
            str(problem.get("detail") or problem.get("title") or "De aanvraag is niet gelukt."),
            problem,
        )

    def _vertaal(self, exc: ServiceError) -> DienstFout:
        if isinstance(exc, InvalidResponse):
            log.warning("backend_onverwacht_antwoord", dienst=self.dienst, status=exc.status)
            return self._fout(502, {"code": "ONVERWACHT_ANTWOORD"})
        if isinstance(exc, ServiceUnavailable) and exc.status is None:
            log.warning("backend_onbereikbaar", dienst=self.dienst, error_type=type(exc.__cause__).__name__)
        return self._fout(exc.status, exc.problem)

    async def get(self, gebruiker: Aangemeld, url: str, model: type[M], **kwargs: Any) -> M:
        """GET one typed answer."""
        try:
            return await self.service.get_model(url, model, bearer=self.bearer(gebruiker), headers=JSON, **kwargs)
        except ServiceError as exc:
            raise self._vertaal(exc) from exc

    async def get_list(self, gebruiker: Aangemeld, url: str, model: type[M], **kwargs: Any) -> list[M]:
        """GET a typed list."""
        try:
            return await self.service.get_models(url, model, bearer=self.bearer(gebruiker), headers=JSON, **kwargs)
        except ServiceError as exc:
            raise self._vertaal(exc) from exc

    async def post(
        self, gebruiker: Aangemeld, url: str, body: BaseModel | None, model: type[M], *, expect: Collection[int]
    ) -> M:
        """POST a typed body (or none) and read one typed answer."""
        try:
            return await self.service.post_model(
                url, body, model, expect=expect, bearer=self.bearer(gebruiker), headers=JSON
            )
        except ServiceError as exc:
            raise self._vertaal(exc) from exc

    async def raw(
        self, gebruiker: Aangemeld, method: str, url: str, *, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> httpx.Response:
        """Send one request of another kind (PUT, PATCH, DELETE, files); raises :class:`DienstFout` on failure."""
        try:
            response = await self.service.request(
                method, url, bearer=self.bearer(gebruiker), headers={**JSON, **(headers or {})}, **kwargs
            )
        except httpx.HTTPStatusError as exc:  # 502/503/504: ServiceClient raises those after its attempts
            response = exc.response
        except httpx.HTTPError as exc:
            log.warning("backend_onbereikbaar", dienst=self.dienst, error_type=type(exc).__name__)
            raise self._fout(None, {}) from exc
        if response.status_code >= 400:
            problem: dict[str, Any] = {}
            try:
                parsed = response.json()
                problem = parsed if isinstance(parsed, dict) else {}
            except ValueError:
                pass
            raise self._fout(response.status_code, problem)
        return response

    async def send(self, gebruiker: Aangemeld, method: str, url: str, body: BaseModel, model: type[M]) -> M:
        """Send a typed body with ``method`` (PUT, PATCH) and read one typed answer."""
        response = await self.raw(gebruiker, method, url, json=body.model_dump(mode="json", exclude_unset=True))
        try:
            return model.model_validate_json(response.content)
        except ValidationError as exc:
            log.warning("backend_onverwacht_antwoord", dienst=self.dienst, status=response.status_code)
            raise self._fout(502, {"code": "ONVERWACHT_ANTWOORD"}) from exc
