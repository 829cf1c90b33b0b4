"""Leerlingen API: create, update, read; the BSN is encrypted at rest and never leaves in an SWV dossier."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import select

from oso_dev.demo.dossier_data import leerlingen
from oso_dossier.audit.models import AuditRegel
from oso_dossier.leerlingen.models import Leerling
from oso_shared.db import Database

Auth = Callable[..., dict[str, str]]


async def test_create_read_update(client: httpx.AsyncClient, auth: Auth, maak_leerling: Callable[..., Any]) -> None:
    lid = await maak_leerling(1)
    detail = (await client.get(f"/v1/leerlingen/{lid}", headers=auth())).json()
    assert detail["bsn"] == leerlingen()[1].bsn
    assert detail["heeft_bsn"] is True
    assert detail["gegevens"]["achternaam"] == "Jansen"
    gegevens = detail["gegevens"]
    gegevens["roepnaam"] = "San"
    body = {"vestigingscode": "01", "leerlingnummer": detail["leerlingnummer"], "gegevens": gegevens}
    response = await client.put(f"/v1/leerlingen/{lid}", json=body, headers=auth())
    assert response.status_code == 200
    assert response.json()["vestigingscode"] == "01"
    assert response.json()["heeft_bsn"] is False
    lijst = (await client.get("/v1/leerlingen", headers=auth())).json()
    assert [(x["naam"], x["vestigingscode"]) for x in lijst] == [("San Jansen", "01")]


async def test_duplicate_number_and_double_pgn_are_refused(
    client: httpx.AsyncClient, auth: Auth, maak_leerling: Callable[..., Any]
) -> None:
    await maak_leerling(0)
    d = leerlingen()[0]
    body = {"vestigingscode": "00", "leerlingnummer": d.leerlingnummer, "gegevens": d.gegevens.model_dump(mode="json")}
    response = await client.post("/v1/leerlingen", json=body, headers=auth())
    assert response.status_code == 409
    assert response.json()["code"] == "LEERLINGNUMMER_BESTAAT_AL"
    body = {**body, "leerlingnummer": "nieuw-1", "bsn": "123456782", "onderwijsnummer": "100000009"}
    response = await client.post("/v1/leerlingen", json=body, headers=auth())
    assert response.status_code == 422
    assert response.json()["code"] == "PGN_DUBBEL"


async def test_bsn_encrypted_at_rest_and_absent_from_dossier(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], database: Database
) -> None:
    dossier = await maak_dossier(0)
    bsn = leerlingen()[0].bsn
    assert bsn is not None
    async with database.transaction() as session:
        row = (await session.scalars(select(Leerling))).one()
    assert row.bsn_versleuteld is not None
    assert bsn.encode() not in row.bsn_versleuteld
    assert bsn not in repr(row.gegevens)
    await client.post(f"/v1/dossiers/{dossier['id']}/voltooien", headers=auth())
    xml = (await client.get(f"/v1/dossiers/{dossier['id']}/xml", headers=auth())).content
    assert bsn.encode() not in xml
    for forbidden in (b"<bsn>", b"<onderwijsnummer>", b"<geboorteplaats>", b"<nationaliteit>", b"<banknummer>"):
        assert forbidden not in xml


async def test_invalid_data_is_422(client: httpx.AsyncClient, auth: Auth) -> None:
    body = {"vestigingscode": "0", "leerlingnummer": "x", "bsn": "12", "gegevens": {"voornamen": []}}
    response = await client.post("/v1/leerlingen", json=body, headers=auth())
    assert response.status_code == 422
    velden = {f["veld"] for f in response.json()["fouten"]}
    assert {"vestigingscode", "bsn", "gegevens.voornamen", "gegevens.achternaam"} <= velden


async def test_reading_a_leerling_is_audited_without_the_bsn(
    client: httpx.AsyncClient, auth: Auth, maak_leerling: Callable[..., Any], database: Database
) -> None:
    lid = await maak_leerling(1)
    response = await client.get(f"/v1/leerlingen/{lid}", headers=auth(sub="zorg:lezer"))
    assert response.json()["bsn"] == leerlingen()[1].bsn
    async with database.transaction() as session:
        rows = (await session.scalars(select(AuditRegel).where(AuditRegel.actie == "leerling_bekeken"))).all()
    [regel] = rows
    assert (str(regel.leerling_id), regel.actor, regel.rol, regel.school) == (
        lid,
        "zorg:lezer",
        "zorgcoordinator",
        "99AA",
    )
    assert regel.op is not None
    assert str(leerlingen()[1].bsn) not in repr((regel.details, regel.actor, regel.actie))
