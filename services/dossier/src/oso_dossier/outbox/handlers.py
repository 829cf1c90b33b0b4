"""Outbox handler: delivers a dossier made opvraagbaar to the oso-gateway (`POST /v1/afleveringen`)."""

from __future__ import annotations

import json
import uuid

import httpx

from oso_dossier.dossiers import flows
from oso_dossier.dossiers import repository as dossiers_repo
from oso_shared.db import Database, single_statement_connection
from oso_shared.http import ServiceClient
from oso_shared.outbox import OutboxMixin, PermanentFailure

# Client errors that may pass with time (the gateway busy, a concurrent duplicate): retried, not dead-lettered.
_TIJDELIJK = frozenset({408, 409, 423, 425, 429})


class AfleveringHandler:
    """Sends the stored XML and the routing meta as multipart with ``Idempotency-Key: <aflevering_id>``."""

    def __init__(self, db: Database, gateway: ServiceClient, max_attempts: int) -> None:
        self.db = db
        self.gateway = gateway
        self.max_attempts = max_attempts

    async def __call__(self, row: OutboxMixin) -> None:
        """Deliver once; 2xx is done, other 4xx is permanent (dossier → mislukt), the rest is retried."""
        meta = row.payload
        aflevering_id = uuid.UUID(meta["aflevering_id"])
        async with self.db.transaction() as session:
            await single_statement_connection(session)  # one SELECT: no BEGIN/COMMIT round trips
            xml = await dossiers_repo.get_xml(session, uuid.UUID(meta["dossier_id"]))
        if xml is None:
            await self._mislukt(aflevering_id, "Het dossier heeft geen inhoud meer.")
            raise PermanentFailure("dossier zonder XML")
        files = {
            "meta": (None, json.dumps(meta), "application/json"),
            "dossier": ("dossier.xml", xml, "application/xml"),
        }
        try:
            response = await self.gateway.request(
                "POST", "/v1/afleveringen", files=files, headers={"Idempotency-Key": str(aflevering_id)}
            )
        except httpx.HTTPError:
            await self._misschien_laatste(row, aflevering_id, "De oso-gateway is niet bereikbaar.")
            raise
        if response.status_code in (200, 201):
            return
        if 400 <= response.status_code < 500 and response.status_code not in _TIJDELIJK:
            reden = f"De oso-gateway weigerde de aflevering (status {response.status_code})."
            await self._mislukt(aflevering_id, reden)
            raise PermanentFailure(reden)
        await self._misschien_laatste(
            row, aflevering_id, f"De oso-gateway antwoordde met status {response.status_code}."
        )
        raise RuntimeError(f"gateway status {response.status_code}")

    async def _misschien_laatste(self, row: OutboxMixin, aflevering_id: uuid.UUID, reden: str) -> None:
        if row.attempts >= self.max_attempts:
            await self._mislukt(aflevering_id, f"{reden} Na {row.attempts} pogingen opgegeven.")

    async def _mislukt(self, aflevering_id: uuid.UUID, reden: str) -> None:
        async with self.db.transaction() as session:
            await flows.markeer_mislukt(session, aflevering_id, reden)
