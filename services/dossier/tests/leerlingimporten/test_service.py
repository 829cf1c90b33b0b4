"""The imported inrichting feeds the dossier: mentors per pupil (contactpersoon options), verzorgers in the OSO XML."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

import httpx
import respx

from oso_dev import magister as voorbeeld
from oso_dossier.leerlingimporten.parsing import Soort

Importeer = Callable[..., Coroutine[Any, Any, dict[str, Any]]]
Auth = Callable[..., dict[str, str]]
AANLEVERPUNT = "59f952f6-e07e-5962-97d7-2a6d9ee87d66"


async def leerling_id(client: httpx.AsyncClient, auth: Auth, nummer: str) -> str:
    lijst = (await client.get("/v1/leerlingen", headers=auth())).json()
    return str(next(x["id"] for x in lijst if x["leerlingnummer"] == nummer))


async def test_inrichting_of_a_pupil_lists_mentors_groepen_verzorgers(
    importeer: Importeer, client: httpx.AsyncClient, auth: Auth
) -> None:
    await importeer(voorbeeld.bestand([voorbeeld.leerling(0), voorbeeld.leerling(1)]))
    await importeer(voorbeeld.bestand([voorbeeld.groep("1A")], Soort.GROEPEN), "groepen")
    await importeer(voorbeeld.bestand([["1A", "00", "10000"]], Soort.KOPPEL), "koppel")
    lid = await leerling_id(client, auth, "10000")
    response = await client.get(f"/v1/leerlingen/{lid}/inrichting", headers=auth())
    assert response.status_code == 200
    body = response.json()
    assert [(m["soort"], m["nummer"], m["naam"]) for m in body["mentoren"]] == [
        ("klassementor", "M000", "Jeroen Hoëvenaars"),
        ("persoonlijk", "P000", "Fatima el Amrani"),
    ]
    assert [g["code"] for g in body["groepen"]] == ["1A"]
    assert [(v["volgnummer"], v["achternaam"], v["post_ontvangen"]) for v in body["verzorgers"]] == [
        (1, "Jansen", True),
        (2, "Jansen-Smit", False),
    ]
    assert [(i["schooljaar"], i["klas"], i["ilt_code"]) for i in body["inschrijvingen"]] == [
        ("2026-2027", "1A", "00237")
    ]
    ander = auth(school="88BB")
    assert (await client.get(f"/v1/leerlingen/{lid}/inrichting", headers=ander)).status_code == 404


async def test_imported_verzorgers_are_in_the_oso_xml(
    importeer: Importeer, client: httpx.AsyncClient, auth: Auth, registry: respx.MockRouter
) -> None:
    await importeer(voorbeeld.bestand([voorbeeld.leerling(1)]))
    lid = await leerling_id(client, auth, "10001")
    body = {"leerling_id": lid, "vestigingscode": "00", "aanleverpunt_id": AANLEVERPUNT}
    response = await client.post("/v1/dossiers", json=body, headers=auth())
    assert response.status_code == 201, response.text
    did = response.json()["id"]
    assert (await client.post(f"/v1/dossiers/{did}/genereren", headers=auth())).status_code == 200
    xml = (await client.get(f"/v1/dossiers/{did}/xml", headers=auth())).text
    assert "<achternaam>Vries-Smit</achternaam>" in xml
    assert "<voorletters-1>B.C.</voorletters-1>" in xml
    assert "ouder1@thuis.example" in xml
    gevalideerd = (await client.post(f"/v1/dossiers/{did}/valideren", headers=auth())).json()
    # Only the pupil's address is missing (Magister's layout has none); schoolloopbaan and verzorgers are complete.
    fouten = {f["rule"] for f in gevalideerd["validatie"]["findings"] if f["severity"] == "fout"}
    assert fouten == {"PaO.LL05"}
