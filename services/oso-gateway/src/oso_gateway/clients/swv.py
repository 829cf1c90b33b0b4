"""The SWV systems' notification endpoints: external, so no ``dienst`` token; the URL comes from the registry."""

from __future__ import annotations

import httpx

from oso_shared.contracts.notificatie import NotificatieIn
from oso_shared.http import ServiceError, ServiceUnavailable, UnexpectedStatus, http_client


class OngeldigEndpoint(ServiceError):
    """The registry gave an endpoint we can never reach (bad URL or scheme): retrying cannot help."""

    transient = False


class SwvClient:
    """POSTs notifications to whatever endpoint the route names; one attempt per call (the outbox retries)."""

    def __init__(self, *, timeout: float, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.http = http_client(timeout=timeout, transport=transport)

    async def notificeer(self, endpoint: str, notificatie: NotificatieIn) -> None:
        """Send one notification; raises :class:`OngeldigEndpoint`, ``ServiceUnavailable`` or ``UnexpectedStatus``."""
        headers = {"content-type": "application/json"}
        try:
            response = await self.http.post(endpoint, content=notificatie.model_dump_json(), headers=headers)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise OngeldigEndpoint("ongeldig endpoint") from exc
        except httpx.HTTPError as exc:
            raise ServiceUnavailable(type(exc).__name__) from exc
        if not response.is_success:
            status = response.status_code
            raise UnexpectedStatus(f"SWV-endpoint antwoordde {status}", status=status)

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self.http.aclose()
