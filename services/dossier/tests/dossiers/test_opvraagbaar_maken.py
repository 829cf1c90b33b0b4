"""Opvraagbaar maken: the registry's exchange check (refusal lists every missing step) and crash safety."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
from sqlalchemy import func, select

from oso_dossier.audit.models import AuditRegel
from oso_dossier.dossiers.models import Dossier
from oso_dossier.main import create_app
from oso_dossier.outbox.models import Outbox
from oso_dossier.settings import Settings
from oso_shared import outbox
from oso_shared.db import Database

Auth = Callable[..., dict[str, str]]

WEIGERING: dict[str, Any] = {
    "toegestaan": False,
    "ontbrekend": [
        {
            "stap": 1,
            "code": "SCHOOL_NIET_GEREGISTREERD_BIJ_SWV",
            "wie": "swv",
            "uitleg": "Vraag het samenwerkingsverband de school te registreren in Kindkans.",
        },
        {
            "stap": 2,
            "code": "MANDAAT_SWV_SYSTEEM_ONTBREEKT",
            "wie": "bestuur",
            "uitleg": "Het bestuur moet in het OSR het mandaat OSO-SWV voor Kindkans toevoegen.",
        },
        {
            "stap": 3,
            "code": "BRIN_NIET_GEREGISTREERD_VOOR_OSO_SWV",
            "wie": "school",
            "uitleg": "Registreer de BRIN voor OSO-SWV onder Beheer > OSR.",
        },
    ],
    "route": None,
}


async def _gevalideerd(client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]) -> str:
    did = str((await maak_dossier())["id"])
    await client.post(f"/v1/dossiers/{did}/voltooien", headers=auth())
    assert (await client.post(f"/v1/dossiers/{did}/valideren", headers=auth())).json()["status"] == "gevalideerd"
    return did


async def _outbox_rows(database: Database) -> int:
    async with database.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(Outbox)) or 0)


async def test_registry_refusal_lists_every_missing_step(
    client: httpx.AsyncClient,
    auth: Auth,
    maak_dossier: Callable[..., Any],
    registry: respx.MockRouter,
    database: Database,
) -> None:
    did = await _gevalideerd(client, auth, maak_dossier)
    registry.routes["controle"].respond(json=WEIGERING)
    response = await client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth())
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "UITWISSELING_NIET_TOEGESTAAN"
    assert body["ontbrekend"] == WEIGERING["ontbrekend"]
    sent = registry.routes["controle"].calls.last.request
    assert sent.headers["authorization"].startswith("Bearer ")
    assert b'"aanleverpunt":"59f952f6-e07e-5962-97d7-2a6d9ee87d66"' in sent.content.replace(b" ", b"")
    detail = (await client.get(f"/v1/dossiers/{did}", headers=auth())).json()
    assert detail["status"] == "gevalideerd"
    assert await _outbox_rows(database) == 0
    # The refusal itself is an action and stays in the audit log, although the request failed.
    async with database.transaction() as session:
        weigeringen = (
            await session.scalars(select(AuditRegel).where(AuditRegel.actie == "opvraagbaar_maken_geweigerd"))
        ).all()
    assert [r.details["codes"] for r in weigeringen] == [[o["code"] for o in WEIGERING["ontbrekend"]]]


async def test_dossier_and_registry_steps_are_reported_together(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], registry: respx.MockRouter
) -> None:
    did = str((await maak_dossier())["id"])
    registry.routes["controle"].respond(json=WEIGERING)
    response = await client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth())
    codes = [o["code"] for o in response.json()["ontbrekend"]]
    assert codes[0] == "DOSSIER_NIET_GEVALIDEERD"
    assert codes[1:] == [o["code"] for o in WEIGERING["ontbrekend"]]


async def test_registry_down_is_retried_then_503(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], registry: respx.MockRouter
) -> None:
    did = await _gevalideerd(client, auth, maak_dossier)
    registry.routes["controle"].side_effect = httpx.ConnectError("down")
    response = await client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth())
    assert response.status_code == 503
    assert response.json()["code"] == "REGISTRY_NIET_BEREIKBAAR"
    assert registry.routes["controle"].call_count == 3  # settings.registry_attempts


async def test_registry_503_then_ok_succeeds(
    client: httpx.AsyncClient,
    auth: Auth,
    maak_dossier: Callable[..., Any],
    registry: respx.MockRouter,
    controle_ok: dict[str, Any],
) -> None:
    did = await _gevalideerd(client, auth, maak_dossier)
    registry.routes["controle"].side_effect = [httpx.Response(503), httpx.Response(200, json=controle_ok)]
    response = await client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth())
    assert response.status_code == 200
    assert response.json()["status"] == "opvraagbaar"


async def test_outbox_failure_rolls_back_state_change(
    client: httpx.AsyncClient,
    auth: Auth,
    maak_dossier: Callable[..., Any],
    database: Database,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Crash safety: state change and outbox row share one transaction, so a failing outbox write undoes both."""
    did = await _gevalideerd(client, auth, maak_dossier)

    async def broken_enqueue(*args: Any, **kwargs: Any) -> bool:
        raise RuntimeError("disk full while writing the outbox row")

    monkeypatch.setattr(outbox, "enqueue", broken_enqueue)
    # A client that, like a real server, turns the crash into a 500 response instead of re-raising it.
    app = create_app(settings, database=database)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as crashing:
        response = await crashing.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth())
    assert response.status_code == 500
    assert response.json()["code"] == "INTERNE_FOUT"
    async with database.transaction() as session:
        dossier = await session.get(Dossier, did)
        assert dossier is not None
        assert dossier.status == "gevalideerd"
        assert dossier.aflevering_id is None
    assert await _outbox_rows(database) == 0
    monkeypatch.undo()
    response = await client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth())
    assert response.status_code == 200
    assert await _outbox_rows(database) == 1
