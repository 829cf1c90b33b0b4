"""Export of the inrichting in the import layouts (re-importing it changes nothing) and inrichting verwijderen."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from sqlalchemy import func, select

from oso_dev import magister as voorbeeld
from oso_dossier.leerlingen.models import Leerling
from oso_dossier.leerlingimporten.models import Groep, Inschrijving, LeerlingGroep, Verzorger
from oso_dossier.leerlingimporten.parsing import Soort
from oso_shared.db import Database

Importeer = Callable[..., Coroutine[Any, Any, dict[str, Any]]]
WIJZIGINGEN = ("_nieuw", "_beeindigd", "_uitgeschreven")


async def richt_in(importeer: Importeer) -> None:
    await importeer(voorbeeld.bestand([voorbeeld.leerling(i) for i in range(4)]))
    await importeer(
        voorbeeld.bestand([voorbeeld.groep("1A"), voorbeeld.groep("1B", docent="")], Soort.GROEPEN), "groepen"
    )
    koppel = [["1A", "00", "10000"], ["1A", "00", "10001"], ["1B", "00", "10002"]]
    await importeer(voorbeeld.bestand(koppel, Soort.KOPPEL), "koppel")


async def test_export_in_the_import_layout_re_imports_without_changes(
    importeer: Importeer, client: httpx.AsyncClient, beheerder: dict[str, str]
) -> None:
    await richt_in(importeer)
    for soort, regels in (("leerlingen", 5), ("groepen", 3), ("koppel", 3)):
        response = await client.get(
            "/v1/inrichtingen/2026-2027/export",
            params={"soort": soort, "vestigingscode": "00", "tekenset": "windows-1252"},
            headers=beheerder,
        )
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        inhoud = response.content
        assert len(inhoud.decode("cp1252").splitlines()) == regels
        result = await importeer(inhoud, soort, tekenset="windows-1252")
        assert result["status"] == "succesvol", result["log"]
        assert {k: v for k, v in result["aantallen"].items() if k.endswith(WIJZIGINGEN)} == {}


async def test_inrichting_verwijderen_keeps_pupils(
    importeer: Importeer,
    client: httpx.AsyncClient,
    beheerder: dict[str, str],
    auth: Callable[..., dict[str, str]],
    database: Database,
) -> None:
    await richt_in(importeer)
    assert (await client.delete("/v1/inrichtingen/2026-2027", headers=auth())).status_code == 403
    response = await client.delete("/v1/inrichtingen/2026-2027", params={"vestigingscode": "00"}, headers=beheerder)
    assert response.status_code == 200
    verwijderd = response.json()["verwijderd"]
    assert verwijderd == {
        "leerling_groepen": 3,
        "leerling_mentoren": 8,
        "verzorgers": 8,
        "groepen": 2,
        "leerling_inschrijvingen": 4,
    }
    async with database.transaction() as session:
        for model in (LeerlingGroep, Verzorger, Groep, Inschrijving):
            assert await session.scalar(select(func.count()).select_from(model)) == 0
        assert await session.scalar(select(func.count()).select_from(Leerling)) == 4


async def test_endpoints_are_documented_in_the_openapi(client: httpx.AsyncClient) -> None:
    paden = (await client.get("/v1/openapi.json")).json()["paths"]
    assert set(paden["/v1/leerlingimporten"]) == {"get", "post"}
    assert "multipart/form-data" in paden["/v1/leerlingimporten"]["post"]["requestBody"]["content"]
    assert "get" in paden["/v1/leerlingimporten/{import_id}"]
    assert "text/csv" in paden["/v1/inrichtingen/{schooljaar}/export"]["get"]["responses"]["200"]["content"]
    assert "delete" in paden["/v1/inrichtingen/{schooljaar}"]
    assert "get" in paden["/v1/leerlingen/{leerling_id}/inrichting"]
