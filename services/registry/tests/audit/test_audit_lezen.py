"""The audit log: every change recorded with who/role/when/before/after, readable by the board or SWV concerned."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from oso_shared.auth import Rol

Headers = dict[str, str]
TokenMaker = Callable[..., Headers]

pytestmark = pytest.mark.usefixtures("demo")


async def test_bestuur_ziet_eigen_wijzigingen_niet_die_van_anderen(
    client: httpx.AsyncClient, token: TokenMaker
) -> None:
    rijnmond = token(Rol.BESTUURSBEHEERDER, bestuur="41234")
    utrecht = token(Rol.BESTUURSBEHEERDER, bestuur="42345")
    await client.post("/v1/scholen/99AB/mandaten", json={"dienst": "OSO-SWV", "systeem": "Kindkans"}, headers=rijnmond)
    eigen = (await client.get("/v1/besturen/41234/audit?limiet=1", headers=rijnmond)).json()
    [regel] = eigen
    assert regel["actie"] == "mandaat_verleend"
    assert regel["rol"] == "bestuursbeheerder"
    assert regel["brin"] == "99AB"
    assert regel["voor"] is None
    assert regel["na"]["systeem"] == "Kindkans"
    assert regel["op"].endswith("Z") or regel["op"].endswith("+00:00")
    andere = (await client.get("/v1/besturen/42345/audit", headers=utrecht)).json()
    assert all(r["bestuur"] == "42345" for r in andere)
    assert (await client.get("/v1/besturen/42345/audit", headers=rijnmond)).status_code == 403


async def test_bladeren(client: httpx.AsyncClient, dienst: Headers) -> None:
    eerste = (await client.get("/v1/besturen/41234/audit?limiet=3", headers=dienst)).json()
    assert len(eerste) == 3
    volgende = (
        await client.get(f"/v1/besturen/41234/audit?limiet=3&voor_id={eerste[-1]['id']}", headers=dienst)
    ).json()
    assert volgende
    assert max(r["id"] for r in volgende) < min(r["id"] for r in eerste)


async def test_swv_ziet_eigen_registraties(client: httpx.AsyncClient, token: TokenMaker) -> None:
    swv = token(Rol.SWV_BEHEERDER, swv="VO2801")
    regels = (await client.get("/v1/swvs/VO2801/audit", headers=swv)).json()
    assert {r["swv"] for r in regels} == {"VO2801"}
    assert "school_geregistreerd" in {r["actie"] for r in regels}
    assert (await client.get("/v1/swvs/VO2605/audit", headers=swv)).status_code == 403
