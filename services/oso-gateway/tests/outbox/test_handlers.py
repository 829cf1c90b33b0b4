"""The outbox worker: SWV notification success, retry, dead letter, admin retry; status events to the dossier."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest
import respx
from sqlalchemy import select, update

from oso_gateway.afleveringen.models import Aflevering
from oso_gateway.afleveringen.service import hash_koppelsleutel
from oso_gateway.outbox import repository
from oso_gateway.outbox.handlers import REDEN_ADRES, REDEN_ONBEREIKBAAR
from oso_gateway.outbox.models import Outbox
from oso_shared.db import Database
from oso_shared.outbox import OutboxWorker

from ..helpers import (
    SWV,
    Aanleveren,
    Step,
    events,
    koppelsleutel_of,
    make_due,
    outbox_rows,
    route_json,
    routeringskenmerk,
    swv_headers,
)


async def _aflevering(database: Database, aflevering_id: uuid.UUID) -> Aflevering:
    async with database.transaction() as session:
        return (await session.scalars(select(Aflevering).where(Aflevering.id == aflevering_id))).one()


async def test_notification_sent_per_contract_and_event_queued(
    aanleveren: Aanleveren, database: Database, step: Step, peers: respx.MockRouter
) -> None:
    aflevering_id = uuid.uuid4()
    assert (await aanleveren(aflevering_id)).status_code == 201
    sleutel = await koppelsleutel_of(database, aflevering_id)
    assert await step()

    assert peers["swv"].call_count == 1
    body = json.loads(peers["swv"].calls[0].request.content)
    assert body == {
        "koppelsleutel": sleutel,
        "dienst": "OSO-SWV",
        "bron": {"brin": "99AA", "vestigingscode": "02"},
        "doel": {
            "aanleverpunt": SWV.aanleverpunt_id,
            "nummer": SWV.aanleverpunt_nummer,
            "routeringskenmerk": routeringskenmerk(SWV),
        },
        "ophaal_url": "http://gateway.test/v1/ophalen",
    }
    aflevering = await _aflevering(database, aflevering_id)
    assert aflevering.status == "notificatie_verzonden"
    assert aflevering.notificatie_verzonden_op is not None
    (row,) = await outbox_rows(database, "notificatie")
    assert row.status == "done"
    assert "koppelsleutel" not in row.payload  # no longer kept once delivered
    (event,) = await events(database)
    assert event["soort"] == "notificatie_verzonden"
    assert event["aflevering_id"] == str(aflevering_id)

    # The event goes to the dossier service with a dienst token.
    assert await step()
    call = peers["dossier"].calls[0].request
    assert call.headers["authorization"].startswith("Bearer ")
    assert json.loads(call.content) == {"gebeurtenissen": [event]}
    assert all(r.status == "done" for r in await outbox_rows(database))


async def test_5xx_and_timeout_are_retried_then_sent(
    aanleveren: Aanleveren, database: Database, step: Step, peers: respx.MockRouter
) -> None:
    aflevering_id = uuid.uuid4()
    await aanleveren(aflevering_id)
    peers["swv"].side_effect = [httpx.Response(503), httpx.ReadTimeout("slow"), httpx.Response(202)]
    assert await step()
    (row,) = await outbox_rows(database, "notificatie")
    assert (row.status, row.attempts, row.failures) == ("pending", 1, 1)
    assert "503" in (row.last_error or "")
    assert await step()
    (row,) = await outbox_rows(database, "notificatie")
    assert (row.status, row.attempts, row.failures) == ("pending", 2, 2)
    assert await step()
    (row,) = await outbox_rows(database, "notificatie")
    assert (row.status, row.attempts, row.failures) == ("done", 3, 2)
    assert (await _aflevering(database, aflevering_id)).status == "notificatie_verzonden"
    assert peers["swv"].call_count == 3


async def test_4xx_is_a_dead_letter_and_mislukt_event(
    aanleveren: Aanleveren, database: Database, step: Step, peers: respx.MockRouter
) -> None:
    aflevering_id = uuid.uuid4()
    await aanleveren(aflevering_id)
    peers["swv"].respond(400)
    assert await step()
    (row,) = await outbox_rows(database, "notificatie")
    assert (row.status, row.attempts) == ("dead", 1)
    aflevering = await _aflevering(database, aflevering_id)
    assert aflevering.status == "mislukt"
    (event,) = await events(database)
    assert event["soort"] == "mislukt"
    assert event["reden"] == "Het samenwerkingsverband heeft de notificatie niet aangenomen."
    assert "400" not in event["reden"]


async def test_max_attempts_then_dead_then_admin_retry_succeeds(
    aanleveren: Aanleveren, database: Database, step: Step, peers: respx.MockRouter
) -> None:
    aflevering_id = uuid.uuid4()
    await aanleveren(aflevering_id)
    peers["swv"].side_effect = httpx.ConnectError("refused")
    for _ in range(3):  # settings: worker_max_attempts=3
        assert await step()
    (row,) = await outbox_rows(database, "notificatie")
    assert (row.status, row.attempts, row.failures) == ("dead", 3, 3)
    assert "koppelsleutel" not in row.payload  # a dead letter keeps no key in plain text
    eerste_hash = (await _aflevering(database, aflevering_id)).koppelsleutel_hash
    assert (await _aflevering(database, aflevering_id)).status == "mislukt"
    assert [e["soort"] for e in await events(database)] == ["mislukt"]

    async with database.transaction() as session:
        assert [r.id for r in await repository.list(session, only_dead=True, limit=10)] == [row.id]
        # The admin names the aflevering (what the school sees), not the outbox row.
        assert await repository.retry_dead(session, [aflevering_id]) == 1
    peers["swv"].side_effect = None
    peers["swv"].respond(202)
    processed = 0
    while await step():
        processed += 1
    (row,) = await outbox_rows(database, "notificatie")
    assert row.status == "done"
    aflevering = await _aflevering(database, aflevering_id)
    assert aflevering.status == "notificatie_verzonden"
    assert aflevering.mislukt_op is None
    # The revived notification carried a new key; only its hash is stored, and the SWV can fetch with it.
    verzonden = json.loads(peers["swv"].calls.last.request.content)["koppelsleutel"]
    assert aflevering.koppelsleutel_hash == hash_koppelsleutel(verzonden) != eerste_hash
    assert "koppelsleutel" not in row.payload
    assert sorted(e["soort"] for e in await events(database)) == ["mislukt", "notificatie_verzonden"]


async def test_dossier_service_4xx_is_dead_and_5xx_retried(
    aanleveren: Aanleveren, database: Database, step: Step, peers: respx.MockRouter
) -> None:
    await aanleveren()
    assert await step()  # notification
    peers["dossier"].side_effect = [httpx.Response(500), httpx.Response(422)]
    assert await step()
    (event_row,) = await outbox_rows(database, "gebeurtenis")
    assert (event_row.status, event_row.failures) == ("pending", 1)
    assert await step()
    (event_row,) = await outbox_rows(database, "gebeurtenis")
    assert event_row.status == "dead"


async def test_repeated_intake_never_notifies_twice(
    aanleveren: Aanleveren, database: Database, step: Step, peers: respx.MockRouter
) -> None:
    aflevering_id = uuid.uuid4()
    for _ in range(3):
        await aanleveren(aflevering_id)
    while await step():
        pass
    assert peers["swv"].call_count == 1


async def test_fetch_before_notification_commit_keeps_opgehaald(
    client: httpx.AsyncClient, aanleveren: Aanleveren, database: Database, step: Step
) -> None:
    aflevering_id = uuid.uuid4()
    await aanleveren(aflevering_id)
    sleutel = await koppelsleutel_of(database, aflevering_id)
    # The SWV was quicker than our commit of the notification's outcome.
    fetched = await client.post("/v1/ophalen", json={"koppelsleutel": sleutel}, headers=swv_headers())
    assert fetched.status_code == 200
    rows = await outbox_rows(database, "notificatie")
    async with database.transaction() as session:
        await session.execute(
            update(Outbox)
            .where(Outbox.kind == "gebeurtenis")
            .values(status="done")  # only the notification is of interest here
        )
    assert rows[0].status == "pending"
    assert await step()
    aflevering = await _aflevering(database, aflevering_id)
    assert aflevering.status == "opgehaald"
    assert aflevering.notificatie_verzonden_op is not None
    soorten = sorted(r.payload["gebeurtenis"]["soort"] for r in await outbox_rows(database, "gebeurtenis"))
    assert soorten == ["notificatie_verzonden", "opgehaald"]


async def test_events_go_as_one_bundle_and_a_refused_one_is_dead(
    aanleveren: Aanleveren, database: Database, step: Step, peers: respx.MockRouter, worker: OutboxWorker
) -> None:
    for _ in range(3):
        await aanleveren()
    for _ in range(3):
        await make_due(database)
        assert await worker.run_once()  # the three notifications, one at a time
    queued = await events(database)
    assert len(queued) == 3
    refused = queued[1]["gebeurtenis_id"]

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
    assert sorted(e["gebeurtenis_id"] for e in sent) == sorted(e["gebeurtenis_id"] for e in queued)
    rows = {r.payload["gebeurtenis"]["gebeurtenis_id"]: r for r in await outbox_rows(database, "gebeurtenis")}
    assert rows[refused].status == "dead"
    assert "AFLEVERING_ONBEKEND" in (rows[refused].last_error or "")
    assert all(r.status == "done" for gid, r in rows.items() if gid != refused)


async def test_a_refused_endpoint_dies_at_once_with_a_domain_sentence(
    aanleveren: Aanleveren, database: Database, step: Step, peers: respx.MockRouter
) -> None:
    """The SWV registered the metadata address: no request leaves, the school reads a sentence, not a scan result."""
    route = route_json()
    route["route"]["endpoint"] = "https://169.254.169.254/latest/meta-data"
    peers["controle"].respond(200, json=route)
    aflevering_id = uuid.uuid4()
    assert (await aanleveren(aflevering_id)).status_code == 201
    assert await step()
    (row,) = await outbox_rows(database, "notificatie")
    assert (row.status, row.attempts) == ("dead", 1)
    assert peers["swv"].call_count == 0
    (event,) = await events(database)
    assert event["reden"] == REDEN_ADRES


@pytest.mark.parametrize(
    ("failure", "sentence"),
    [
        (httpx.ConnectError("[Errno 111] Connection refused"), REDEN_ONBEREIKBAAR),
        (httpx.ReadTimeout("timed out"), REDEN_ONBEREIKBAAR),
    ],
)
async def test_unreachable_reads_as_a_sentence_without_exception_names(
    aanleveren: Aanleveren, database: Database, step: Step, peers: respx.MockRouter, failure: Exception, sentence: str
) -> None:
    aflevering_id = uuid.uuid4()
    await aanleveren(aflevering_id)
    peers["swv"].side_effect = failure
    for _ in range(3):  # settings: worker_max_attempts=3
        assert await step()
    event = next(e for e in await events(database) if e["soort"] == "mislukt")
    assert event["reden"] == sentence
    assert type(failure).__name__ not in event["reden"]
    assert "Errno" not in event["reden"]
