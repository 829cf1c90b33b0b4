"""The exchange check on a real connection pool: it reads outside BEGIN/COMMIT, and the pooled
connection afterwards runs transactions again (a failed write leaves nothing behind)."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from oso_dev.demo import world
from oso_dev.demo.registry import load
from oso_dev.testing import TokenFor, test_sleutels
from oso_registry.main import create_app
from oso_registry.organisaties.models import Bestuur
from oso_registry.settings import Settings
from oso_shared.auth import Rol
from oso_shared.db import Database

CONTROLE = {
    "dienst": "OSO-SWV",
    "bron": {"brin": "99AB", "systeem": "Magister"},
    "doel": {"aanleverpunt": world.SWV_RIJNMOND.aanleverpunt_id},
}


class Afgebroken(Exception):
    pass


async def schrijf_en_breek_af(database: Database) -> None:
    async with database.transaction() as session:
        session.add(Bestuur(nummer="77777", naam="Wordt teruggedraaid"))
        await session.flush()
        raise Afgebroken


async def test_controle_en_schrijven_op_dezelfde_verbinding(cli_db: str, settings: Settings) -> None:
    await load(cli_db)
    # One connection only, so the write below reuses the connection the check ran on.
    database = Database(cli_db, pool_size=1, max_overflow=0)
    token_for = TokenFor(test_sleutels(), "registry")
    dienst = token_for(Rol.DIENST, dienst="dossier")
    bestuur = token_for(Rol.BESTUURSBEHEERDER, sub="b", bestuur="41234")
    app = create_app(settings, database=database)
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            body = (await client.post("/v1/uitwisselcontroles", json=CONTROLE, headers=dienst)).json()
            assert [o["code"] for o in body["ontbrekend"]] == ["MANDAAT_SWV_SYSTEEM_ONTBREEKT"]

            with pytest.raises(Afgebroken):
                await schrijf_en_breek_af(database)
            async with database.transaction() as session:
                assert (await session.scalars(select(Bestuur).where(Bestuur.nummer == "77777"))).first() is None

            verleend = await client.post(
                "/v1/scholen/99AB/mandaten", json={"dienst": "OSO-SWV", "systeem": "Kindkans"}, headers=bestuur
            )
            assert verleend.status_code == 201
            assert (await client.post("/v1/uitwisselcontroles", json=CONTROLE, headers=dienst)).json()["toegestaan"]
    finally:
        await database.dispose()
