"""Service-to-service HTTP: an httpx client with a timeout, a ``dienst`` token and bounded retries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
from tenacity import (
    AsyncRetrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from oso_shared.auth import Principal, Rol, TokenService


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, httpx.TransportError):
        return True
    return isinstance(exc, httpx.HTTPStatusError) and exc.response.status_code in (502, 503, 504)


class ServiceClient:
    """Calls another service as ``dienst:<name>``; retries transport errors and 502/503/504 only."""

    def __init__(
        self,
        base_url: str,
        tokens: TokenService,
        caller: str,
        *,
        timeout: float = 10.0,
        attempts: int = 3,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._tokens = tokens
        self._caller = caller
        self._token: str | None = None
        self._token_expires = dt.datetime.min.replace(tzinfo=dt.UTC)
        self.attempts = attempts
        self.client = httpx.AsyncClient(base_url=base_url, timeout=timeout, transport=transport)

    def _auth_header(self) -> dict[str, str]:
        now = dt.datetime.now(dt.UTC)
        if self._token is None or now >= self._token_expires:
            ttl = dt.timedelta(minutes=10)
            self._token = self._tokens.issue(Principal(sub=f"dienst:{self._caller}", rol=Rol.DIENST), ttl)
            self._token_expires = now + ttl - dt.timedelta(minutes=1)
        return {"authorization": f"Bearer {self._token}"}

    async def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Send with retries; returns the final response (4xx/5xx included) or raises on transport failure."""
        headers = {**kwargs.pop("headers", {}), **self._auth_header()}
        response: httpx.Response | None = None
        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(self.attempts),
            wait=wait_exponential_jitter(multiplier=0.2, max=2.0, jitter=0.2),
            retry=retry_if_exception(_retryable),
            reraise=True,
        ):
            with attempt:
                response = await self.client.request(method, url, headers=headers, **kwargs)
                if response.status_code in (502, 503, 504):
                    response.raise_for_status()
        assert response is not None
        return response

    async def aclose(self) -> None:
        """Close the underlying connection pool."""
        await self.client.aclose()
