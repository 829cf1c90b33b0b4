"""Typed test data and helpers of the gateway tests (imported relatively: ``from ..helpers import ...``).

Peers are stubbed with respx (see ``conftest.peers``): the registry at ``REGISTRY``, the SWV endpoint at
``SWV_ENDPOINT`` and the dossier service at ``DOSSIER``. The demo world's Ed25519 keys sign the SWV tokens.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import httpx
from sqlalchemy import select, update

from oso_dev.demo.world import SWV_RIJNMOND, SWV_UTRECHT, DemoSwv
from oso_dev.testing.gateway import swv_token
from oso_gateway.outbox.models import KIND_NOTIFICATIE, Outbox
from oso_shared.db import Database

REGISTRY = "http://registry.test"
DOSSIER = "http://dossier.test"
SWV_ENDPOINT = "https://swv.test/v1/notificaties"
SWV = SWV_RIJNMOND
OTHER_SWV = SWV_UTRECHT
XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<dossier xmlns="http://www.edustandaard.nl/oso_gegevensset/2019/dossier">'
    b"<metadata><overstap>VOSWV</overstap></metadata>" + b"<x>" + b"a" * 5000 + b"</x></dossier>"
)


class Aanleveren(Protocol):
    """The ``aanleveren`` fixture: POST a delivery (multipart meta + dossier) and return the response."""

    def __call__(
        self, aflevering_id: uuid.UUID | None = None, xml: bytes = ..., key: str | None = None, **overrides: Any
    ) -> Awaitable[httpx.Response]: ...


# The ``step`` fixture: make pending rows due, run the worker once; True when it processed anything.
Step = Callable[[], Awaitable[bool]]


def routeringskenmerk(swv: DemoSwv) -> str:
    """The routeringskenmerk the stubbed registry gives the aanleverpunt of ``swv``."""
    return f"00000007000{swv.aanleverpunt_nummer}"


def _punt(swv: DemoSwv) -> dict[str, Any]:
    return {
        "id": swv.aanleverpunt_id,
        "nummer": swv.aanleverpunt_nummer,
        "label": swv.aanleverpunt_label,
        "routeringskenmerk": routeringskenmerk(swv),
    }


def route_json(swv: DemoSwv = SWV) -> dict[str, Any]:
    """An approving exchange check with the route to ``swv``."""
    route = {
        "swv": {"code": swv.code, "naam": swv.naam},
        "aanleverpunt": _punt(swv),
        "endpoint": SWV_ENDPOINT,
        "oin": swv.oin,
        "besluit": "ondertekend-besluit",  # not verified on this path: the gateway asked itself
    }
    return {"toegestaan": True, "ontbrekend": [], "route": route}


def aanleverpunt_json(swv: DemoSwv) -> dict[str, Any]:
    """The registry's ``GET /v1/aanleverpunten/{id}`` for ``swv``."""
    return {
        **_punt(swv),
        "endpoint": SWV_ENDPOINT,
        "oin": swv.oin,
        "publieke_sleutel": swv.public_key_pem,
        "swv": {"code": swv.code, "naam": swv.naam, "systeem": "Kindkans"},
    }


def bundle_accepted(request: httpx.Request) -> httpx.Response:
    """The dossier service's answer to an event bundle: every event processed."""
    events = json.loads(request.content)["gebeurtenissen"]
    resultaten = [{"gebeurtenis_id": e["gebeurtenis_id"], "verwerkt": True, "status": e["soort"]} for e in events]
    return httpx.Response(200, json={"resultaten": resultaten})


def swv_headers(swv: DemoSwv = SWV, *, idempotency_key: str | None = None) -> dict[str, str]:
    """Fresh single-use SWV token headers (with an ``Idempotency-Key`` when given)."""
    headers = {"authorization": f"Bearer {swv_token(swv.private_key_pem, swv.aanleverpunt_id)}"}
    if idempotency_key is not None:
        headers["idempotency-key"] = idempotency_key
    return headers


def meta(aflevering_id: uuid.UUID, **overrides: Any) -> dict[str, Any]:
    """The ``meta`` part of a delivery to ``SWV`` (BRIN 99AA, vestiging 02, Magister)."""
    body: dict[str, Any] = {
        "aflevering_id": str(aflevering_id),
        "dossier_id": str(uuid.uuid4()),
        "dienst": "OSO-SWV",
        "bron": {"brin": "99AA", "vestigingscode": "02", "systeem": "Magister"},
        "doel": {"aanleverpunt": SWV.aanleverpunt_id},
    }
    body.update(overrides)
    return body


def multipart(aflevering_id: uuid.UUID, xml: bytes = XML, **overrides: Any) -> dict[str, Any]:
    """The multipart ``files`` of a delivery."""
    return {
        "meta": (None, json.dumps(meta(aflevering_id, **overrides)), "application/json"),
        "dossier": ("dossier.xml", xml, "application/xml"),
    }


async def make_due(database: Database) -> None:
    """Make every pending row due now (the test transaction freezes now(), so scheduled times never arrive)."""
    async with database.transaction() as session:
        await session.execute(
            update(Outbox)
            .where(Outbox.status == "pending")
            .values(next_attempt_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
        )


async def outbox_rows(database: Database, kind: str | None = None) -> list[Outbox]:
    """The outbox rows (of one kind), oldest first."""
    async with database.transaction() as session:
        stmt = select(Outbox).order_by(Outbox.created_at)
        if kind is not None:
            stmt = stmt.where(Outbox.kind == kind)
        return list((await session.scalars(stmt)).all())


async def events(database: Database) -> list[dict[str, Any]]:
    """The queued status events for the dossier service, oldest first."""
    return [row.payload["gebeurtenis"] for row in await outbox_rows(database, "gebeurtenis")]


async def koppelsleutel_of(database: Database, aflevering_id: uuid.UUID) -> str:
    """The plain koppelsleutel, read from the (not yet delivered) notification row."""
    for row in await outbox_rows(database, KIND_NOTIFICATIE):
        if row.payload["aflevering_id"] == str(aflevering_id):
            return str(row.payload["koppelsleutel"])
    raise AssertionError("no notification row")
