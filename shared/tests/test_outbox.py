"""The transactional outbox: enqueue in the caller's transaction, drain with retries and dead letters."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import select, update

from oso_shared import outbox
from oso_shared.db import Database

from .outbox_model import TestOutbox


async def _rows(db: Database) -> list[TestOutbox]:
    async with db.transaction() as session:
        return list((await session.scalars(select(TestOutbox).order_by(TestOutbox.created_at))).all())


async def test_enqueue_is_idempotent_on_key(shared_db: Database) -> None:
    async with shared_db.transaction() as session:
        assert await outbox.enqueue(session, TestOutbox, "ping", "k1", {"n": 1})
        assert not await outbox.enqueue(session, TestOutbox, "ping", "k1", {"n": 2})
    rows = await _rows(shared_db)
    assert [(r.key, r.payload) for r in rows] == [("k1", {"n": 1})]


async def test_enqueue_rolls_back_with_the_callers_transaction(shared_db: Database) -> None:
    class Boom(Exception):
        pass

    try:
        async with shared_db.transaction() as session:
            await outbox.enqueue(session, TestOutbox, "ping", "k1", {})
            raise Boom
    except Boom:
        pass
    assert await _rows(shared_db) == []


async def test_worker_marks_done_and_passes_payload(shared_db: Database) -> None:
    seen: list[dict[str, object]] = []

    async def handler(row: outbox.OutboxMixin) -> None:
        seen.append(row.payload)

    async with shared_db.transaction() as session:
        await outbox.enqueue(session, TestOutbox, "ping", "a", {"n": 1})
        await outbox.enqueue(session, TestOutbox, "ping", "b", {"n": 2})
    worker = outbox.OutboxWorker(shared_db, TestOutbox, {"ping": handler})
    assert await worker.drain() == 2
    assert sorted(p["n"] for p in seen) == [1, 2]  # type: ignore[type-var]
    assert {r.status for r in await _rows(shared_db)} == {outbox.DONE}


async def test_failures_back_off_then_dead_letter_then_admin_retry(shared_db: Database) -> None:
    calls = 0

    async def flaky(_: outbox.OutboxMixin) -> None:
        nonlocal calls
        calls += 1
        raise RuntimeError("receiver down")

    async with shared_db.transaction() as session:
        await outbox.enqueue(session, TestOutbox, "ping", "a", {})
    worker = outbox.OutboxWorker(shared_db, TestOutbox, {"ping": flaky}, max_attempts=3, base_delay=60)
    assert await worker.drain() == 1
    (row,) = await _rows(shared_db)
    assert row.status == outbox.PENDING
    assert row.attempts == 1
    assert row.last_error == "RuntimeError: receiver down"
    # Not due yet: the backoff keeps it out of the next drain.
    assert await worker.drain() == 0
    for _ in range(2):
        async with shared_db.transaction() as session:
            await session.execute(update(TestOutbox).values(next_attempt_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)))
        await worker.drain()
    (row,) = await _rows(shared_db)
    assert (row.status, row.attempts, calls) == (outbox.DEAD, 3, 3)

    async with shared_db.transaction() as session:
        assert len(await outbox.list_dead(session, TestOutbox)) == 1
        assert await outbox.retry_dead(session, TestOutbox, None) == 1
    (row,) = await _rows(shared_db)
    assert (row.status, row.attempts, row.last_error) == (outbox.PENDING, 0, None)


async def test_permanent_failure_goes_straight_to_dead_letters(shared_db: Database) -> None:
    async def refuse(_: outbox.OutboxMixin) -> None:
        raise outbox.PermanentFailure("422 from peer")

    async with shared_db.transaction() as session:
        await outbox.enqueue(session, TestOutbox, "ping", "a", {})
    await outbox.OutboxWorker(shared_db, TestOutbox, {"ping": refuse}).drain()
    (row,) = await _rows(shared_db)
    assert (row.status, row.attempts, row.last_error) == (outbox.DEAD, 1, "422 from peer")


async def test_concurrent_workers_process_each_row_exactly_once(shared_db: Database) -> None:
    handled: list[str] = []

    async def slow(row: outbox.OutboxMixin) -> None:
        await asyncio.sleep(0.01)
        handled.append(row.key)

    async with shared_db.transaction() as session:
        for i in range(40):
            await outbox.enqueue(session, TestOutbox, "ping", f"k{i}", {})
    workers = [outbox.OutboxWorker(shared_db, TestOutbox, {"ping": slow}) for _ in range(4)]
    counts = await asyncio.gather(*(w.drain() for w in workers))
    assert sum(counts) == 40
    assert sorted(handled) == sorted(f"k{i}" for i in range(40))
    assert max(counts) < 40  # the work was really shared


async def test_run_loop_stops_on_event(shared_db: Database) -> None:
    done = asyncio.Event()

    async def handler(_: outbox.OutboxMixin) -> None:
        done.set()

    async with shared_db.transaction() as session:
        await outbox.enqueue(session, TestOutbox, "ping", "a", {})
    stop = asyncio.Event()
    worker = outbox.OutboxWorker(shared_db, TestOutbox, {"ping": handler}, concurrency=2, poll_interval=0.05)
    task = asyncio.create_task(worker.run(stop))
    await asyncio.wait_for(done.wait(), timeout=10)
    stop.set()
    await asyncio.wait_for(task, timeout=10)
    async with shared_db.transaction() as session:
        assert await outbox.depth(session, TestOutbox) == {outbox.DONE: 1}


async def test_idle_loops_join_in_when_a_backlog_arrives(shared_db: Database) -> None:
    running = 0
    most = 0
    handled: list[str] = []

    async def slow(row: outbox.OutboxMixin) -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.05)
        running -= 1
        handled.append(row.key)

    stop = asyncio.Event()
    worker = outbox.OutboxWorker(shared_db, TestOutbox, {"ping": slow}, concurrency=4, poll_interval=0.05)
    task = asyncio.create_task(worker.run(stop))
    await asyncio.sleep(0.2)  # every loop has found nothing: one polls, the others are parked
    async with shared_db.transaction() as session:
        for i in range(16):
            await outbox.enqueue(session, TestOutbox, "ping", f"k{i}", {})
    for _ in range(200):
        if len(handled) == 16:
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(task, timeout=10)
    assert sorted(handled) == sorted(f"k{i}" for i in range(16))
    assert most >= 3  # the parked loops were woken to share the backlog


def test_backoff_is_bounded_and_grows() -> None:
    for attempt in range(1, 12):
        delay = outbox.backoff_delay(attempt, base=1.0, cap=30.0)
        assert 0 <= delay <= min(30.0, 2 ** (attempt - 1))


async def test_batch_kind_is_handed_over_together_with_an_outcome_per_row(shared_db: Database) -> None:
    batches: list[list[int]] = []

    async def bundle(rows: Sequence[outbox.OutboxMixin]) -> dict[uuid.UUID, BaseException | None]:
        batches.append(sorted(int(r.payload["n"]) for r in rows))
        return {r.id: outbox.PermanentFailure("geweigerd") if r.payload["n"] == 2 else None for r in rows}

    async def single(_: outbox.OutboxMixin) -> None:
        pass

    async with shared_db.transaction() as session:
        for n in range(4):
            await outbox.enqueue(session, TestOutbox, "event", f"e{n}", {"n": n})
        await outbox.enqueue(session, TestOutbox, "ping", "p", {"n": 9})
    worker = outbox.OutboxWorker(shared_db, TestOutbox, {"ping": single}, batch_handlers={"event": bundle})
    assert await worker.run_batch_once() == 4
    assert batches == [[0, 1, 2, 3]]  # one call for every due row of the kind, the ping left for a claim loop
    status = {r.key: (r.status, r.attempts) for r in await _rows(shared_db)}
    assert status == {
        "e0": (outbox.DONE, 1),
        "e1": (outbox.DONE, 1),
        "e2": (outbox.DEAD, 1),
        "e3": (outbox.DONE, 1),
        "p": (outbox.PENDING, 0),
    }
    assert await worker.run_once()
    assert await worker.run_batch_once() == 0


async def test_a_failing_batch_handler_retries_every_row(shared_db: Database) -> None:
    async def down(_: Sequence[outbox.OutboxMixin]) -> dict[uuid.UUID, BaseException | None]:
        raise ConnectionError("peer down")

    async with shared_db.transaction() as session:
        for n in range(3):
            await outbox.enqueue(session, TestOutbox, "event", f"e{n}", {"n": n})
    worker = outbox.OutboxWorker(shared_db, TestOutbox, {}, batch_handlers={"event": down}, base_delay=60)
    assert await worker.run_batch_once() == 3
    rows = await _rows(shared_db)
    assert {(r.status, r.attempts) for r in rows} == {(outbox.PENDING, 1)}
    assert all("peer down" in (r.last_error or "") for r in rows)
    assert await worker.run_batch_once() == 0  # backed off, not due yet
