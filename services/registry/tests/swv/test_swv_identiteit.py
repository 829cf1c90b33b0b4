"""SWV identity: the number carries the SWV's code, and a registration outside the SWV's region waits for the board."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from oso_dev.demo import world
from oso_shared.auth import Rol

Headers = dict[str, str]
TokenMaker = Callable[..., Headers]
RIJNMOND = world.SWV_RIJNMOND
UTRECHT = world.SWV_UTRECHT
BESTUUR_RIJNMOND = "41234"  # 99AA, Rotterdam (postcode 3011): Rijnmond's region (30, 31), not Utrecht's (35)

pytestmark = pytest.mark.usefixtures("demo")


def _controle(aanleverpunt: str) -> dict[str, object]:
    return {
        "dienst": "OSO-SWV",
        "bron": {"brin": "99AA", "systeem": "Magister"},
        "doel": {"aanleverpunt": aanleverpunt},
    }


async def test_nummer_draagt_de_code_van_het_swv(client: httpx.AsyncClient, token: TokenMaker) -> None:
    """Utrecht (VO2605) cannot publish a point that reads as Rijnmond's 2801…500, whatever the label says."""
    nieuw = {
        "nummer": "280107500",
        "label": RIJNMOND.aanleverpunt_label,
        "endpoint": "http://127.0.0.1:8004/v1/notificaties",
        "oin": "00000001823288445009",
        "publieke_sleutel": UTRECHT.public_key_pem,
    }
    swv = token(Rol.SWV_BEHEERDER, swv=UTRECHT.code)
    response = await client.post(f"/v1/swvs/{UTRECHT.code}/aanleverpunten", json=nieuw, headers=swv)
    assert response.status_code == 422
    assert response.json()["code"] == "AANLEVERPUNTNUMMER_HOORT_NIET_BIJ_SWV"
    goed = await client.post(
        f"/v1/swvs/{UTRECHT.code}/aanleverpunten", json=nieuw | {"nummer": "260507500"}, headers=swv
    )
    assert goed.status_code == 201


async def test_keuzelijst_noemt_het_swv_bij_elk_label(client: httpx.AsyncClient, token: TokenMaker) -> None:
    keuzes = (
        await client.get("/v1/scholen/99AA/aanleverpunten", headers=token(Rol.ZORGCOORDINATOR, school="99AA"))
    ).json()
    assert [(k["label"], k["swv"]["naam"]) for k in keuzes] == [(RIJNMOND.aanleverpunt_label, RIJNMOND.naam)]


