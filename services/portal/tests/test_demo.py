"""Demo accounts: one per role and scope of the shared demo world, loaded idempotently."""

from __future__ import annotations

from collections import Counter

from oso_dev.demo import world as demo
from oso_dev.demo.portal import demo_accounts, laad_accounts
from oso_shared.auth import Rol
from oso_shared.db import Database


def test_een_account_per_rol_en_scope() -> None:
    accounts = demo_accounts()
    rollen = Counter(a.rol for a in accounts)
    assert rollen[Rol.BESTUURSBEHEERDER] == len(demo.BESTUREN)
    assert rollen[Rol.SWV_BEHEERDER] == len(demo.SWVS)
    assert rollen[Rol.SCHOOLBEHEERDER] == len(demo.SCHOLEN)
    assert {a.school for a in accounts if a.rol is Rol.ZORGCOORDINATOR} == {"99AA", "99AB", "99BA"}
    assert len({a.gebruikersnaam for a in accounts}) == len(accounts)


async def test_laden_is_idempotent(database: Database) -> None:
    async with database.transaction() as session:
        eerste = await laad_accounts(session)
        tweede = await laad_accounts(session)
    assert eerste == len(demo_accounts())
    assert tweede == 0
