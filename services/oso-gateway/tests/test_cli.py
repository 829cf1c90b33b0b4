"""``oso-admin afleveringen lijst|opnieuw|opruimen`` against a real (committed) database."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from typer.testing import CliRunner

from oso_gateway.cli import afleveringen
from oso_gateway.outbox.models import Outbox


@pytest.fixture
async def dead_letters(engine: AsyncEngine) -> AsyncIterator[list[Outbox]]:
    """Two committed dead letters (the CLI opens its own connections); removed afterwards."""
    maker = async_sessionmaker(engine, expire_on_commit=False)
    rows = [
        Outbox(
            id=uuid.uuid4(),
            kind="notificatie",
            key=f"cli-test:{uuid.uuid4()}",
            payload={"aflevering_id": str(uuid.uuid4())},
            status="dead",
            attempts=10,
            failures=10,
            last_error="SWV-endpoint antwoordde 503",
        )
        for _ in range(2)
    ]
    async with maker() as session:
        session.add_all(rows)
        await session.commit()
    yield rows
    async with maker() as session:
        await session.execute(delete(Outbox).where(Outbox.id.in_([r.id for r in rows])))
        await session.commit()


def _invoke(engine: AsyncEngine, *args: str) -> str:
    url = engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(afleveringen, list(args), env={"GATEWAY_DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    return result.output


async def test_lijst_and_opnieuw(engine: AsyncEngine, dead_letters: list[Outbox]) -> None:
    output = await asyncio.to_thread(_invoke, engine, "lijst")
    for row in dead_letters:
        assert str(row.id) in output
        assert row.payload["aflevering_id"] in output
    assert "2 bericht(en)" in output

    first = dead_letters[0]
    output = await asyncio.to_thread(_invoke, engine, "opnieuw", first.payload["aflevering_id"])
    assert "1 bericht(en) opnieuw ingepland" in output
    output = await asyncio.to_thread(_invoke, engine, "opnieuw", "--alle")
    assert "1 bericht(en) opnieuw ingepland" in output

    maker = async_sessionmaker(engine)
    async with maker() as session:
        ids = [r.id for r in dead_letters]
        rows = (await session.scalars(select(Outbox).where(Outbox.id.in_(ids)))).all()
    assert {(r.status, r.attempts) for r in rows} == {("pending", 0)}
    assert "0 bericht(en)" in await asyncio.to_thread(_invoke, engine, "lijst")


def test_opnieuw_needs_ids_or_alle() -> None:
    result = CliRunner().invoke(afleveringen, ["opnieuw"])
    assert result.exit_code != 0