async def test_buiten_de_regio_wacht_op_het_bestuur_dat_accepteert(
    client: httpx.AsyncClient, token: TokenMaker, dienst: Headers
) -> None:
    swv = token(Rol.SWV_BEHEERDER, swv=UTRECHT.code)
    registratie = await client.post(f"/v1/swvs/{UTRECHT.code}/registraties", json={"brin": "99AA"}, headers=swv)
    assert registratie.status_code == 201
    assert registratie.json()["status"] == "aangevraagd"
    assert registratie.json()["gereedheid"]["stap1_geregistreerd_bij_swv"] is False

    # Pending counts as missing step 1: not in the choice list, refused by the check with the SWV and label named.
    zc = token(Rol.ZORGCOORDINATOR, school="99AA")
    keuzes = (await client.get("/v1/scholen/99AA/aanleverpunten", headers=zc)).json()
    assert UTRECHT.aanleverpunt_id not in {k["id"] for k in keuzes}
    controle = (
        await client.post("/v1/uitwisselcontroles", json=_controle(UTRECHT.aanleverpunt_id), headers=dienst)
    ).json()
    assert controle["toegestaan"] is False
    (stap1,) = controle["ontbrekend"]
    assert stap1["code"] == "SCHOOL_NIET_GEREGISTREERD_BIJ_SWV"
    assert UTRECHT.naam in stap1["uitleg"]
    assert UTRECHT.aanleverpunt_label in stap1["uitleg"]
    assert "bestuur" in stap1["uitleg"]

    # The board sees it first in its list; another board, the SWV itself and a school cannot decide.
    bestuur = token(Rol.BESTUURSBEHEERDER, bestuur=BESTUUR_RIJNMOND)
    lijst = (await client.get(f"/v1/besturen/{BESTUUR_RIJNMOND}/registraties", headers=bestuur)).json()
    assert lijst[0]["status"] == "aangevraagd"
    assert lijst[0]["swv"] == {"code": UTRECHT.code, "naam": UTRECHT.naam}
    assert lijst[0]["binnen_regio"] is False
    assert all(r["status"] == "actief" for r in lijst[1:])
    pad = f"/v1/registraties/{lijst[0]['id']}"
    for ander in (
        token(Rol.BESTUURSBEHEERDER, bestuur="42345"),
        swv,
        token(Rol.SCHOOLBEHEERDER, school="99AA"),
    ):
        assert (await client.post(f"{pad}/accepteren", headers=ander)).status_code == 403
    andere_lijst = await client.get(f"/v1/besturen/{BESTUUR_RIJNMOND}/registraties", headers=swv)
    assert andere_lijst.status_code == 403

    geaccepteerd = await client.post(f"{pad}/accepteren", headers=bestuur)
    assert geaccepteerd.status_code == 200
    assert geaccepteerd.json()["status"] == "actief"
    assert (await client.post(f"{pad}/afwijzen", headers=bestuur)).json()["code"] == "REGISTRATIE_AL_BEOORDEELD"
    keuzes = (await client.get("/v1/scholen/99AA/aanleverpunten", headers=zc)).json()
    assert {k["swv"]["naam"] for k in keuzes} == {RIJNMOND.naam, UTRECHT.naam}
    controle = (
        await client.post("/v1/uitwisselcontroles", json=_controle(UTRECHT.aanleverpunt_id), headers=dienst)
    ).json()
    assert controle["toegestaan"] is True


async def test_afgewezen_blijft_ontbrekend(client: httpx.AsyncClient, token: TokenMaker, dienst: Headers) -> None:
    swv = token(Rol.SWV_BEHEERDER, swv=UTRECHT.code)
    await client.post(f"/v1/swvs/{UTRECHT.code}/registraties", json={"brin": "99AA"}, headers=swv)
    bestuur = token(Rol.BESTUURSBEHEERDER, bestuur=BESTUUR_RIJNMOND)
    lijst = (await client.get(f"/v1/besturen/{BESTUUR_RIJNMOND}/registraties", headers=bestuur)).json()
    afgewezen = await client.post(f"/v1/registraties/{lijst[0]['id']}/afwijzen", headers=bestuur)
    assert afgewezen.status_code == 200
    assert afgewezen.json()["status"] == "afgewezen"
    controle = (
        await client.post("/v1/uitwisselcontroles", json=_controle(UTRECHT.aanleverpunt_id), headers=dienst)
    ).json()
    assert [o["code"] for o in controle["ontbrekend"]] == ["SCHOOL_NIET_GEREGISTREERD_BIJ_SWV"]
    # Registering again returns the decided registration: the SWV cannot wear the board down by repeating.
    opnieuw = await client.post(f"/v1/swvs/{UTRECHT.code}/registraties", json={"brin": "99AA"}, headers=swv)
    assert opnieuw.status_code == 200
    assert opnieuw.json()["status"] == "afgewezen"


async def test_binnen_de_regio_direct_actief(client: httpx.AsyncClient, token: TokenMaker) -> None:
    swv = token(Rol.SWV_BEHEERDER, swv=RIJNMOND.code)
    response = await client.post(f"/v1/swvs/{RIJNMOND.code}/registraties", json={"brin": "99AC"}, headers=swv)
    assert response.json()["status"] == "actief"
