"""Outbox handler: delivers a dossier made opvraagbaar to the oso-gateway (``POST /v1/afleveringen``)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from oso_dossier.clients.gateway import GatewayClient
from oso_dossier.dossiers import flows
from oso_dossier.dossiers import repository as dossiers_repo
from oso_dossier.problems import AfleveringGeweigerd, DossierZonderInhoud
from oso_shared.contracts.aflevering import AfleveringMeta
from oso_shared.db import Database, single_statement_connection
from oso_shared.http import ServiceError
from oso_shared.outbox import OutboxMixin, PermanentFailure


class AfleveringHandler:
    """Sends the stored XML and the routing meta as multipart with ``Idempotency-Key: <aflevering_id>``."""

    def __init__(self, db: Database, gateway: GatewayClient) -> None:
        self.db = db
        self.gateway = gateway

    async def __call__(self, row: OutboxMixin) -> None:
        """Deliver once: done on 2xx, permanent on a status that time will not change, retried otherwise."""
        meta = AfleveringMeta.model_validate(row.payload)
        async with self.db.transaction() as session:
            await single_statement_connection(session)  # one SELECT: no BEGIN/COMMIT round trips
            xml = await dossiers_repo.get_xml(session, uuid.UUID(meta.dossier_id))
        if xml is None:
            raise DossierZonderInhoud("Het dossier heeft geen inhoud meer.")
        try:
            await self.gateway.aflever(meta, xml)
        except ServiceError as exc:
            if not exc.transient:
                raise AfleveringGeweigerd(f"De oso-gateway weigerde de aflevering (status {exc.status}).") from exc
            raise

    async def opgegeven(self, session: AsyncSession, row: OutboxMixin, failure: BaseException) -> None:
        """``on_dead``: the delivery is given up, so the dossier becomes mislukt in the same transaction."""
        if isinstance(failure, PermanentFailure):
            reden = str(failure)
        else:
            status = failure.status if isinstance(failure, ServiceError) else None
            oorzaak = (
                "De oso-gateway is niet bereikbaar."
                if status is None
                else f"De oso-gateway antwoordde met status {status}."
            )
            reden = f"{oorzaak} Na {row.attempts} pogingen opgegeven."
        meta = AfleveringMeta.model_validate(row.payload)
        await flows.markeer_mislukt(session, meta.aflevering_id, reden)
