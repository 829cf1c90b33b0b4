"""The zorgcoördinator's steps: create, optional parts, voltooien, valideren, opvraagbaar maken; what is forbidden."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import respx
from sqlalchemy import func, select

from oso_dossier.outbox.models import Outbox
from oso_shared.db import Database

Auth = Callable[..., dict[str, str]]


async def _klaar_voor_opvraagbaar(client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]) -> str:
    dossier = await maak_dossier()
    did = dossier["id"]
    assert (await client.post(f"/v1/dossiers/{did}/voltooien", headers=auth())).status_code == 200
    response = await client.post(f"/v1/dossiers/{did}/valideren", headers=auth())
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "gevalideerd", response.json()["validatie"]
    return str(did)


async def test_create_dossier_snapshots_school_and_aanleverpunt(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    dossier = await maak_dossier(opties={"contactnodig": True, "contactpersoon": "Mevr. De Wit"})
    assert dossier["status"] == "concept"
    assert dossier["school"]["naam"] == "Scholengemeenschap De Brug"
    assert dossier["school"]["adres"]["postcode"] == "3011AA"
    assert dossier["aanleverpunt"]["nummer"] == "2801500"
    assert dossier["opties"]["contactpersoon"] == "Mevr. De Wit"
    assert dossier["categorieen"]["cat_vve"] == "VERBODEN"
    assert dossier["categorieen"]["cat_verzuim"] == "OPTIONEEL"
    assert dossier["melding"] is None


async def test_unknown_vestiging_and_non_swv_aanleverpunt_are_refused(
    client: httpx.AsyncClient, auth: Auth, maak_leerling: Callable[..., Any], registry: respx.MockRouter
) -> None:
    leerling_id = await maak_leerling()
    base = {"leerling_id": leerling_id, "aanleverpunt_id": "59f952f6-e07e-5962-97d7-2a6d9ee87d66"}
    response = await client.post("/v1/dossiers", json={**base, "vestigingscode": "07"}, headers=auth())
    assert response.status_code == 422
    assert response.json()["code"] == "VESTIGING_NIET_VAN_SCHOOL"
    response = await client.post(
        "/v1/dossiers",
        json={**base, "vestigingscode": "00", "aanleverpunt_id": "00000000-0000-0000-0000-000000000000"},
        headers=auth(),
    )
    assert response.status_code == 422
    assert response.json()["code"] == "AANLEVERPUNT_NIET_TOEGESTAAN"


async def test_full_happy_path_with_messages_and_timeline(
    client: httpx.AsyncClient,
    auth: Auth,
    maak_dossier: Callable[..., Any],
    database: Database,
    registry: respx.MockRouter,
    controle_ok: dict[str, Any],
) -> None:
    registry.routes["controle"].respond(json={**controle_ok, "route": {**controle_ok["route"], "besluit": "a.b.c"}})
    did = await _klaar_voor_opvraagbaar(client, auth, maak_dossier)
    detail = (await client.get(f"/v1/dossiers/{did}", headers=auth())).json()
    assert detail["validatie"]["melding"] == "Het dossier is correct bevonden"
    assert detail["validatie"]["findings"] == []
    response = await client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth())
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "opvraagbaar"
    assert body["melding"] == "Notificatie aan samenwerkingsverband wordt verstuurd"
    assert body["aflevering_id"]
    async with database.transaction() as session:
        rows = (await session.scalars(select(Outbox))).all()
    assert [r.payload["aflevering_id"] for r in rows] == [body["aflevering_id"]]
    assert rows[0].payload["bron"] == {"brin": "99AA", "vestigingscode": "00", "systeem": "Magister"}
    # The check is for the dossier's own vestiging, and its signed decision travels on to the gateway.
    assert json.loads(registry.routes["controle"].calls.last.request.content)["bron"]["brin"] == "99AA00"
    assert rows[0].payload["besluit"] == "a.b.c"
    tijdlijn = (await client.get(f"/v1/dossiers/{did}/tijdlijn", headers=auth())).json()
    assert [t["soort"] for t in tijdlijn] == ["concept", "gevalideerd", "opvraagbaar"]
    assert all(t["door"] == "zc:99AA:1" for t in tijdlijn)


async def test_after_opvraagbaar_no_change_or_delete(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], database: Database
) -> None:
    did = await _klaar_voor_opvraagbaar(client, auth, maak_dossier)
    assert (await client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth())).status_code == 200
    attempts = [
        client.patch(f"/v1/dossiers/{did}", json={"opties": {"contactnodig": False}}, headers=auth()),
        client.delete(f"/v1/dossiers/{did}", headers=auth()),
        client.post(f"/v1/dossiers/{did}/genereren", headers=auth()),
        client.post(f"/v1/dossiers/{did}/valideren", headers=auth()),
        client.post(f"/v1/dossiers/{did}/voltooien", headers=auth()),
        client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth()),
        client.post(
            f"/v1/dossiers/{did}/bijlagen",
            content=b"hallo",
            headers={**auth(), "content-disposition": 'attachment; filename="a.txt"'},
        ),
    ]
    for attempt in attempts:
        response = await attempt
        assert response.status_code == 409, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "DOSSIER_NIET_MEER_WIJZIGBAAR"
    async with database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Outbox)) == 1


async def test_correction_is_new_dossier_referring_to_earlier(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    did = await _klaar_voor_opvraagbaar(client, auth, maak_dossier)
    eerste = (await client.get(f"/v1/dossiers/{did}", headers=auth())).json()
    # A correction may only refer to a dossier that was made opvraagbaar.
    body = {
        "leerling_id": eerste["leerling_id"],
        "vestigingscode": "00",
        "aanleverpunt_id": eerste["aanleverpunt"]["id"],
    }
    response = await client.post("/v1/dossiers", json={**body, "vorige_dossier_id": did}, headers=auth())
    assert response.status_code == 422
    assert response.json()["code"] == "VORIG_DOSSIER_ONGELDIG"
    assert (await client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth())).status_code == 200
    response = await client.post("/v1/dossiers", json={**body, "vorige_dossier_id": did}, headers=auth())
    assert response.status_code == 201
    assert response.json()["vorige_dossier_id"] == did
    assert response.json()["status"] == "concept"


async def test_validate_requires_generated_and_current_xml(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    dossier = await maak_dossier()
    did = dossier["id"]
    response = await client.post(f"/v1/dossiers/{did}/valideren", headers=auth())
    assert response.status_code == 409
    assert response.json()["code"] == "DOSSIER_NIET_GEGENEREERD"
    assert (await client.post(f"/v1/dossiers/{did}/genereren", headers=auth())).json()["actueel"] is True
    patch = await client.patch(f"/v1/dossiers/{did}", json={"opties": {"aandachtspunten": "Faalangst"}}, headers=auth())
    assert patch.json()["actueel"] is False
    response = await client.post(f"/v1/dossiers/{did}/valideren", headers=auth())
    assert response.status_code == 409
    assert response.json()["code"] == "DOSSIER_NIET_ACTUEEL"


async def test_change_after_validation_returns_to_concept_and_blocks_opvraagbaar(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    did = await _klaar_voor_opvraagbaar(client, auth, maak_dossier)
    response = await client.patch(f"/v1/dossiers/{did}", json={"categorieen": {"cat_verzuim": False}}, headers=auth())
    assert response.json()["status"] == "concept"
    response = await client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth())
    assert response.status_code == 409
    assert response.json()["code"] == "DOSSIER_NIET_GEREED"
    assert [o["code"] for o in response.json()["ontbrekend"]] == ["DOSSIER_NIET_GEVALIDEERD"]


async def test_leerling_change_after_validation_is_detected_by_hash(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    from oso_dossier.demo_data import leerlingen

    did = await _klaar_voor_opvraagbaar(client, auth, maak_dossier)
    leerling_id = (await client.get(f"/v1/dossiers/{did}", headers=auth())).json()["leerling_id"]
    d = leerlingen()[0]
    gegevens = d.gegevens.model_dump(mode="json", exclude_none=True)
    gegevens["roepnaam"] = "Daantje"
    body = {"vestigingscode": d.vestigingscode, "leerlingnummer": d.leerlingnummer, "gegevens": gegevens}
    assert (await client.put(f"/v1/leerlingen/{leerling_id}", json=body, headers=auth())).status_code == 200
    response = await client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth())
    assert response.status_code == 409
    assert [o["code"] for o in response.json()["ontbrekend"]] == ["DOSSIER_GEWIJZIGD_NA_VALIDATIE"]


async def test_draft_can_be_deleted(client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]) -> None:
    did = (await maak_dossier())["id"]
    assert (await client.delete(f"/v1/dossiers/{did}", headers=auth())).status_code == 204
    assert (await client.get(f"/v1/dossiers/{did}", headers=auth())).status_code == 404


async def test_validation_failure_returns_findings_with_fields(
    client: httpx.AsyncClient, auth: Auth, maak_leerling: Callable[..., Any], registry: respx.MockRouter
) -> None:
    from oso_dossier.demo_data import leerlingen

    gegevens = leerlingen()[0].gegevens.model_dump(mode="json", exclude_none=True)
    gegevens["schoolloopbaan"] = []
    leerling_id = await maak_leerling(0, gegevens=gegevens)
    body = {
        "leerling_id": leerling_id,
        "vestigingscode": "00",
        "aanleverpunt_id": "59f952f6-e07e-5962-97d7-2a6d9ee87d66",
    }
    did = (await client.post("/v1/dossiers", json=body, headers=auth())).json()["id"]
    await client.post(f"/v1/dossiers/{did}/voltooien", headers=auth())
    response = await client.post(f"/v1/dossiers/{did}/valideren", headers=auth())
    assert response.status_code == 200
    result = response.json()
    assert result["status"] == "concept"
    assert result["validatie"]["valid"] is False
    assert result["validatie"]["melding"].startswith("Het dossier bevat")
    findings = result["validatie"]["findings"]
    assert findings
    assert set(findings[0]) == {"rule", "severity", "path", "message", "hint"}
    assert any(f["rule"] == "PaO.SL01" for f in findings)
    tijdlijn = (await client.get(f"/v1/dossiers/{did}/tijdlijn", headers=auth())).json()
    assert tijdlijn[-1]["soort"] == "validatie_afgekeurd"


async def test_opt_out_that_drops_entered_data_is_warned(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    dossier = await maak_dossier(opties={"aandachtspunten": "Faalangst bij toetsen"})
    assert dossier["waarschuwingen"] == []
    did = dossier["id"]
    response = await client.patch(
        f"/v1/dossiers/{did}", json={"categorieen": {"cat_overstapadvies": False}}, headers=auth()
    )
    assert response.json()["categorieen"]["cat_overstapadvies"] == "OPT-UIT"
    assert "aandachtspunten gaan niet mee" in response.json()["waarschuwingen"][0]
