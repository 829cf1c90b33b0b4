"""Testen and inlezen through the API: no writes when testing, all or nothing, snapshot semantics, audit."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from sqlalchemy import func, select

from oso_dev import magister as voorbeeld
from oso_dossier.audit.models import AuditRegel
from oso_dossier.leerlingen.models import Leerling
from oso_dossier.leerlingimporten.models import (
    Groep,
    Inschrijving,
    LeerlingGroep,
    LeerlingMentor,
    Medewerker,
    Verzorger,
)
from oso_dossier.leerlingimporten.parsing import Soort, Tekenset
from oso_shared.auth import Rol
from oso_shared.db import Database

Importeer = Callable[..., Coroutine[Any, Any, dict[str, Any]]]
INRICHTING: tuple[Any, ...] = (Leerling, Inschrijving, Verzorger, LeerlingMentor, Medewerker, Groep, LeerlingGroep)


async def tellingen(database: Database) -> dict[str, int]:
    async with database.transaction() as session:
        return {m.__tablename__: await session.scalar(select(func.count()).select_from(m)) or 0 for m in INRICHTING}


async def actief(database: Database, model: Any) -> int:
    async with database.transaction() as session:
        stmt = select(func.count()).select_from(model).where(model.beeindigd_op.is_(None))
        return await session.scalar(stmt) or 0


def leerlingen(aantal: int, start: int = 0, **kw: Any) -> bytes:
    return voorbeeld.bestand([voorbeeld.leerling(i) for i in range(start, start + aantal)], **kw)


async def test_testen_checks_everything_and_writes_no_inrichting(importeer: Importeer, database: Database) -> None:
    voor = await tellingen(database)
    result = await importeer(leerlingen(3), modus="testen")
    assert set(result) == {"id", "status", "regels", "aantallen", "log"}
    assert result["status"] == "succesvol"
    assert result["regels"] == 4
    assert result["aantallen"]["leerlingen_nieuw"] == 3
    assert result["aantallen"]["verzorgers_nieuw"] == 6
    assert result["log"] == []
    assert await tellingen(database) == voor


async def test_inlezen_writes_pupils_verzorgers_mentors_and_inschrijving(
    importeer: Importeer, database: Database
) -> None:
    result = await importeer(leerlingen(3))
    assert result["status"] == "succesvol"
    assert result["aantallen"]["leerlingen_nieuw"] == 3
    assert await tellingen(database) == {
        "leerlingen": 3,
        "leerling_inschrijvingen": 3,
        "verzorgers": 6,
        "leerling_mentoren": 6,
        "medewerkers": 6,
        "groepen": 0,
        "leerling_groepen": 0,
    }
    async with database.transaction() as session:
        leerling = (await session.scalars(select(Leerling).where(Leerling.leerlingnummer == "10001"))).one()
        inschrijving = (
            await session.scalars(select(Inschrijving).where(Inschrijving.leerling_id == leerling.id))
        ).one()
    assert leerling.gegevens["roepnaam"] == "Daniël"
    assert leerling.gegevens["voorvoegsel"] == "de"
    assert leerling.gegevens["geslacht"] == "2"
    assert [v["achternaam"] for v in leerling.gegevens["verzorgers"]] == ["Vries", "Vries-Smit"]
    assert (inschrijving.schooljaar, inschrijving.vestigingscode, inschrijving.ilt_code) == ("2026-2027", "00", "00237")
    assert (inschrijving.leerjaar, inschrijving.klas, inschrijving.uitgeschreven) == ("2", "2A", False)


async def test_a_fout_on_the_last_line_leaves_the_database_unchanged(importeer: Importeer, database: Database) -> None:
    await importeer(leerlingen(2))
    voor = await tellingen(database)
    rijen = [voorbeeld.leerling(i) for i in range(5)]
    rijen[-1] = voorbeeld.leerling(4, wijzig={"Geslacht": "x"})
    result = await importeer(voorbeeld.bestand(rijen))
    assert result["status"] == "fouten_gevonden"
    assert [(r["regel"], r["kolom"], r["soort"]) for r in result["log"]] == [(6, "Geslacht", "fout")]
    assert await tellingen(database) == voor
    async with database.transaction() as session:
        namen = (await session.scalars(select(Leerling.leerlingnummer).order_by(Leerling.leerlingnummer))).all()
    assert namen == ["10000", "10001"]


async def test_snapshot_ends_absent_links_and_marks_absent_pupils_uitgeschreven(
    importeer: Importeer, database: Database
) -> None:
    await importeer(leerlingen(3))
    zonder_tweede_ouder = {f"Ouder/verzorger 2 {k}": "" for k in ("Voorletters", "Achternaam", "M/V", "Post ontvangen")}
    tweede = [voorbeeld.leerling(0, wijzig=zonder_tweede_ouder), voorbeeld.leerling(1)]
    result = await importeer(voorbeeld.bestand(tweede))
    assert result["status"] == "succesvol"
    a = result["aantallen"]
    assert (a["leerlingen_bijgewerkt"], a["leerlingen_uitgeschreven"]) == (2, 1)
    assert (a["verzorgers_beeindigd"], a["mentoren_beeindigd"]) == (1 + 2, 2)
    assert await actief(database, Verzorger) == 3
    assert await actief(database, LeerlingMentor) == 4
    async with database.transaction() as session:
        rows = (
            await session.execute(
                select(Leerling.leerlingnummer, Inschrijving.uitgeschreven)
                .join(Inschrijving, Inschrijving.leerling_id == Leerling.id)
                .order_by(Leerling.leerlingnummer)
            )
        ).all()
    assert [tuple(r) for r in rows] == [("10000", False), ("10001", False), ("10002", True)]
    # the same file again changes nothing; the pupil comes back when the file has it again
    opnieuw = await importeer(voorbeeld.bestand(tweede))
    assert {
        k: v for k, v in opnieuw["aantallen"].items() if k.endswith(("_nieuw", "_beeindigd", "uitgeschreven"))
    } == {}
    terug = await importeer(leerlingen(3))
    assert terug["aantallen"]["verzorgers_nieuw"] == 3


async def test_pupils_of_another_vestiging_stay_enrolled(importeer: Importeer, database: Database) -> None:
    await importeer(leerlingen(2))
    result = await importeer(voorbeeld.bestand([voorbeeld.leerling(5, vestiging="01")]), vestigingscode="01")
    assert result["aantallen"]["leerlingen_nieuw"] == 1
    assert "leerlingen_uitgeschreven" not in result["aantallen"]


async def test_groepen_and_koppel(importeer: Importeer, database: Database) -> None:
    await importeer(leerlingen(3))
    groepen = voorbeeld.bestand([voorbeeld.groep("1A"), voorbeeld.groep("1B", docent="D002")], Soort.GROEPEN)
    result = await importeer(groepen, "groepen")
    assert result["aantallen"]["groepen_nieuw"] == 2
    koppel = voorbeeld.bestand(
        [["1A", "00", "10000"], ["1A", "00", "10001"], ["2C", "00", "10002"], ["1B", "00", "99999"]], Soort.KOPPEL
    )
    result = await importeer(koppel, "koppel")
    assert result["status"] == "succesvol"
    assert [(r["regel"], r["kolom"], r["soort"]) for r in result["log"]] == [
        (3, "Groep", "waarschuwing"),
        (4, "Leerlingnummer", "waarschuwing"),
    ]
    assert "Onbekende groep 2C: aangemaakt in vestiging 00" in result["log"][0]["melding"]
    assert "Onbekend leerlingnummer 99999" in result["log"][1]["melding"]
    assert await actief(database, LeerlingGroep) == 3
    # a groepen snapshot without 1A ends the groep and its pupils' links
    result = await importeer(
        voorbeeld.bestand([voorbeeld.groep("1B"), voorbeeld.groep("2C")], Soort.GROEPEN), "groepen"
    )
    assert result["aantallen"]["groepen_beeindigd"] == 1
    assert await actief(database, LeerlingGroep) == 1
    # a koppel snapshot ends links absent from it
    result = await importeer(voorbeeld.bestand([["1B", "00", "10000"]], Soort.KOPPEL), "koppel")
    assert (result["aantallen"]["koppelingen_nieuw"], result["aantallen"]["koppelingen_beeindigd"]) == (1, 1)


async def test_character_set_through_the_api(importeer: Importeer, database: Database) -> None:
    data = leerlingen(2, tekenset=Tekenset.WINDOWS1252)
    fout = await importeer(data, tekenset="utf-8")
    assert fout["status"] == "fouten_gevonden"
    assert "Windows-1252" in fout["log"][0]["melding"]
    goed = await importeer(data, tekenset="windows-1252")
    assert goed["status"] == "succesvol"
    async with database.transaction() as session:
        namen = (
            await session.scalars(select(Leerling.gegevens["roepnaam"].astext).order_by(Leerling.leerlingnummer))
        ).all()
    assert namen == ["Zoë", "Daniël"]


async def test_excel_upload_is_refused_in_the_log(importeer: Importeer) -> None:
    result = await importeer(b"PK\x03\x04" + bytes(200))
    assert result["status"] == "fouten_gevonden"
    assert result["log"][0]["regel"] == 0
    assert "Excel" in result["log"][0]["melding"]


async def test_audit_has_hash_and_counts_never_contents(importeer: Importeer, database: Database) -> None:
    data = leerlingen(2)
    result = await importeer(data, modus="testen")
    async with database.transaction() as session:
        [rij] = (await session.scalars(select(AuditRegel).where(AuditRegel.actie == "leerlingimport_testen"))).all()
    assert rij.actor == "sb:99AA:1"
    assert rij.school == "99AA"
    assert rij.details["sha256"] == hashlib.sha256(data).hexdigest()
    assert rij.details["import_id"] == result["id"]
    assert rij.details["aantallen"]["leerlingen_nieuw"] == 2
    assert "Zoë" not in str(rij.details)
    assert "10000" not in str(rij.details)


async def test_list_and_detail_and_rights(
    importeer: Importeer, client: httpx.AsyncClient, auth: Callable[..., dict[str, str]]
) -> None:
    eerste = await importeer(leerlingen(1), modus="testen")
    await importeer(voorbeeld.bestand([voorbeeld.groep("1A")], Soort.GROEPEN), "groepen")
    zc = auth()
    lijst = (await client.get("/v1/leerlingimporten", headers=zc)).json()
    assert [(x["soort"], x["modus"]) for x in lijst] == [("groepen", "inlezen"), ("leerlingen", "testen")]
    alleen = (await client.get("/v1/leerlingimporten", params={"soort": "groepen"}, headers=zc)).json()
    assert len(alleen) == 1
    detail = (await client.get(f"/v1/leerlingimporten/{eerste['id']}", headers=zc)).json()
    assert detail == eerste
    # a zorgcoördinator reads but does not import; another school sees nothing
    await importeer(leerlingen(1), headers=zc, status=403)
    ander = auth(rol=Rol.SCHOOLBEHEERDER, school="88BB", rechten=())
    assert (await client.get(f"/v1/leerlingimporten/{eerste['id']}", headers=ander)).status_code == 404
    assert (await client.get("/v1/leerlingimporten", headers=ander)).json() == []


async def test_wrong_use_is_422(importeer: Importeer) -> None:
    fout = await importeer(leerlingen(1), schooljaar="2026-2028", status=422)
    assert fout["code"] == "SCHOOLJAAR_ONGELDIG"
    fout = await importeer(leerlingen(1), vestigingscode="07", status=422)
    assert fout["code"] == "VESTIGING_NIET_VAN_SCHOOL"
    await importeer(leerlingen(1), soort="cijfers", status=422)


async def test_a_new_import_rewrites_magister_fields_and_keeps_the_schools_own(
    importeer: Importeer, client: httpx.AsyncClient, auth: Callable[..., dict[str, str]]
) -> None:
    await importeer(leerlingen(2))
    lijst = (await client.get("/v1/leerlingen", headers=auth())).json()
    lid = lijst[0]["id"]
    url = f"/v1/leerlingen/{lid}"
    assert (
        await client.put(f"{url}/vrije-info", json={"vrije_info": "Eigen notitie."}, headers=auth())
    ).status_code == 200
    detail = (await client.get(url, headers=auth())).json()
    magister_roepnaam = detail["gegevens"]["roepnaam"]
    gegevens = {**detail["gegevens"], "roepnaam": "Anders", "geboorteplaats": "Zwolle"}
    body = {
        "vestigingscode": "00",
        "leerlingnummer": detail["leerlingnummer"],
        "bsn": "123456782",
        "gegevens": gegevens,
    }
    assert (await client.put(url, json=body, headers=auth())).status_code == 200
    await importeer(leerlingen(2))
    na = (await client.get(url, headers=auth())).json()
    assert na["gegevens"]["roepnaam"] == magister_roepnaam  # the Basisgegevens tab's "(uit Magister)" note
    assert (na["gegevens"]["geboorteplaats"], na["bsn"], na["vrije_info"]) == ("Zwolle", "123456782", "Eigen notitie.")
