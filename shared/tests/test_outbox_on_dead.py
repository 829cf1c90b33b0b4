"""``OutboxWorker``'s ``on_dead`` hook: called once per dead letter, inside the transaction that marks it dead."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from oso_shared import outbox
from oso_shared.db import Database

from .outbox_model import Parent, TestOutbox


async def _due_now(db: Database) -> None:
    async with db.transaction() as session:
        await session.execute(update(TestOutbox).values(next_attempt_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)))


async def test_on_dead_runs_after_the_last_attempt_and_commits_with_it(shared_db: Database) -> None:
    seen: list[tuple[str, int, str]] = []

    async def down(_: outbox.OutboxMixin) -> None:
        raise RuntimeError("peer down")

    async def dead(session: AsyncSession, row: outbox.OutboxMixin, failure: BaseException) -> None:
        seen.append((row.key, row.attempts, str(failure)))
        session.add(Parent(id=row.attempts))  # the domain consequence, in the worker's transaction

    async with shared_db.transaction() as session:
        await outbox.enqueue(session, TestOutbox, "ping", "a", {})
    worker = outbox.OutboxWorker(shared_db, TestOutbox, {"ping": down}, max_attempts=2, on_dead={"ping": dead})
    await worker.drain()
    assert seen == []  # first failure: a retry, not dead yet
    await _due_now(shared_db)
    await worker.drain()
    assert seen == [("a", 2, "peer down")]
    async with shared_db.transaction() as session:
        assert list(await session.scalars(select(Parent.id))) == [2]
        assert (await session.scalars(select(TestOutbox.status))).one() == outbox.DEAD


async def test_on_dead_runs_on_permanent_failure_only_for_its_kind(shared_db: Database) -> None:
    seen: list[str] = []

    async def refuse(_: outbox.OutboxMixin) -> None:
        raise outbox.PermanentFailure("422 from peer")

    async def dead(_: AsyncSession, row: outbox.OutboxMixin, failure: BaseException) -> None:
        assert isinstance(failure, outbox.PermanentFailure)
        seen.append(row.kind)

    async with shared_db.transaction() as session:
        await outbox.enqueue(session, TestOutbox, "ping", "a", {})
        await outbox.enqueue(session, TestOutbox, "pong", "b", {})
    worker = outbox.OutboxWorker(shared_db, TestOutbox, {"ping": refuse, "pong": refuse}, on_dead={"ping": dead})
    assert await worker.drain() == 2
    assert seen == ["ping"]


async def test_failing_hook_rolls_the_dead_letter_back(shared_db: Database) -> None:
    async def refuse(_: outbox.OutboxMixin) -> None:
        raise outbox.PermanentFailure("nee")

    async def broken(_: AsyncSession, __: outbox.OutboxMixin, ___: BaseException) -> None:
        raise RuntimeError("database weg")

    async with shared_db.transaction() as session:
        await outbox.enqueue(session, TestOutbox, "ping", "a", {})
    worker = outbox.OutboxWorker(shared_db, TestOutbox, {"ping": refuse}, on_dead={"ping": broken})
    with contextlib.suppress(RuntimeError):
        await worker.run_once()
    async with shared_db.transaction() as session:
        row = (await session.scalars(select(TestOutbox))).one()
    # Neither the dead letter nor the consequence: the row stays pending and is claimed again later.
    assert (row.status, row.attempts) == (outbox.PENDING, 0)


async def test_on_dead_for_batch_kinds(shared_db: Database) -> None:
    seen: list[str] = []

    async def batch(rows: Sequence[outbox.OutboxMixin]) -> dict[uuid.UUID, BaseException | None]:
        return {row.id: outbox.PermanentFailure("weg") for row in rows}

    async def dead(_: AsyncSession, row: outbox.OutboxMixin, __: BaseException) -> None:
        seen.append(row.key)

    async with shared_db.transaction() as session:
        await outbox.enqueue(session, TestOutbox, "event", "e1", {})
        await outbox.enqueue(session, TestOutbox, "event", "e2", {})
    worker = outbox.OutboxWorker(
        shared_db,
        TestOutbox,
        {},
        batch_handlers={"event": batch},
        on_dead={"event": dead},
    )
    assert await worker.drain() == 2
    assert sorted(seen) == ["e1", "e2"]


async def test_aclose_closes_what_the_handlers_hold(shared_db: Database) -> None:
    closed: list[str] = []

    async def close() -> None:
        closed.append("http")

    worker = outbox.OutboxWorker(shared_db, TestOutbox, {}, closing=[close])
    await worker.aclose()
    assert closed == ["http"]
