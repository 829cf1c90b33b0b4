"""Retention: content and bijlagen of closed dossiers are purged after the period; the audit trail stays."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import func, select, text

from oso_dossier.audit.models import AuditRegel
from oso_dossier.bijlagen.models import Bijlage
from oso_dossier.dossiers.models import Dossier
from oso_dossier.retentie.service import schoon_op
from oso_shared.auth import Rol
from oso_shared.db import Database

Auth = Callable[..., dict[str, str]]


async def test_closed_dossier_is_purged_after_period(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], database: Database
) -> None:
    dossier = await maak_dossier()
    did = dossier["id"]
    headers = {**auth(), "content-disposition": 'attachment; filename="gesprek.txt"'}
    await client.post(f"/v1/dossiers/{did}/bijlagen", content=b"Gespreksverslag met ouders.", headers=headers)
    await client.post(f"/v1/dossiers/{did}/voltooien", headers=auth())
    await client.post(f"/v1/dossiers/{did}/valideren", headers=auth())
    aid = (await client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth())).json()["aflevering_id"]
    open_dossier = await maak_dossier(1)  # still a draft: never purged
    event = {
        "gebeurtenis_id": str(uuid.uuid4()),
        "aflevering_id": aid,
        "soort": "teruggekoppeld",
        "op": dt.datetime.now(dt.UTC).isoformat(),
        "terugkoppeling": {"status": "afgerond", "bericht": "Toelaatbaar verklaard.", "referentie": None},
    }
    await client.post("/v1/intern/gebeurtenissen", json=event, headers=auth(rol=Rol.DIENST, school=None, rechten=()))
    async with database.transaction() as session:
        oid = (await session.scalars(select(Bijlage.lo_oid))).one()
        # Not yet past the period.
        assert await schoon_op(session, dt.timedelta(days=30)) == 0
        later = dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
        assert await schoon_op(session, dt.timedelta(days=30), nu=later) == 1
    async with database.transaction() as session:
        row = await session.get(Dossier, uuid.UUID(did))
        assert row is not None
        await session.refresh(row, ["xml"])
        assert row.xml is None
        assert row.terugkoppeling is None
        assert row.opties == {}
        assert row.opgeschoond_op is not None
        assert row.status == "teruggekoppeld"
        assert await session.scalar(select(func.count()).select_from(Bijlage)) == 0
        lo = await session.scalar(text("SELECT count(*) FROM pg_largeobject_metadata WHERE oid = :o"), {"o": oid})
        assert lo == 0
        acties = (await session.scalars(select(AuditRegel.actie).where(AuditRegel.dossier_id == uuid.UUID(did)))).all()
        assert "dossier_opvraagbaar_gemaakt" in acties
        assert "retentie_opgeschoond" in acties
        draft = await session.get(Dossier, uuid.UUID(open_dossier["id"]))
        assert draft is not None
        assert draft.opgeschoond_op is None
    assert (await client.get(f"/v1/dossiers/{did}/pdf", headers=auth())).json()["code"] == "DOSSIER_OPGESCHOOND"
    tijdlijn = (await client.get(f"/v1/dossiers/{did}/tijdlijn", headers=auth())).json()
    assert tijdlijn[-1]["soort"] == "teruggekoppeld"
    assert tijdlijn[-1]["gegevens"] is None
