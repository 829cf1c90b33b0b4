"""Rights matrix: only a zorgcoördinator of the dossier's school with the Overdrachtsdossier right may act."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from oso_dossier.audit.models import AuditRegel
from oso_shared.auth import Rol
from oso_shared.db import Database

Auth = Callable[..., dict[str, str]]


def _routes(did: str, lid: str) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        ("GET", f"/v1/dossiers/{did}", {}),
        ("PATCH", f"/v1/dossiers/{did}", {"json": {"opties": {"contactnodig": True}}}),
        ("DELETE", f"/v1/dossiers/{did}", {}),
        ("POST", f"/v1/dossiers/{did}/voltooien", {}),
        ("POST", f"/v1/dossiers/{did}/genereren", {}),
        ("POST", f"/v1/dossiers/{did}/valideren", {}),
        ("POST", f"/v1/dossiers/{did}/opvraagbaar-maken", {}),
        ("GET", f"/v1/dossiers/{did}/tijdlijn", {}),
        ("GET", f"/v1/dossiers/{did}/pdf", {}),
        ("GET", f"/v1/dossiers/{did}/xml", {}),
        ("GET", f"/v1/dossiers/{did}/bijlagen", {}),
        ("POST", f"/v1/dossiers/{did}/bijlagen", {"content": b"tekst"}),
        ("GET", f"/v1/leerlingen/{lid}", {}),
        ("GET", "/v1/dossiers", {}),
        ("GET", "/v1/leerlingen", {}),
    ]


@pytest.mark.parametrize(
    ("rol", "school", "rechten", "expected", "code"),
    [
        (Rol.SCHOOLBEHEERDER, "99AA", (), 403, "ROL_NIET_TOEGESTAAN"),
        (Rol.BESTUURSBEHEERDER, None, (), 403, "ROL_NIET_TOEGESTAAN"),
        (Rol.SWV_BEHEERDER, None, (), 403, "ROL_NIET_TOEGESTAAN"),
        (Rol.DIENST, None, (), 403, "ROL_NIET_TOEGESTAAN"),
        (Rol.ZORGCOORDINATOR, "99AA", (), 403, "RECHT_OVERDRACHTSDOSSIER_ONTBREEKT"),
    ],
)
async def test_other_roles_and_missing_right_get_403(
    client: httpx.AsyncClient,
    auth: Auth,
    maak_dossier: Callable[..., Any],
    rol: Rol,
    school: str | None,
    rechten: tuple[str, ...],
    expected: int,
    code: str,
) -> None:
    dossier = await maak_dossier()
    for method, url, kwargs in _routes(dossier["id"], dossier["leerling_id"]):
        response = await client.request(method, url, headers=auth(rol=rol, school=school, rechten=rechten), **kwargs)
        assert response.status_code == expected, (method, url, response.text)
        assert response.json()["code"] == code


async def test_other_school_gets_404_without_leaking_existence(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    dossier = await maak_dossier()
    ander = auth(school="99AB", sub="zc:99AB:1")
    for method, url, kwargs in _routes(dossier["id"], dossier["leerling_id"])[:-2]:
        response = await client.request(method, url, headers=ander, **kwargs)
        assert response.status_code == 404, (method, url, response.text)
        unknown = url.replace(dossier["id"], "00000000-0000-0000-0000-000000000000").replace(
            dossier["leerling_id"], "00000000-0000-0000-0000-000000000000"
        )
        same = await client.request(method, unknown, headers=ander, **kwargs)
        # Identical answer for "exists elsewhere" and "does not exist".
        assert (same.status_code, same.json()["code"]) == (response.status_code, response.json()["code"])
    assert (await client.get("/v1/dossiers", headers=ander)).json() == []
    assert (await client.get("/v1/leerlingen", headers=ander)).json() == []


async def test_no_token_is_401(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/dossiers")
    assert response.status_code == 401


async def test_every_action_is_audited_without_pii(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], database: Database
) -> None:
    dossier = await maak_dossier()
    did = dossier["id"]
    await client.post(f"/v1/dossiers/{did}/voltooien", headers=auth())
    await client.post(f"/v1/dossiers/{did}/valideren", headers=auth())
    await client.get(f"/v1/dossiers/{did}/pdf", headers=auth())
    await client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth())
    async with database.transaction() as session:
        regels = (await session.scalars(select(AuditRegel).order_by(AuditRegel.op))).all()
    acties = [r.actie for r in regels]
    for actie in (
        "leerling_aangemaakt",
        "dossier_aangemaakt",
        "dossier_voltooid",
        "dossier_gevalideerd",
        "dossier_pdf",
        "dossier_opvraagbaar_gemaakt",
    ):
        assert actie in acties
    assert all(r.actor == "zc:99AA:1" and r.school == "99AA" for r in regels)
    blob = repr([(r.actie, r.details) for r in regels])
    assert "Dijk" not in blob
    assert "Daan" not in blob
