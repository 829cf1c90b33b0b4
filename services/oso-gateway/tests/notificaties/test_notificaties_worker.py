"""The outbox worker: SWV notification success, retry, dead letter, admin retry; status events to the dossier."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import respx
from sqlalchemy import select, update

from oso_gateway.afleveringen.models import Aflevering
from oso_gateway.notificaties import repository
from oso_gateway.notificaties.models import GatewayOutbox
from oso_shared.db import Database
from oso_shared.outbox import OutboxWorker


async def _aflevering(database: Database, aflevering_id: uuid.UUID) -> Aflevering:
    async with database.transaction() as session:
        return (await session.scalars(select(Aflevering).where(Aflevering.id == aflevering_id))).one()


async def _events(database: Database, helpers: Any) -> list[dict[str, Any]]:
    return [row.payload["gebeurtenis"] for row in await helpers.outbox_rows(database, "gebeurtenis")]


async def test_notification_sent_per_contract_and_event_queued(
    aanleveren: Any, database: Database, step: Any, peers: respx.MockRouter, helpers: Any
) -> None:
    aflevering_id = uuid.uuid4()
    assert (await aanleveren(aflevering_id)).status_code == 201
    sleutel = await helpers.koppelsleutel_of(database, str(aflevering_id))
    assert await step()

    assert peers["swv"].call_count == 1
    body = json.loads(peers["swv"].calls[0].request.content)
    assert body == {
        "koppelsleutel": sleutel,
        "dienst": "OSO-SWV",
        "bron": {"brin": "99AA", "vestigingscode": "02"},
        "doel": {
            "aanleverpunt": helpers.SWV.aanleverpunt_id,
            "nummer": helpers.SWV.aanleverpunt_nummer,
            "routeringskenmerk": f"00000007000{helpers.SWV.aanleverpunt_nummer}",
        },
        "ophaal_url": "http://gateway.test/v1/ophalen",
    }
    aflevering = await _aflevering(database, aflevering_id)
    assert aflevering.status == "notificatie_verzonden"
    assert aflevering.notificatie_verzonden_op is not None
    (row,) = await helpers.outbox_rows(database, "notificatie")
    assert row.status == "done"
    assert "koppelsleutel" not in row.payload  # no longer kept once delivered
    (event,) = await _events(database, helpers)
    assert event["soort"] == "notificatie_verzonden"
    assert event["aflevering_id"] == str(aflevering_id)

    # The event goes to the dossier service with a dienst token.
    assert await step()
    call = peers["dossier"].calls[0].request
    assert call.headers["authorization"].startswith("Bearer ")
    assert json.loads(call.content) == {"gebeurtenissen": [event]}
    assert all(r.status == "done" for r in await helpers.outbox_rows(database))


async def test_5xx_and_timeout_are_retried_then_sent(
    aanleveren: Any, database: Database, step: Any, peers: respx.MockRouter, helpers: Any
) -> None:
    aflevering_id = uuid.uuid4()
    await aanleveren(aflevering_id)
    peers["swv"].side_effect = [httpx.Response(503), httpx.ReadTimeout("slow"), httpx.Response(202)]
    assert await step()
    (row,) = await helpers.outbox_rows(database, "notificatie")
    assert (row.status, row.attempts, row.failures) == ("pending", 1, 1)
    assert "503" in (row.last_error or "")
    assert await step()
    (row,) = await helpers.outbox_rows(database, "notificatie")
    assert (row.status, row.attempts, row.failures) == ("pending", 2, 2)
    assert await step()
    (row,) = await helpers.outbox_rows(database, "notificatie")
    assert (row.status, row.attempts, row.failures) == ("done", 3, 2)
    assert (await _aflevering(database, aflevering_id)).status == "notificatie_verzonden"
    assert peers["swv"].call_count == 3


async def test_4xx_is_a_dead_letter_and_mislukt_event(
    aanleveren: Any, database: Database, step: Any, peers: respx.MockRouter, helpers: Any
) -> None:
    aflevering_id = uuid.uuid4()
    await aanleveren(aflevering_id)
    peers["swv"].respond(400)
    assert await step()
    (row,) = await helpers.outbox_rows(database, "notificatie")
    assert (row.status, row.attempts) == ("dead", 1)
    aflevering = await _aflevering(database, aflevering_id)
    assert aflevering.status == "mislukt"
    (event,) = await _events(database, helpers)
    assert event["soort"] == "mislukt"
    assert "400" in event["reden"]


async def test_max_attempts_then_dead_then_admin_retry_succeeds(
    aanleveren: Any, database: Database, step: Any, peers: respx.MockRouter, helpers: Any
) -> None:
    aflevering_id = uuid.uuid4()
    await aanleveren(aflevering_id)
    peers["swv"].side_effect = httpx.ConnectError("refused")
    for _ in range(3):  # settings: worker_max_attempts=3
        assert await step()
    (row,) = await helpers.outbox_rows(database, "notificatie")
    assert (row.status, row.attempts, row.failures) == ("dead", 3, 3)
    assert (await _aflevering(database, aflevering_id)).status == "mislukt"
    assert [e["soort"] for e in await _events(database, helpers)] == ["mislukt"]

    async with database.transaction() as session:
        assert [r.id for r in await repository.list_rows(session, only_dead=True, limit=10)] == [row.id]
        # The admin names the aflevering (what the school sees), not the outbox row.
        assert await repository.retry_dead(session, [aflevering_id]) == 1
    peers["swv"].side_effect = None
    peers["swv"].respond(202)
    processed = 0
    while await step():
        processed += 1
    (row,) = await helpers.outbox_rows(database, "notificatie")
    assert row.status == "done"
    aflevering = await _aflevering(database, aflevering_id)
    assert aflevering.status == "notificatie_verzonden"
    assert aflevering.mislukt_op is None
    assert sorted(e["soort"] for e in await _events(database, helpers)) == ["mislukt", "notificatie_verzonden"]


async def test_dossier_service_4xx_is_dead_and_5xx_retried(
    aanleveren: Any, database: Database, step: Any, peers: respx.MockRouter, helpers: Any
) -> None:
    await aanleveren()
    assert await step()  # notification
    peers["dossier"].side_effect = [httpx.Response(500), httpx.Response(422)]
    assert await step()
    (event_row,) = await helpers.outbox_rows(database, "gebeurtenis")
    assert (event_row.status, event_row.failures) == ("pending", 1)
    assert await step()
    (event_row,) = await helpers.outbox_rows(database, "gebeurtenis")
    assert event_row.status == "dead"


async def test_repeated_intake_never_notifies_twice(
    aanleveren: Any, database: Database, step: Any, peers: respx.MockRouter, helpers: Any
) -> None:
    aflevering_id = uuid.uuid4()
    for _ in range(3):
        await aanleveren(aflevering_id)
    while await step():
        pass
    assert peers["swv"].call_count == 1


async def test_fetch_before_notification_commit_keeps_opgehaald(
    client: httpx.AsyncClient, aanleveren: Any, database: Database, step: Any, helpers: Any
) -> None:
    aflevering_id = uuid.uuid4()
    await aanleveren(aflevering_id)
    sleutel = await helpers.koppelsleutel_of(database, str(aflevering_id))
    # The SWV was quicker than our commit of the notification's outcome.
    fetched = await client.post("/v1/ophalen", json={"koppelsleutel": sleutel}, headers=helpers.swv_headers())
    assert fetched.status_code == 200
    rows = await helpers.outbox_rows(database, "notificatie")
    async with database.transaction() as session:
        await session.execute(
            update(GatewayOutbox)
            .where(GatewayOutbox.kind == "gebeurtenis")
            .values(status="done")  # only the notification is of interest here
        )
    assert rows[0].status == "pending"
    assert await step()
    aflevering = await _aflevering(database, aflevering_id)
    assert aflevering.status == "opgehaald"
    assert aflevering.notificatie_verzonden_op is not None
    soorten = sorted(r.payload["gebeurtenis"]["soort"] for r in await helpers.outbox_rows(database, "gebeurtenis"))
    assert soorten == ["notificatie_verzonden", "opgehaald"]


async def test_events_go_as_one_bundle_and_a_refused_one_is_dead(
    aanleveren: Any, database: Database, step: Any, peers: respx.MockRouter, helpers: Any, worker: OutboxWorker
) -> None:
    for _ in range(3):
        await aanleveren()
    for _ in range(3):
        await helpers.make_due(database)
        assert await worker.run_once()  # the three notifications, one at a time
    events = await _events(database, helpers)
    assert len(events) == 3
    refused = events[1]["gebeurtenis_id"]

    def one_refused(request: httpx.Request) -> httpx.Response:
        resultaten = [
            {"gebeurtenis_id": e["gebeurtenis_id"], "verwerkt": True, "status": "notificatie_verzonden"}
            if e["gebeurtenis_id"] != refused
            else {"gebeurtenis_id": e["gebeurtenis_id"], "fout": {"code": "AFLEVERING_ONBEKEND", "detail": "x"}}
            for e in json.loads(request.content)["gebeurtenissen"]
        ]
        return httpx.Response(200, json={"resultaten": resultaten})

    peers["dossier"].side_effect = one_refused
    assert await step()
    assert peers["dossier"].call_count == 1  # all three in one request
    sent = json.loads(peers["dossier"].calls[0].request.content)["gebeurtenissen"]
    assert sorted(e["gebeurtenis_id"] for e in sent) == sorted(e["gebeurtenis_id"] for e in events)
    rows = {r.payload["gebeurtenis"]["gebeurtenis_id"]: r for r in await helpers.outbox_rows(database, "gebeurtenis")}
    assert rows[refused].status == "dead"
    assert "AFLEVERING_ONBEKEND" in (rows[refused].last_error or "")
    assert all(r.status == "done" for gid, r in rows.items() if gid != refused)
