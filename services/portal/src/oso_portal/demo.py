"""Demo accounts that `make run` loads (idempotent): one per role and scope of the shared demo world.

Development and demo only: every demo account has the published password :data:`DEMO_WACHTWOORD`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from oso_portal.accounts import repository, service
from oso_portal.accounts.service import RECHT_OVERDRACHTSDOSSIER
from oso_shared import demo
from oso_shared.auth import Rol
from oso_shared.db import Database

DEMO_WACHTWOORD = "demo-oso-2026"


@dataclass(frozen=True)
class DemoAccount:
    gebruikersnaam: str
    naam: str
    rol: Rol
    bestuur: str | None = None
    swv: str | None = None
    school: str | None = None
    rechten: frozenset[str] = frozenset()


def demo_accounts() -> list[DemoAccount]:
    """The demo accounts, derived from the shared demo world so scopes match the other services."""
    scholen = {s.brin: s for s in demo.SCHOLEN}
    accounts: list[DemoAccount] = [
        DemoAccount(
            f"zorg-{brin.lower()}",
            f"Zorgcoördinator {scholen[brin].naam}",
            Rol.ZORGCOORDINATOR,
            school=brin,
            rechten=frozenset({RECHT_OVERDRACHTSDOSSIER}),
        )
        for brin in ("99AA", "99AB", "99BA")
        if brin in scholen
    ]
    accounts += [
        DemoAccount(f"bestuur-{nummer}", f"Beheerder {naam}", Rol.BESTUURSBEHEERDER, bestuur=nummer)
        for nummer, naam in demo.BESTUREN.items()
    ]
    accounts += [
        DemoAccount(f"swv-{swv.code.lower()}", f"Beheerder {swv.naam}", Rol.SWV_BEHEERDER, swv=swv.code)
        for swv in demo.SWVS
    ]
    accounts += [
        DemoAccount(f"school-{s.brin.lower()}", f"ICT-beheerder {s.naam}", Rol.SCHOOLBEHEERDER, school=s.brin)
        for s in demo.SCHOLEN
    ]
    return accounts


async def laad_accounts(session: AsyncSession) -> int:
    """Create the demo accounts that do not exist yet (never resets a changed password); returns how many."""
    nieuw = 0
    for account in demo_accounts():
        if await repository.get_by_gebruikersnaam(session, account.gebruikersnaam) is not None:
            continue
        await service.maak_gebruiker(
            session,
            gebruikersnaam=account.gebruikersnaam,
            naam=account.naam,
            wachtwoord=DEMO_WACHTWOORD,
            rol=account.rol,
            bestuur=account.bestuur,
            swv=account.swv,
            school=account.school,
            rechten=account.rechten,
        )
        nieuw += 1
    return nieuw


async def load(url: str) -> None:
    """Demo loader of ``make run``: the demo accounts in the portal database at ``url``."""
    database = Database(url)
    try:
        async with database.transaction() as session:
            await laad_accounts(session)
    finally:
        await database.dispose()
