"""/v1/scholen: an SWV registers the schools it serves."""

from __future__ import annotations

from collections.abc import Callable

import httpx

Token = Callable[..., dict[str, str]]


async def test_school_aanmelden_en_lijst(client: httpx.AsyncClient, token: Token) -> None:
    rijnmond = token()
    nieuw = await client.post("/v1/scholen", json={"brin": "99AA", "naam": "De Brug"}, headers=rijnmond)
    assert nieuw.status_code == 201
    assert nieuw.json()["swv_code"] == "VO2801"
    vestiging = await client.post("/v1/scholen", json={"brin": "99AA", "vestigingscode": "02"}, headers=rijnmond)
    assert vestiging.status_code == 201
    dubbel = await client.post("/v1/scholen", json={"brin": "99AA"}, headers=rijnmond)
    assert (dubbel.status_code, dubbel.json()["code"]) == (409, "SCHOOL_AL_AANGEMELD")
    lijst = (await client.get("/v1/scholen", headers=rijnmond)).json()
    assert [(s["brin"], s["vestigingscode"]) for s in lijst] == [("99AA", "02"), ("99AA", None)]
    assert (await client.get("/v1/scholen", headers=token(swv="VO2605"))).json() == []


async def test_ongeldige_brin(client: httpx.AsyncClient, token: Token) -> None:
    response = await client.post("/v1/scholen", json={"brin": "99aa1"}, headers=token())
    assert response.status_code == 422
