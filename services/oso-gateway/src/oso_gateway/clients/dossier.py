"""The dossier service as the gateway's outbox needs it: status events, as ``dienst:oso-gateway``."""

from __future__ import annotations

import httpx

from oso_shared.auth import TokenService
from oso_shared.contracts.gebeurtenissen import GebeurtenisBundelIn, GebeurtenisBundelUit
from oso_shared.http import ServiceClient


class DossierClient:
    """Typed calls to the dossier service; errors are ``oso_shared.http.ServiceError`` (``transient`` says retry)."""

    def __init__(
        self,
        base_url: str,
        tokens: TokenService,
        *,
        timeout: float,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        # One attempt per outbox try: the outbox does the backoff, not the client.
        self.http = ServiceClient(base_url, tokens, "dossier", timeout=timeout, attempts=1, transport=transport)

    async def gebeurtenissen(self, bundel: GebeurtenisBundelIn) -> GebeurtenisBundelUit:
        """Send a bundle of status events; the answer has one result per event, in the order sent."""
        return await self.http.post_model("/v1/intern/gebeurtenisbundels", bundel, GebeurtenisBundelUit, expect=(200,))

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self.http.aclose()
