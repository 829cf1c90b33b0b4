"""The gateway outbox: what is enqueued with a state change, and the handlers the worker runs for each kind.

Two kinds: ``notificatie`` (POST the small notification to the SWV endpoint) and ``gebeurtenis`` (status events
for the dossier service, sent as bundles: one POST carries every event that is due). Handlers run inside the
worker's transaction that holds the row locks, so the state changes they make (delivery status, follow-up
events) commit together with the rows' outcomes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import httpx
import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_object_session

from oso_gateway.afleveringen import repository as afleveringen_repository
from oso_gateway.afleveringen.models import Aflevering, AfleveringStatus
from oso_gateway.notificaties.models import KIND_GEBEURTENIS, KIND_NOTIFICATIE, GatewayOutbox
from oso_gateway.notificaties.schemas import Gebeurtenis, Soort, TerugkoppelingInhoud
from oso_gateway.settings import Settings
from oso_shared.auth import TokenService
from oso_shared.db import Database, utcnow
from oso_shared.http import ServiceClient, http_client
from oso_shared.outbox import BatchHandler, Handler, OutboxMixin, OutboxWorker, PermanentFailure, enqueue

log = structlog.get_logger(__name__)

# Later states win; "mislukt" only replaces states before the notification went out.
_RANK = {
    AfleveringStatus.AANGEMAAKT: 0,
    AfleveringStatus.MISLUKT: 1,
    AfleveringStatus.NOTIFICATIE_VERZONDEN: 2,
    AfleveringStatus.OPGEHAALD: 3,
    AfleveringStatus.TERUGGEKOPPELD: 4,
}
_EVENT_NAMESPACE = uuid.UUID("6f7c3f0e-6a4e-4c59-9a39-0c3f6d1f8a21")
# Client errors that are worth retrying (the peer asks us to come back later).
_RETRYABLE_4XX = frozenset({408, 425, 429})


class TijdelijkeFout(Exception):
    """A failed attempt that the outbox retries with backoff."""


def advance_status(aflevering: Aflevering, status: AfleveringStatus) -> None:
    """Move the delivery forward; never back (events may be processed out of order)."""
    if _RANK[status] > _RANK[AfleveringStatus(aflevering.status)]:
        aflevering.status = status


async def enqueue_notificatie(session: AsyncSession, aflevering: Aflevering, koppelsleutel: str) -> None:
    """Queue the SWV notification in the caller's transaction (the plain koppelsleutel lives only in this row).

    The row carries the endpoint and the routing ids too, so the worker sends without reading the delivery first.
    """
    payload = {
        "aflevering_id": str(aflevering.id),
        "koppelsleutel": koppelsleutel,
        "endpoint": aflevering.endpoint,
        "bericht": _routing(aflevering),
    }
    await enqueue(session, GatewayOutbox, KIND_NOTIFICATIE, f"notificatie:{aflevering.id}", payload)


async def emit_event(
    session: AsyncSession,
    aflevering_id: uuid.UUID,
    soort: Soort,
    *,
    op: dt.datetime | None = None,
    reden: str | None = None,
    terugkoppeling: TerugkoppelingInhoud | None = None,
    gebeurtenis_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Queue a status event for the dossier service; one-off events get a stable id (sent at most once)."""
    if gebeurtenis_id is None:
        once = soort in ("notificatie_verzonden", "opgehaald")
        gebeurtenis_id = uuid.uuid5(_EVENT_NAMESPACE, f"{aflevering_id}:{soort}") if once else uuid.uuid4()
    event = Gebeurtenis(
        gebeurtenis_id=gebeurtenis_id,
        aflevering_id=aflevering_id,
        soort=soort,
        op=op or utcnow(),
        reden=reden,
        terugkoppeling=terugkoppeling,
    )
    payload = {"aflevering_id": str(aflevering_id), "gebeurtenis": event.model_dump(mode="json")}
    await enqueue(session, GatewayOutbox, KIND_GEBEURTENIS, f"gebeurtenis:{gebeurtenis_id}", payload)
    return gebeurtenis_id


