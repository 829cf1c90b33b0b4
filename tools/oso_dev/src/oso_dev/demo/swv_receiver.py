"""Demo data of the receiver: the demo schools registered at their SWV (idempotent; `make run` only)."""

from __future__ import annotations

from oso_dev.demo.world import SCHOLEN, SWV_RIJNMOND, SWV_UTRECHT
from oso_shared.db import Database
from swv_receiver.scholen import repository

# The same registrations as the registry's demo world: BRIN4, or BRIN6 for a vestiging with its own system.
REGISTRATIES = {SWV_RIJNMOND.code: ("99AA", "99AB", "99AC02"), SWV_UTRECHT.code: ("99BA", "99BB")}


async def load(url: str) -> None:
    """Register the demo schools at their SWV."""
    namen = {school.brin: school.naam for school in SCHOLEN}
    db = Database(url)
    try:
        async with db.transaction() as session:
            for swv_code, scholen in REGISTRATIES.items():
                for brin6 in scholen:
                    brin, vestiging = brin6[:4], brin6[4:] or None
                    await repository.voeg_toe(session, swv_code, brin, vestiging, namen[brin])
    finally:
        await db.dispose()
