"""The SWV systems' notification endpoints: external, so no ``dienst`` token; the URL comes from the registry.

The URL was chosen by an SWV admin, so it is treated as hostile: https only (outside development), and the
transport's egress guard refuses loopback, private, link-local, multicast and metadata addresses at connect time
(``oso_shared.egress``). Redirects are never followed: a 3xx answer is a refusal like any other non-2xx.
"""

from __future__ import annotations

import httpx

from oso_shared.contracts.notificatie import NotificatieIn
from oso_shared.egress import URL_REFUSALS, endpoint_refusal
from oso_shared.http import EgressRefusedError, ServiceError, ServiceUnavailable, UnexpectedStatus, http_client


class OngeldigEndpoint(ServiceError):
    """The registry gave an endpoint we can never reach (bad URL or scheme): retrying cannot help."""

    transient = False


class EndpointGeweigerd(ServiceError):
    """The endpoint names an address we never connect to (loopback, private, metadata ...): permanent."""

    transient = False


class SwvClient:
    """POSTs notifications to whatever endpoint the route names; one attempt per call (the outbox retries)."""

    def __init__(
        self,
        *,
        timeout: float,
        transport: httpx.AsyncBaseTransport | None = None,
        https_required: bool = True,
        allow_loopback: bool = False,
    ) -> None:
        self.https_required = https_required
        self.allow_loopback = allow_loopback
        self.http = http_client(timeout=timeout, transport=transport, egress_guard=True, allow_loopback=allow_loopback)

    async def notificeer(self, endpoint: str, notificatie: NotificatieIn) -> None:
        """Send one notification; raises :class:`OngeldigEndpoint`, :class:`EndpointGeweigerd`,
        ``ServiceUnavailable`` or ``UnexpectedStatus``."""
        weigering = endpoint_refusal(endpoint, https_required=self.https_required, allow_loopback=self.allow_loopback)
        if weigering in URL_REFUSALS:
            raise OngeldigEndpoint(f"ongeldig endpoint: {weigering}")
        if weigering is not None:
            raise EndpointGeweigerd(f"endpoint geweigerd: {weigering}")
        headers = {"content-type": "application/json"}
        try:
            response = await self.http.post(endpoint, content=notificatie.model_dump_json(), headers=headers)
        except EgressRefusedError as exc:
            raise EndpointGeweigerd("endpoint geweigerd: adres niet toegestaan") from exc
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
