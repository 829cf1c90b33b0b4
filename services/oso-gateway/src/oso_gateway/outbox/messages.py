"""What the gateway puts in its outbox, in the caller's transaction: one function per kind of message.

The payloads are built from the contract models (``oso_shared.contracts``), so what the worker sends later is
already in the receiver's shape.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from oso_gateway.afleveringen.models import Aflevering
from oso_gateway.outbox.models import KIND_GEBEURTENIS, KIND_NOTIFICATIE, Outbox
from oso_shared.contracts.gebeurtenissen import GebeurtenisIn, Soort, Terugkoppeling
from oso_shared.contracts.notificatie import NotificatieBron, NotificatieDoel
from oso_shared.db import utcnow
from oso_shared.outbox import enqueue

_EVENT_NAMESPACE = uuid.UUID("6f7c3f0e-6a4e-4c59-9a39-0c3f6d1f8a21")


def routing(aflevering: Aflevering) -> dict[str, Any]:
    """The routing part of the notification (``dienst``, ``bron``, ``doel``) for a delivery: ids only."""
    bron = NotificatieBron(brin=aflevering.bron_brin, vestigingscode=aflevering.bron_vestigingscode)
    doel = NotificatieDoel(
        aanleverpunt=str(aflevering.aanleverpunt_id),
        nummer=aflevering.aanleverpunt_nummer,
        routeringskenmerk=aflevering.routeringskenmerk,
    )
    return {"dienst": aflevering.dienst, "bron": bron.model_dump(mode="json"), "doel": doel.model_dump(mode="json")}


async def enqueue_notificatie(session: AsyncSession, aflevering: Aflevering, koppelsleutel: str) -> None:
    """Queue the SWV notification (the plain koppelsleutel lives only in this row until it is sent).

    The row carries the endpoint and the routing ids too, so the worker sends without reading the delivery first.
    """
    payload = {
        "aflevering_id": str(aflevering.id),
        "koppelsleutel": koppelsleutel,
        "endpoint": aflevering.endpoint,
        "bericht": routing(aflevering),
    }
    await enqueue(session, Outbox, KIND_NOTIFICATIE, f"notificatie:{aflevering.id}", payload)


async def emit_event(
    session: AsyncSession,
    aflevering_id: uuid.UUID,
    soort: Soort,
    *,
    op: dt.datetime | None = None,
    reden: str | None = None,
    terugkoppeling: Terugkoppeling | None = None,
    gebeurtenis_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Queue a status event for the dossier service; one-off events get a stable id (sent at most once)."""
    if gebeurtenis_id is None:
        once = soort in ("notificatie_verzonden", "opgehaald")
        gebeurtenis_id = uuid.uuid5(_EVENT_NAMESPACE, f"{aflevering_id}:{soort}") if once else uuid.uuid4()
    event = GebeurtenisIn(
        gebeurtenis_id=gebeurtenis_id,
        aflevering_id=aflevering_id,
        soort=soort,
        op=op or utcnow(),
        reden=reden,
        terugkoppeling=terugkoppeling,
    )
    payload = {"aflevering_id": str(aflevering_id), "gebeurtenis": event.model_dump(mode="json")}
    await enqueue(session, Outbox, KIND_GEBEURTENIS, f"gebeurtenis:{gebeurtenis_id}", payload)
    return gebeurtenis_id
