"""``python -m oso_gateway.outbox.worker``'s ``run``: drains committed rows against a real database until stopped."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
import respx
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from oso_gateway.afleveringen.models import Aflevering
from oso_gateway.outbox import worker
from oso_gateway.outbox.models import Outbox
from oso_gateway.settings import Settings

from ..helpers import SWV_ENDPOINT


@pytest.fixture
async def committed(engine: AsyncEngine) -> AsyncIterator[uuid.UUID]:
    """One committed delivery with its pending notification (the worker opens its own connections)."""
    maker = async_sessionmaker(engine, expire_on_commit=False)
    aflevering_id = uuid.uuid4()
    async with maker() as session:
        session.add(
            Aflevering(
                id=aflevering_id,
                idempotency_key=str(aflevering_id),
                dossier_id="d-1",
                dienst="OSO-SWV",
                bron_brin="99AA",
                bron_vestigingscode="02",
                bron_systeem="Magister",
                aanleverpunt_id=uuid.uuid4(),
                aanleverpunt_nummer="2801500",
                routeringskenmerk="000000070002801500",
                swv_code="VO2801",
                endpoint=SWV_ENDPOINT,
                koppelsleutel_hash=uuid.uuid4().hex * 2,
                status="aangemaakt",
                antwoord={},
            )
        )
        await session.flush()
        session.add(
            Outbox(
                kind="notificatie",
                key=f"notificatie:{aflevering_id}",
                payload={"aflevering_id": str(aflevering_id), "koppelsleutel": "k" * 43},
            )
        )
        await session.commit()
    yield aflevering_id
    async with maker() as session:
        await session.execute(delete(Outbox).where(Outbox.payload["aflevering_id"].astext == str(aflevering_id)))
        await session.execute(delete(Aflevering).where(Aflevering.id == aflevering_id))
        await session.commit()


async def test_worker_run_drains_and_stops(engine: AsyncEngine, committed: uuid.UUID, peers: respx.MockRouter) -> None:
    settings = Settings(
        log_json=False,
        database_url=engine.url.render_as_string(hide_password=False),
        dossier_url="http://dossier.test",
        public_url="http://gateway.test",
        worker_poll_interval_seconds=0.05,
        worker_concurrency=2,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(settings, stop))
    maker = async_sessionmaker(engine)
    statuses: set[str] = set()
    for _ in range(400):  # bounded wait for the worker to finish both messages
        async with maker() as session:
            rows = (
                await session.scalars(select(Outbox).where(Outbox.payload["aflevering_id"].astext == str(committed)))
            ).all()
        statuses = {r.status for r in rows}
        if len(rows) == 2 and statuses == {"done"}:
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(task, 30)
    assert statuses == {"done"}
    assert peers["swv"].call_count == 1
    assert peers["dossier"].call_count == 1
