"""Re-encryption of stored PGNs to the newest key, in batches of one transaction each (idempotent)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from oso_dossier.crypto import PgnVersleuteling
from oso_dossier.leerlingen import repository as leerlingen_repo
from oso_shared.db import Database


async def herversleutel_batch(session: AsyncSession, crypto: PgnVersleuteling, limit: int) -> int:
    """Move up to ``limit`` leerlingen whose PGNs are under an older key to the newest; returns how many."""
    leerlingen = await leerlingen_repo.list_niet_actueel(session, crypto.prefix, limit=limit)
    for leerling in leerlingen:
        if leerling.bsn_versleuteld is not None:
            leerling.bsn_versleuteld = crypto.herversleutel(leerling.bsn_versleuteld)
        if leerling.onderwijsnummer_versleuteld is not None:
            leerling.onderwijsnummer_versleuteld = crypto.herversleutel(leerling.onderwijsnummer_versleuteld)
    return len(leerlingen)


async def herversleutelen(db: Database, crypto: PgnVersleuteling, batch: int = 500) -> int:
    """Re-encrypt every stored PGN to the newest key, one transaction per batch; returns the leerlingen moved.

    Safe to run again (values already under the newest key are not touched) and next to the running service
    (rows are locked per batch). A value no configured key opens stops the run with ValueError.
    """
    totaal = 0
    while True:
        async with db.transaction() as session:
            aantal = await herversleutel_batch(session, crypto, batch)
        totaal += aantal
        if aantal < batch:
            return totaal