def _routing(aflevering: Aflevering) -> dict[str, Any]:
    return {
        "dienst": aflevering.dienst,
        "bron": {"brin": aflevering.bron_brin, "vestigingscode": aflevering.bron_vestigingscode},
        "doel": {
            "aanleverpunt": str(aflevering.aanleverpunt_id),
            "nummer": aflevering.aanleverpunt_nummer,
            "routeringskenmerk": aflevering.routeringskenmerk,
        },
    }


def notification_body(routing: Mapping[str, Any], koppelsleutel: str, public_url: str) -> dict[str, Any]:
    """The notification per contract: koppelsleutel and routing ids, no pupil data."""
    return {"koppelsleutel": koppelsleutel, **routing, "ophaal_url": public_url.rstrip("/") + "/v1/ophalen"}


class Dispatcher:
    """The worker's handlers; owns the HTTP clients."""

    def __init__(
        self,
        settings: Settings,
        *,
        swv_transport: httpx.AsyncBaseTransport | None = None,
        dossier_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.settings = settings
        self.max_attempts = settings.worker_max_attempts
        self.swv = http_client(timeout=settings.notify_timeout_seconds, transport=swv_transport)
        tokens = TokenService(settings.auth_secret.get_secret_value())
        # One attempt per outbox try: the outbox does the backoff, not the client.
        self.dossier = ServiceClient(
            settings.dossier_url,
            tokens,
            "oso-gateway",
            timeout=settings.notify_timeout_seconds,
            attempts=1,
            transport=dossier_transport,
        )

    def handlers(self) -> Mapping[str, Handler]:
        """Handlers by outbox kind (one row at a time)."""
        return {KIND_NOTIFICATIE: self.notify}

    def batch_handlers(self) -> Mapping[str, BatchHandler]:
        """Handlers by outbox kind that take every due row at once."""
        return {KIND_GEBEURTENIS: self.forward_events}

    async def notify(self, row: OutboxMixin) -> None:
        """Send the SWV notification; record notificatie_verzonden, or mislukt when giving up."""
        assert isinstance(row, GatewayOutbox)
        session = _session_of(row)
        aflevering_id = uuid.UUID(str(row.payload["aflevering_id"]))
        koppelsleutel = row.payload.get("koppelsleutel")
        if not koppelsleutel:
            raise PermanentFailure("koppelsleutel ontbreekt in het outboxbericht")
        endpoint, routing = row.payload.get("endpoint"), row.payload.get("bericht")
        if not isinstance(endpoint, str) or not isinstance(routing, dict):
            # A row queued before the route travelled with it: read the route from the delivery.
            aflevering = await afleveringen_repository.get(session, aflevering_id)
            if aflevering is None:
                raise PermanentFailure("aflevering bestaat niet meer")
            endpoint, routing = aflevering.endpoint, _routing(aflevering)
        body = notification_body(routing, str(koppelsleutel), self.settings.public_url)
        # The delivery row is not locked during the call: the SWV may fetch before it answers us.
        try:
            response = await self.swv.post(endpoint, json=body)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            # The registry gave an endpoint we can never reach: retrying cannot help.
            await self._failed(session, row, aflevering_id, "ongeldig endpoint", permanent=True)
            raise PermanentFailure(f"ongeldig SWV-endpoint: {type(exc).__name__}") from exc
        except httpx.HTTPError as exc:
            await self._failed(session, row, aflevering_id, f"{type(exc).__name__}", permanent=False)
            raise TijdelijkeFout(f"SWV-endpoint niet bereikbaar: {type(exc).__name__}") from exc
        if response.is_success:
            sent = utcnow()
            # One UPDATE under the row lock: the SWV may have fetched (and moved the status on) meanwhile.
            if not await afleveringen_repository.markeer_notificatie_verzonden(session, aflevering_id, sent):
                raise PermanentFailure("aflevering bestaat niet meer")
            await emit_event(session, aflevering_id, "notificatie_verzonden", op=sent)
            # Delivered: the plain koppelsleutel is no longer needed anywhere on our side.
            row.payload = {k: v for k, v in row.payload.items() if k != "koppelsleutel"}
            return
        reden = f"SWV-endpoint antwoordde {response.status_code}"
        permanent = 400 <= response.status_code < 500 and response.status_code not in _RETRYABLE_4XX
        await self._failed(session, row, aflevering_id, reden, permanent=permanent)
        if permanent:
            raise PermanentFailure(reden)
        raise TijdelijkeFout(reden)

    async def _failed(
        self, session: AsyncSession, row: GatewayOutbox, aflevering_id: uuid.UUID, reden: str, *, permanent: bool
    ) -> None:
        row.failures += 1
        if permanent or row.attempts >= self.max_attempts:
            aflevering = await _locked(session, aflevering_id)
            aflevering.mislukt_op = utcnow()
            if aflevering.status == AfleveringStatus.AANGEMAAKT:
                aflevering.status = AfleveringStatus.MISLUKT
            await emit_event(session, aflevering.id, "mislukt", reden=f"Notificatie niet afgeleverd: {reden}")

    async def forward_events(self, rows: Sequence[OutboxMixin]) -> dict[uuid.UUID, BaseException | None]:
        """POST due status events as one bundle to the dossier service (idempotent there per gebeurtenis_id)."""
        events = [row.payload["gebeurtenis"] for row in rows]
        try:
            response = await self.dossier.request(
                "POST", "/v1/intern/gebeurtenisbundels", json={"gebeurtenissen": events}
            )
        except httpx.HTTPError as exc:
            return self._all_failed(rows, TijdelijkeFout(f"dossierdienst niet bereikbaar: {type(exc).__name__}"))
        if not response.is_success:
            reden = f"dossierdienst antwoordde {response.status_code}"
            if 400 <= response.status_code < 500 and response.status_code not in _RETRYABLE_4XX:
                return self._all_failed(rows, PermanentFailure(reden))
            return self._all_failed(rows, TijdelijkeFout(reden))
        refused = {
            str(result["gebeurtenis_id"]): result["fout"]
            for result in response.json()["resultaten"]
            if result.get("fout") is not None
        }
        outcomes: dict[uuid.UUID, BaseException | None] = {}
        for row in rows:
            assert isinstance(row, GatewayOutbox)
            fout = refused.get(str(row.payload["gebeurtenis"]["gebeurtenis_id"]))
            if fout is None:
                outcomes[row.id] = None
            else:
                row.failures += 1
                outcomes[row.id] = PermanentFailure(f"dossierdienst weigerde: {fout['code']}")
        return outcomes

    @staticmethod
    def _all_failed(rows: Sequence[OutboxMixin], failure: Exception) -> dict[uuid.UUID, BaseException | None]:
        for row in rows:
            assert isinstance(row, GatewayOutbox)
            row.failures += 1
        return dict.fromkeys((row.id for row in rows), failure)

    async def aclose(self) -> None:
        """Close the HTTP clients."""
        await self.swv.aclose()
        await self.dossier.aclose()


async def _locked(session: AsyncSession, aflevering_id: uuid.UUID) -> Aflevering:
    aflevering = await afleveringen_repository.get(session, aflevering_id, for_update=True)
    if aflevering is None:
        raise PermanentFailure("aflevering bestaat niet meer")
    return aflevering


def _session_of(row: OutboxMixin) -> AsyncSession:
    session = async_object_session(row)
    assert session is not None, "outbox rows are handled inside the worker's session"
    return session


def build_worker(database: Database, settings: Settings, dispatcher: Dispatcher) -> OutboxWorker:
    """The outbox worker configured from the settings."""
    return OutboxWorker(
        database,
        GatewayOutbox,
        dispatcher.handlers(),
        batch_handlers=dispatcher.batch_handlers(),
        concurrency=settings.worker_concurrency,
        max_attempts=settings.worker_max_attempts,
        base_delay=settings.worker_base_delay_seconds,
        max_delay=settings.worker_max_delay_seconds,
        poll_interval=settings.worker_poll_interval_seconds,
    )


async def purge(database: Database, settings: Settings) -> int:
    """Drop dossier content past its retention and forget expired token ids; returns deliveries purged."""
    from oso_gateway.sessies import repository as sessies_repository

    now = utcnow()
    async with database.transaction() as session:
        purged = await afleveringen_repository.purge_content(
            session,
            fetched_before=now - dt.timedelta(seconds=settings.retention_after_fetch_seconds),
            created_before=now - dt.timedelta(seconds=settings.retention_max_seconds),
        )
        await sessies_repository.delete_expired(session, now)
    if purged:
        log.info("inhoud_verwijderd", aantal=purged)
    return purged
