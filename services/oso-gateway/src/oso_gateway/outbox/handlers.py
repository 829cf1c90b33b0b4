"""The handlers the outbox worker runs per kind, and what happens when a message is given up (``on_dead``).

``notificatie``: POST the small notification to the SWV endpoint. ``gebeurtenis``: status events for the dossier
service, sent as bundles (one POST carries every event that is due). Handlers run inside the worker's
transaction that holds the row locks, so the state changes they make (delivery status, follow-up events) commit
together with the rows' outcomes. They never count attempts: the worker decides when a row is dead and then
calls :func:`notificatie_mislukt` in that same transaction.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession, async_object_session

from oso_gateway.afleveringen import repository as afleveringen_repository
from oso_gateway.afleveringen.models import AfleveringStatus
from oso_gateway.afleveringen.service import hash_koppelsleutel
from oso_gateway.clients.dossier import DossierClient
from oso_gateway.clients.swv import EndpointGeweigerd, OngeldigEndpoint, SwvClient
from oso_gateway.outbox.messages import emit_event, routing
from oso_gateway.outbox.models import Outbox
from oso_shared.contracts.gebeurtenissen import GebeurtenisBundelIn, GebeurtenisIn
from oso_shared.contracts.notificatie import NotificatieIn
from oso_shared.db import utcnow
from oso_shared.http import ServiceError, ServiceUnavailable, UnexpectedStatus
from oso_shared.outbox import OutboxMixin, PermanentFailure


def _session_of(row: OutboxMixin) -> AsyncSession:
    session = async_object_session(row)
    assert session is not None, "outbox rows are handled inside the worker's session"
    return session


def _failed(row: OutboxMixin) -> Outbox:
    assert isinstance(row, Outbox)
    row.failures += 1  # for the metrics; ``attempts`` resets on an admin retry
    return row


class NotificatieHandler:
    """Sends the SWV notification; records notificatie_verzonden and its status event."""

    def __init__(self, swv: SwvClient, public_url: str) -> None:
        self.swv = swv
        self.ophaal_url = public_url.rstrip("/") + "/v1/ophalen"

    async def _bestemming(self, session: AsyncSession, row: OutboxMixin) -> tuple[str, NotificatieIn]:
        koppelsleutel = row.payload.get("koppelsleutel")
        if not koppelsleutel:
            koppelsleutel = await _nieuwe_koppelsleutel(session, uuid.UUID(str(row.payload["aflevering_id"])))
        endpoint, bericht = row.payload.get("endpoint"), row.payload.get("bericht")
        if not isinstance(endpoint, str) or not isinstance(bericht, dict):
            # A row queued before the route travelled with it: read the route from the delivery.
            aflevering = await afleveringen_repository.get(session, uuid.UUID(str(row.payload["aflevering_id"])))
            if aflevering is None:
                raise PermanentFailure("aflevering bestaat niet meer")
            endpoint, bericht = aflevering.endpoint, routing(aflevering)
        try:
            notificatie = NotificatieIn.model_validate(
                {"koppelsleutel": koppelsleutel, **bericht, "ophaal_url": self.ophaal_url}
            )
        except ValidationError as exc:
            raise PermanentFailure(f"notificatie past niet in het contract: {exc.error_count()} fout(en)") from exc
        return endpoint, notificatie

    async def __call__(self, row: OutboxMixin) -> None:
        """Notify once: done on 2xx; a non-transient refusal is permanent, the rest is retried by the worker."""
        session = _session_of(row)
        aflevering_id = uuid.UUID(str(row.payload["aflevering_id"]))
        endpoint, notificatie = await self._bestemming(session, row)
        # The delivery row is not locked during the call: the SWV may fetch before it answers us.
        try:
            await self.swv.notificeer(endpoint, notificatie)
        except ServiceError as exc:
            _failed(row)
            if exc.transient:
                raise
            raise PermanentFailure(str(exc)) from exc
        sent = utcnow()
        # One UPDATE under the row lock: the SWV may have fetched (and moved the status on) meanwhile.
        if not await afleveringen_repository.mark_notificatie_verzonden(session, aflevering_id, sent):
            raise PermanentFailure("aflevering bestaat niet meer")
        await emit_event(session, aflevering_id, "notificatie_verzonden", op=sent)
        # Delivered: the plain koppelsleutel is no longer needed anywhere on our side.
        row.payload = {k: v for k, v in row.payload.items() if k != "koppelsleutel"}


# What the school reads on its timeline: domain sentences only. Status codes, exception names and addresses
# stay in the dead letter for the admin, so the timeline cannot be used to scan what the gateway can reach.
REDEN_ADRES = (
    "Het adres van het samenwerkingsverband is niet toegestaan; het samenwerkingsverband moet zijn aanleverpunt "
    "herstellen."
)
REDEN_ONBEREIKBAAR = "Het samenwerkingsverband is niet bereikbaar."
REDEN_GEWEIGERD = "Het samenwerkingsverband heeft de notificatie niet aangenomen."
REDEN_ANDERS = "De notificatie aan het samenwerkingsverband is niet gelukt."


def reden(failure: BaseException) -> str:
    """The domain sentence for a notification that was given up (looks through PermanentFailure's cause)."""
    cause: BaseException | None = failure
    while cause is not None:
        if isinstance(cause, EndpointGeweigerd | OngeldigEndpoint):
            return REDEN_ADRES
        if isinstance(cause, ServiceUnavailable):
            return REDEN_ONBEREIKBAAR
        if isinstance(cause, UnexpectedStatus):
            return REDEN_GEWEIGERD
        cause = cause.__cause__
    return REDEN_ANDERS


async def _nieuwe_koppelsleutel(session: AsyncSession, aflevering_id: uuid.UUID) -> str:
    """A fresh koppelsleutel for a notification revived from the dead letters (their key was dropped).

    Only its hash is stored, on the delivery; the plain key lives in this attempt's memory and in the message.
    """
    koppelsleutel = secrets.token_urlsafe(32)
    if not await afleveringen_repository.set_koppelsleutel_hash(
        session, aflevering_id, hash_koppelsleutel(koppelsleutel)
    ):
        raise PermanentFailure("aflevering bestaat niet meer")
    return koppelsleutel


async def notificatie_mislukt(session: AsyncSession, row: OutboxMixin, failure: BaseException) -> None:
    """``on_dead`` of ``notificatie``: the delivery becomes mislukt (unless it got further) and the dossier hears it.

    The dead letter keeps no koppelsleutel: it is dropped from the payload here, and an admin retry mints a new one.
    """
    row.payload = {k: v for k, v in row.payload.items() if k != "koppelsleutel"}
    aflevering_id = uuid.UUID(str(row.payload["aflevering_id"]))
    aflevering = await afleveringen_repository.get(session, aflevering_id, for_update=True)
    if aflevering is None:
        return  # nothing left to mark
    aflevering.mislukt_op = utcnow()
    if aflevering.status == AfleveringStatus.AANGEMAAKT:
        aflevering.status = AfleveringStatus.MISLUKT
    await emit_event(session, aflevering.id, "mislukt", reden=reden(failure))


class GebeurtenisHandler:
    """POSTs due status events as one bundle to the dossier service (idempotent there per gebeurtenis_id)."""

    def __init__(self, dossier: DossierClient) -> None:
        self.dossier = dossier

    async def __call__(self, rows: Sequence[OutboxMixin]) -> dict[uuid.UUID, BaseException | None]:
        """The outcome per row: None when processed, else the failure (a refused event is permanent)."""
        bundel = GebeurtenisBundelIn(
            gebeurtenissen=[GebeurtenisIn.model_validate(row.payload["gebeurtenis"]) for row in rows]
        )
        try:
            antwoord = await self.dossier.gebeurtenissen(bundel)
        except ServiceError as exc:
            failure = exc if exc.transient else PermanentFailure(f"dossierdienst: {exc}")
            return {_failed(row).id: failure for row in rows}
        refused = {r.gebeurtenis_id: r.fout for r in antwoord.resultaten if r.fout is not None}
        outcomes: dict[uuid.UUID, BaseException | None] = {}
        for row, event in zip(rows, bundel.gebeurtenissen, strict=True):
            fout = refused.get(event.gebeurtenis_id)
            if fout is None:
                outcomes[row.id] = None
            else:
                outcomes[_failed(row).id] = PermanentFailure(f"dossierdienst weigerde: {fout.code}")
        return outcomes
