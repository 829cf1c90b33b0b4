"""Terugkoppeling from the SWV: stored once per Idempotency-Key and forwarded as a ``teruggekoppeld`` event."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from oso_gateway.afleveringen import repository as afleveringen_repository
from oso_gateway.afleveringen.models import AfleveringStatus
from oso_gateway.afleveringen.service import advance_status
from oso_gateway.ophalen.flows import find_for
from oso_gateway.outbox.messages import emit_event
from oso_gateway.problems import IdempotencyKeyConflict, NogNietOpgehaald
from oso_gateway.sessies.service import SwvPrincipal
from oso_gateway.terugkoppelingen import repository
from oso_gateway.terugkoppelingen.models import Terugkoppeling
from oso_shared.contracts import gebeurtenissen
from oso_shared.contracts.notificatie import TerugkoppelingIn, TerugkoppelingOut
from oso_shared.db import utcnow


async def ontvangen(
    session: AsyncSession, swv: SwvPrincipal, key: str, body: TerugkoppelingIn
) -> tuple[TerugkoppelingOut, bool]:
    """Record the feedback exactly once per (aanleverpunt, key); returns the receipt and whether it is new."""
    aflevering = await find_for(session, swv, body.koppelsleutel)
    await afleveringen_repository.lock_key(session, f"terugkoppeling:{swv.aanleverpunt_id}:{key}")
    existing = await repository.get(session, swv.aanleverpunt_id, key)
    if existing is not None:
        if existing.aflevering_id != aflevering.id:
            raise IdempotencyKeyConflict("Deze Idempotency-Key is al voor een andere koppelsleutel gebruikt.")
        return TerugkoppelingOut.model_validate(existing.antwoord), False
    locked = await afleveringen_repository.get(session, aflevering.id, for_update=True)
    assert locked is not None
    if locked.opgehaald_op is None:
        raise NogNietOpgehaald("Haal het dossier eerst op voordat u een terugkoppeling stuurt.")
    now = utcnow()
    terugkoppeling_id = uuid.uuid4()
    antwoord = TerugkoppelingOut(terugkoppeling_id=terugkoppeling_id, status=body.status, ontvangen_op=now)
    repository.add(
        session,
        Terugkoppeling(
            id=terugkoppeling_id,
            aflevering_id=locked.id,
            aanleverpunt_id=swv.aanleverpunt_id,
            idempotency_key=key,
            status=body.status,
            bericht=body.bericht,
            referentie=body.referentie,
            antwoord=antwoord.model_dump(mode="json"),
            ontvangen_op=now,
        ),
    )
    locked.teruggekoppeld_op = now
    advance_status(locked, AfleveringStatus.TERUGGEKOPPELD)
    await emit_event(
        session,
        locked.id,
        "teruggekoppeld",
        op=now,
        gebeurtenis_id=terugkoppeling_id,
        terugkoppeling=gebeurtenissen.Terugkoppeling(
            status=body.status, bericht=body.bericht, referentie=body.referentie
        ),
    )
    return antwoord, True
