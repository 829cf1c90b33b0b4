"""Client of the oso-gateway: delivers one dossier (``POST /v1/afleveringen``, multipart, idempotent)."""

from __future__ import annotations

from oso_shared.contracts.aflevering import AfleveringMeta
from oso_shared.http import ServiceClient


class GatewayClient:
    """Typed wrapper over :class:`ServiceClient`; failures are raised as :class:`oso_shared.http.ServiceError`."""

    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    async def aflever(self, meta: AfleveringMeta, xml: bytes) -> None:
        """Hand the dossier over; a repeat with the same ``aflevering_id`` is answered like the first (200)."""
        files = {
            "meta": (None, meta.model_dump_json(exclude_none=True), "application/json"),
            "dossier": ("dossier.xml", xml, "application/xml"),
        }
        # The intake's answer is not needed here; ignoring its body keeps an accepted delivery accepted.
        await self.client.post_model(
            "/v1/afleveringen", None, None, files=files, headers={"Idempotency-Key": str(meta.aflevering_id)}
        )

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self.client.aclose()
