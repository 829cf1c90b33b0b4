"""POST /v1/afleveringen: idempotent intake, registry route, own size cap, refusals."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import httpx
import pytest
import respx
from sqlalchemy import func, select

from oso_dev.testing import test_sleutels
from oso_gateway.afleveringen.models import Aflevering, DossierInhoud
from oso_gateway.main import create_app
from oso_gateway.settings import Settings
from oso_shared.auth import UITWISSELBESLUIT
from oso_shared.db import Database

from ..helpers import SWV, XML, Aanleveren, koppelsleutel_of, meta, outbox_rows, routeringskenmerk, swv_headers


async def _count(database: Database, model: Any) -> int:
    async with database.transaction() as session:
        return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


async def test_first_call_201_repeat_200_same_body_one_delivery(
    aanleveren: Aanleveren, database: Database, peers: respx.MockRouter
) -> None:
    aflevering_id = uuid.uuid4()
    first = await aanleveren(aflevering_id)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["aflevering_id"] == str(aflevering_id)
    assert body["status"] == "aangemaakt"
    assert body["grootte"] == len(XML)
    assert body["route"]["aanleverpunt"] == SWV.aanleverpunt_id
    assert "koppelsleutel" not in json.dumps(body)

    second = await aanleveren(aflevering_id)
    assert second.status_code == 200
    assert second.json() == body

    assert await _count(database, Aflevering) == 1
    assert await _count(database, DossierInhoud) == 1
    rows = await outbox_rows(database, "notificatie")
    assert len(rows) == 1
    # The registry is asked once (a repeat is answered from what was stored) with BRIN6 + systeem.
    assert peers["controle"].call_count == 1
    sent = json.loads(peers["controle"].calls[0].request.content)
    assert sent == {
        "dienst": "OSO-SWV",
        "bron": {"brin": "99AA02", "systeem": "Magister"},
        "doel": {"aanleverpunt": SWV.aanleverpunt_id},
    }


async def test_only_the_hash_of_the_koppelsleutel_is_stored(aanleveren: Aanleveren, database: Database) -> None:
    aflevering_id = uuid.uuid4()
    assert (await aanleveren(aflevering_id)).status_code == 201
    sleutel = await koppelsleutel_of(database, aflevering_id)
    assert len(sleutel) >= 43
    async with database.transaction() as session:
        aflevering = (await session.scalars(select(Aflevering))).one()
    assert aflevering.koppelsleutel_hash != sleutel
    assert len(aflevering.koppelsleutel_hash) == 64


async def test_same_key_other_aflevering_is_a_conflict(aanleveren: Aanleveren) -> None:
    assert (await aanleveren(uuid.uuid4(), key="sleutel-1")).status_code == 201
    response = await aanleveren(uuid.uuid4(), key="sleutel-1")
    assert response.status_code == 409
    assert response.json()["code"] == "IDEMPOTENCY_KEY_CONFLICT"


async def test_missing_idempotency_key(client: httpx.AsyncClient, dienst_headers: dict[str, str]) -> None:
    files: dict[str, Any] = {"meta": (None, json.dumps(meta(uuid.uuid4()))), "dossier": ("d.xml", XML)}
    response = await client.post("/v1/afleveringen", files=files, headers=dienst_headers)
    assert response.status_code == 400
    assert response.json()["code"] == "IDEMPOTENCY_KEY_ONTBREEKT"


async def test_only_services_may_deliver(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/afleveringen", headers=swv_headers(idempotency_key="x"))
    assert response.status_code == 401


async def test_registry_refusal_lists_missing_steps(
    aanleveren: Aanleveren, peers: respx.MockRouter, database: Database
) -> None:
    ontbrekend = [{"stap": 2, "code": "MANDAAT_SWV_SYSTEEM_ONTBREEKT", "wie": "bestuur", "uitleg": "..."}]
    peers["controle"].respond(200, json={"toegestaan": False, "ontbrekend": ontbrekend, "route": None})
    response = await aanleveren()
    assert response.status_code == 403
    problem = response.json()
    assert problem["code"] == "UITWISSELING_NIET_TOEGESTAAN"
    assert problem["ontbrekend"] == ontbrekend
    assert await _count(database, Aflevering) == 0


async def test_registry_unknown_aanleverpunt(aanleveren: Aanleveren, peers: respx.MockRouter) -> None:
    peers["controle"].respond(404, json={"code": "AANLEVERPUNT_NIET_GEVONDEN"})
    response = await aanleveren()
    assert (response.status_code, response.json()["code"]) == (404, "ONBEKEND_AANLEVERPUNT")


async def test_registry_down_is_503(aanleveren: Aanleveren, peers: respx.MockRouter) -> None:
    peers["controle"].side_effect = httpx.ConnectError("down")
    response = await aanleveren()
    assert response.status_code == 503
    assert response.json()["code"] == "REGISTER_NIET_BEREIKBAAR"


async def test_xml_with_dtd_is_refused(aanleveren: Aanleveren) -> None:
    xml = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]><d>&e;</d>'
    response = await aanleveren(xml=xml)
    assert response.status_code == 422
    assert response.json()["code"] == "DOSSIER_ONGELDIG"


async def test_bad_meta_is_422(aanleveren: Aanleveren) -> None:
    response = await aanleveren(bron={"brin": "99aa", "systeem": "Magister"})
    assert response.status_code == 422
    assert response.json()["code"] == "META_ONGELDIG"


async def test_large_dossier_passes_app_limit_but_own_cap_applies(
    database: Database, settings: Settings, dienst_headers: dict[str, str], peers: respx.MockRouter
) -> None:
    settings = settings.model_copy(update={"max_body_bytes": 10_000, "max_dossier_bytes": 200_000})
    app = create_app(settings, database=database)
    big = b"<d>" + b"x" * 100_000 + b"</d>"
    too_big = b"<d>" + b"x" * 300_000 + b"</d>"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        for xml, status in ((big, 201), (too_big, 413)):
            aflevering_id = uuid.uuid4()
            files: dict[str, Any] = {"meta": (None, json.dumps(meta(aflevering_id))), "dossier": ("d.xml", xml)}
            headers = {**dienst_headers, "idempotency-key": str(aflevering_id)}
            response = await client.post("/v1/afleveringen", files=files, headers=headers)
            assert response.status_code == status, response.text
        # Streamed without Content-Length, the cap still holds.
        aflevering_id = uuid.uuid4()
        request = client.build_request(
            "POST",
            "/v1/afleveringen",
            files={"meta": (None, json.dumps(meta(aflevering_id))), "dossier": ("d.xml", too_big)},
            headers={**dienst_headers, "idempotency-key": str(aflevering_id)},
        )
        del request.headers["content-length"]
        response = await client.send(request)
        assert response.status_code == 413
        assert response.json()["code"] == "TE_GROOT"


def _besluit(settings: Settings, ttl: int = 60, uitgever: str = "registry", **claims: Any) -> str:
    """A registry decision for the exchange ``meta`` describes (BRIN 99AA02, Magister, Rijnmond)."""
    inhoud = {
        "dienst": "OSO-SWV",
        "brin": "99AA",
        "vestigingscode": "02",
        "systeem": "Magister",
        "aanleverpunt": SWV.aanleverpunt_id,
        "nummer": SWV.aanleverpunt_nummer,
        "routeringskenmerk": routeringskenmerk(SWV),
        "endpoint": "http://besluit.test/v1/notificaties",
        "swv": SWV.code,
        "swv_naam": SWV.naam,
        **claims,
    }
    tokens = test_sleutels().tokens(uitgever)
    return tokens.sign_statement(UITWISSELBESLUIT, inhoud, dt.timedelta(seconds=ttl))


async def test_a_fresh_registry_decision_spares_the_registry_call(
    aanleveren: Aanleveren, database: Database, peers: respx.MockRouter, settings: Settings
) -> None:
    aflevering_id = uuid.uuid4()
    response = await aanleveren(aflevering_id, besluit=_besluit(settings))
    assert response.status_code == 201, response.text
    assert peers["controle"].call_count == 0
    async with database.transaction() as session:
        aflevering = await session.get(Aflevering, aflevering_id)
        assert aflevering is not None
        # The notification goes where the decision says.
        assert (aflevering.endpoint, aflevering.swv_code) == ("http://besluit.test/v1/notificaties", SWV.code)


@pytest.mark.parametrize(
    "gebrek",
    [
        {"ttl": -5},  # expired: a delivery retried long after opvraagbaar maken
        {"uitgever": "dossier"},  # not signed by the registry (another service's key)
        {"uitgever": "portal"},  # nor by the identity provider's
        {"brin": "99BB"},  # about another school
        {"vestigingscode": "01"},  # about another vestiging
        {"aanleverpunt": str(uuid.UUID(int=7))},  # about another aanleverpunt
        {"systeem": "Somtoday"},  # about another school system
    ],
)
async def test_a_decision_that_does_not_hold_means_asking_the_registry(
    aanleveren: Aanleveren, peers: respx.MockRouter, settings: Settings, gebrek: dict[str, Any]
) -> None:
    response = await aanleveren(besluit=_besluit(settings, **gebrek))
    assert response.status_code == 201, response.text
    assert peers["controle"].call_count == 1
    assert response.json()["route"]["aanleverpunt"] == SWV.aanleverpunt_id


async def test_a_decision_does_not_override_a_refusal_of_the_registry_when_stale(
    aanleveren: Aanleveren, peers: respx.MockRouter, settings: Settings
) -> None:
    peers["controle"].respond(200, json={"toegestaan": False, "ontbrekend": [], "route": None})
    response = await aanleveren(besluit=_besluit(settings, ttl=-5))
    assert (response.status_code, response.json()["code"]) == (403, "UITWISSELING_NIET_TOEGESTAAN")
