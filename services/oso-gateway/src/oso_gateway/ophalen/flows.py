"""The fetch: check the key and the caller, ask the registry again, record opgehaald, then stream the XML."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from oso_gateway.afleveringen import repository
from oso_gateway.afleveringen.models import Aflevering, AfleveringStatus
from oso_gateway.afleveringen.service import advance_status, hash_koppelsleutel
from oso_gateway.clients.registry import RegistryClient
from oso_gateway.outbox.messages import emit_event
from oso_gateway.problems import OnbekendeKoppelsleutel, SessieAfwijkend, SessieReedsAfgemeld
from oso_gateway.sessies.service import SwvPrincipal
from oso_gateway.settings import Settings
from oso_shared.db import Database, utcnow


@dataclass(frozen=True)
class Ophaling:
    """What the router streams."""

    aflevering_id: uuid.UUID
    grootte: int
    # Read in the checking transaction: a dossier that fits in one chunk needs no further query.
    eerste_deel: bytes


def _meant_for(aflevering: Aflevering | None, swv: SwvPrincipal) -> Aflevering:
    if aflevering is None:
        raise OnbekendeKoppelsleutel("Deze koppelsleutel is hier niet bekend.")
    if aflevering.aanleverpunt_id != swv.aanleverpunt_id:
        raise SessieAfwijkend("De koppelsleutel is uitgegeven voor een ander aanleverpunt dan het uwe.")
    return aflevering


async def find_for(session: AsyncSession, swv: SwvPrincipal, koppelsleutel: str) -> Aflevering:
    """The delivery behind a koppelsleutel, if it was meant for the calling aanleverpunt."""
    return _meant_for(await repository.get_by_hash(session, hash_koppelsleutel(koppelsleutel)), swv)


async def _find_for_fetch(
    session: AsyncSession, swv: SwvPrincipal, koppelsleutel: str, head_bytes: int
) -> tuple[Aflevering, tuple[int, bytes] | None]:
    """As :func:`find_for`, locked, with the size and head of the XML (None once dropped), in one statement.

    The lock is held through the registry check (a concurrent fetch of the same key waits), and a dossier
    that fits in one chunk needs no other read.
    """
    found = await repository.get_for_fetch(session, hash_koppelsleutel(koppelsleutel), head_bytes)
    aflevering = _meant_for(found[0] if found else None, swv)
    return aflevering, found[1] if found else None


def _check_not_spent(aflevering: Aflevering, settings: Settings, now: dt.datetime) -> None:
    if aflevering.inhoud_verwijderd_op is not None:
        raise SessieReedsAfgemeld("Het dossier is na de bewaartermijn verwijderd.")
    if aflevering.teruggekoppeld_op is not None:
        raise SessieReedsAfgemeld("Het SWV heeft deze uitwisseling al afgesloten met een terugkoppeling.")
    window = dt.timedelta(seconds=settings.refetch_window_seconds)
    if aflevering.opgehaald_op is not None and now - aflevering.opgehaald_op >= window:
        raise SessieReedsAfgemeld("Deze koppelsleutel is al gebruikt.")


async def ophalen(
    session: AsyncSession, registry: RegistryClient, settings: Settings, swv: SwvPrincipal, koppelsleutel: str
) -> Ophaling:
    """Authorise one fetch and record it (the first one emits ``opgehaald``)."""
    aflevering, head = await _find_for_fetch(session, swv, koppelsleutel, settings.stream_chunk_bytes)
    _check_not_spent(aflevering, settings, utcnow())
    # Ask again now: a mandate revoked after opvraagbaar maken must block the hand-over.
    await registry.uitwisselcontrole(
        aflevering.bron_brin, aflevering.bron_vestigingscode, aflevering.bron_systeem, aflevering.aanleverpunt_id
    )
    if head is None:
        raise SessieReedsAfgemeld("Het dossier is na de bewaartermijn verwijderd.")
    if aflevering.opgehaald_op is None:
        now = utcnow()
        aflevering.opgehaald_op = now
        advance_status(aflevering, AfleveringStatus.OPGEHAALD)
        await emit_event(session, aflevering.id, "opgehaald", op=now)
    return Ophaling(aflevering_id=aflevering.id, grootte=head[0], eerste_deel=head[1])


async def stream_content(
    database: Database, aflevering_id: uuid.UUID, chunk: int, first: bytes | None = None
) -> AsyncIterator[bytes]:
    """The XML in chunks, each read in its own short transaction (no connection held while the client reads)."""
    offset = 0
    if first is not None:
        if first:
            yield first
        if len(first) < chunk:
            return
        offset = len(first)
    while True:
        async with database.transaction() as session:
            data = await repository.get_content_chunk(session, aflevering_id, offset, chunk)
        if not data:
            return
        yield data
        if len(data) < chunk:
            return
        offset += len(data)
