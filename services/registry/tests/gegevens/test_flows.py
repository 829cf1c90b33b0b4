"""The import flow: all or nothing, semantic checks before any write, audit, and the export → import round trip."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from oso_dev.demo.registry import demo_gegevens
from oso_registry.audit.models import AuditRegel
from oso_registry.gegevens import flows, service
from oso_registry.organisaties.models import Bestuur, School
from oso_registry.problems import ImportOngeldig
from oso_registry.toegang import Actor
from oso_shared.db import Database

ACTOR = Actor("test", "test")


def demo_tekst() -> str:
    return demo_gegevens().model_dump_json(indent=2)


async def tel(database: Database, model: type[object]) -> int:
    async with database.transaction() as s:
        return int(await s.scalar(select(func.count()).select_from(model)) or 0)


async def test_round_trip(database: Database) -> None:
    tekst = demo_tekst()
    async with database.transaction() as s:
        samenvatting = await flows.importeer(s, ACTOR, service.lees_bestand(tekst), tekst, ontwikkeling=True)
    assert samenvatting.gewijzigd["scholen"] == 5
    assert samenvatting.gewijzigd["registraties"] == 5
    async with database.transaction() as s:
        export = await service.exporteer(s)
    verwacht = demo_gegevens()
    for bestuur in verwacht.besturen:
        for school in bestuur.scholen:
            school.mandaten.sort(key=lambda m: (m.dienst, m.systeem))
    for swv in verwacht.samenwerkingsverbanden:
        swv.registraties.sort()
    verwacht.systemen.sort(key=lambda x: x.naam)
    verwacht.samenwerkingsverbanden.sort(key=lambda w: w.code)
    assert export == verwacht
    async with database.transaction() as s:
        again = await flows.importeer(s, ACTOR, export, ontwikkeling=True)
    assert again.gewijzigd == {}


async def test_semantische_fouten_schrijven_niets(database: Database) -> None:
    data = json.loads(demo_tekst())
    data["besturen"][0]["scholen"][0]["mandaten"].append({"dienst": "OSO-SWV", "systeem": "Somtoday"})
    data["samenwerkingsverbanden"][1]["registraties"].append("99BB01")  # no own environment
    data["samenwerkingsverbanden"][1]["systeem"] = "Magister"  # not an SWV system
    data["samenwerkingsverbanden"][0]["aanleverpunten"][0]["publieke_sleutel"] = "geen sleutel"
    tekst = json.dumps(data, indent=2)
    with pytest.raises(ImportOngeldig) as exc:
        async with database.transaction() as s:
            await flows.importeer(s, ACTOR, service.lees_bestand(tekst), tekst, ontwikkeling=True)
    velden = sorted(f["veld"] for f in exc.value.extensions["fouten"])
    assert velden == [
        "besturen[0].scholen[0].mandaten[3].systeem",
        "samenwerkingsverbanden[0].aanleverpunten[0].publieke_sleutel",
        "samenwerkingsverbanden[1].registraties[2]",
        "samenwerkingsverbanden[1].systeem",
    ]
    assert all(f["regel"] for f in exc.value.extensions["fouten"])
    assert await tel(database, Bestuur) == 0
    assert await tel(database, School) == 0
    assert await tel(database, AuditRegel) == 0


async def test_dubbele_school_in_bestand(database: Database) -> None:
    data = json.loads(demo_tekst())
    data["besturen"][1]["scholen"].append(data["besturen"][0]["scholen"][0])
    tekst = json.dumps(data, indent=2)
    with pytest.raises(ImportOngeldig) as exc:
        async with database.transaction() as s:
            await flows.importeer(s, ACTOR, service.lees_bestand(tekst), tekst, ontwikkeling=True)
    assert [f["veld"] for f in exc.value.extensions["fouten"]] == ["besturen[1].scholen[2].brin"]
    assert await tel(database, School) == 0


async def test_import_werkt_bij_en_auditeert(database: Database) -> None:
    async with database.transaction() as s:
        await flows.importeer(s, ACTOR, demo_gegevens(), ontwikkeling=True)
    data = demo_gegevens()
    data.besturen[0].naam = "Stichting VO Rijnmond (nieuw)"
    data.besturen[0].scholen[0].vestigingen[0].telefoon = "010-0000000"
    async with database.transaction() as s:
        samenvatting = await flows.importeer(s, ACTOR, data, ontwikkeling=True)
    assert samenvatting.gewijzigd == {"besturen": 1, "vestigingen": 1}
    async with database.transaction() as s:
        regels = (await s.scalars(select(AuditRegel).order_by(AuditRegel.id.desc()).limit(2))).all()
    assert {r.actie for r in regels} == {"bestuur_gewijzigd", "vestiging_geimporteerd"}
