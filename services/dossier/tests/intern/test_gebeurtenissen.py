"""Events from the oso-gateway: idempotent, forward-only, terugkoppeling shown on the dossier."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import httpx

from oso_shared.auth import Rol

Auth = Callable[..., dict[str, str]]


async def _opvraagbaar(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], leerling: int = 0
) -> tuple[str, str]:
    did = str((await maak_dossier(leerling))["id"])
    await client.post(f"/v1/dossiers/{did}/voltooien", headers=auth())
    await client.post(f"/v1/dossiers/{did}/valideren", headers=auth())
    body = (await client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth())).json()
    return did, str(body["aflevering_id"])


def _event(aflevering_id: str, soort: str, **extra: Any) -> dict[str, Any]:
    return {
        "gebeurtenis_id": str(uuid.uuid4()),
        "aflevering_id": aflevering_id,
        "soort": soort,
        "op": dt.datetime.now(dt.UTC).isoformat(),
        "reden": None,
        "terugkoppeling": None,
        **extra,
    }


async def test_chain_of_events_and_messages(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    did, aid = await _opvraagbaar(client, auth, maak_dossier)
    dienst = auth(rol=Rol.DIENST, school=None, rechten=(), sub="dienst:oso-gateway")
    event = _event(aid, "notificatie_verzonden")
    response = await client.post("/v1/intern/gebeurtenissen", json=event, headers=dienst)
    assert response.status_code == 202
    assert response.json() == {"verwerkt": True, "status": "notificatie_verzonden"}
    again = await client.post("/v1/intern/gebeurtenissen", json=event, headers=dienst)
    assert again.status_code == 202
    assert again.json()["verwerkt"] is False
    detail = (await client.get(f"/v1/dossiers/{did}", headers=auth())).json()
    assert detail["melding"] == "Notificatie aan samenwerkingsverband is verstuurd"
    await client.post("/v1/intern/gebeurtenissen", json=_event(aid, "opgehaald"), headers=dienst)
    terug = {"status": "in behandeling", "bericht": "Hulpvraag aangemaakt en toegekend.", "referentie": "HV-2026-0042"}
    await client.post(
        "/v1/intern/gebeurtenissen", json=_event(aid, "teruggekoppeld", terugkoppeling=terug), headers=dienst
    )
    detail = (await client.get(f"/v1/dossiers/{did}", headers=auth())).json()
    assert detail["status"] == "teruggekoppeld"
    assert detail["terugkoppeling"]["referentie"] == "HV-2026-0042"
    tijdlijn = (await client.get(f"/v1/dossiers/{did}/tijdlijn", headers=auth())).json()
    assert [t["soort"] for t in tijdlijn] == [
        "concept",
        "gevalideerd",
        "opvraagbaar",
        "notificatie_verzonden",
        "opgehaald",
        "teruggekoppeld",
    ]
    assert tijdlijn[3]["door"] == "dienst:oso-gateway"


async def test_out_of_order_events_never_move_back(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    _, aid = await _opvraagbaar(client, auth, maak_dossier)
    dienst = auth(rol=Rol.DIENST, school=None, rechten=())
    await client.post("/v1/intern/gebeurtenissen", json=_event(aid, "opgehaald"), headers=dienst)
    response = await client.post("/v1/intern/gebeurtenissen", json=_event(aid, "notificatie_verzonden"), headers=dienst)
    assert response.json() == {"verwerkt": True, "status": "opgehaald"}
    response = await client.post(
        "/v1/intern/gebeurtenissen", json=_event(aid, "mislukt", reden="te laat"), headers=dienst
    )
    assert response.json()["status"] == "opgehaald"


async def test_mislukt_with_reason(client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]) -> None:
    did, aid = await _opvraagbaar(client, auth, maak_dossier)
    dienst = auth(rol=Rol.DIENST, school=None, rechten=())
    event = _event(aid, "mislukt", reden="Mandaat ingetrokken")
    assert (await client.post("/v1/intern/gebeurtenissen", json=event, headers=dienst)).json()["status"] == "mislukt"
    detail = (await client.get(f"/v1/dossiers/{did}", headers=auth())).json()
    assert (detail["status"], detail["mislukt_reden"], detail["melding"]) == ("mislukt", "Mandaat ingetrokken", None)


async def test_only_services_and_known_deliveries(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    event = _event(str(uuid.uuid4()), "opgehaald")
    response = await client.post("/v1/intern/gebeurtenissen", json=event, headers=auth())
    assert (response.status_code, response.json()["code"]) == (403, "ROL_NIET_TOEGESTAAN")
    dienst = auth(rol=Rol.DIENST, school=None, rechten=())
    response = await client.post("/v1/intern/gebeurtenissen", json=event, headers=dienst)
    assert (response.status_code, response.json()["code"]) == (404, "AFLEVERING_ONBEKEND")


async def test_bundle_processes_each_event_once_and_reports_unknown_ones(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    eerste, aid1 = await _opvraagbaar(client, auth, maak_dossier)
    tweede, aid2 = await _opvraagbaar(client, auth, maak_dossier, leerling=1)
    dienst = auth(rol=Rol.DIENST, school=None, rechten=(), sub="dienst:oso-gateway")
    onbekend = _event(str(uuid.uuid4()), "opgehaald")
    events = [_event(aid1, "notificatie_verzonden"), onbekend, _event(aid2, "opgehaald"), _event(aid1, "opgehaald")]
    response = await client.post("/v1/intern/gebeurtenisbundels", json={"gebeurtenissen": events}, headers=dienst)
    assert response.status_code == 200
    resultaten = response.json()["resultaten"]
    assert [r["gebeurtenis_id"] for r in resultaten] == [e["gebeurtenis_id"] for e in events]  # in the sent order
    assert [r["verwerkt"] for r in resultaten] == [True, False, True, True]
    assert resultaten[1]["fout"]["code"] == "AFLEVERING_ONBEKEND"
    for did in (eerste, tweede):
        assert (await client.get(f"/v1/dossiers/{did}", headers=auth())).json()["status"] == "opgehaald"

    again = await client.post("/v1/intern/gebeurtenisbundels", json={"gebeurtenissen": events}, headers=dienst)
    assert [r["verwerkt"] for r in again.json()["resultaten"]] == [False, False, False, False]
    tijdlijn = (await client.get(f"/v1/dossiers/{eerste}/tijdlijn", headers=auth())).json()
    assert [t["soort"] for t in tijdlijn].count("opgehaald") == 1


async def test_bundle_applies_events_in_time_order_and_a_repeat_once(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    did, aid = await _opvraagbaar(client, auth, maak_dossier)
    dienst = auth(rol=Rol.DIENST, school=None, rechten=(), sub="dienst:oso-gateway")
    nu = dt.datetime.now(dt.UTC)
    verzonden = _event(aid, "notificatie_verzonden", op=nu.isoformat())
    opgehaald = _event(aid, "opgehaald", op=(nu + dt.timedelta(seconds=1)).isoformat())
    events = [opgehaald, verzonden, opgehaald]  # sent out of order, the fetch twice
    response = await client.post("/v1/intern/gebeurtenisbundels", json={"gebeurtenissen": events}, headers=dienst)
    resultaten = response.json()["resultaten"]
    assert [(r["verwerkt"], r["status"]) for r in resultaten] == [
        (True, "opgehaald"),
        (True, "notificatie_verzonden"),
        (False, "opgehaald"),
    ]
    tijdlijn = (await client.get(f"/v1/dossiers/{did}/tijdlijn", headers=auth())).json()
    assert [t["soort"] for t in tijdlijn][-2:] == ["notificatie_verzonden", "opgehaald"]
    assert (await client.get(f"/v1/dossiers/{did}", headers=auth())).json()["status"] == "opgehaald"


async def test_bundle_is_for_services_only(client: httpx.AsyncClient, auth: Auth) -> None:
    body = {"gebeurtenissen": [_event(str(uuid.uuid4()), "opgehaald")]}
    assert (await client.post("/v1/intern/gebeurtenisbundels", json=body, headers=auth())).status_code == 403
    assert (
        await client.post(
            "/v1/intern/gebeurtenisbundels",
            json={"gebeurtenissen": []},
            headers=auth(rol=Rol.DIENST, school=None, rechten=()),
        )
    ).status_code == 422
