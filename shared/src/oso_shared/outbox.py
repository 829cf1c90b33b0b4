"""Transactional outbox: rows written in the caller's transaction, drained by workers with SKIP LOCKED.

A service adds a table with :class:`OutboxMixin` and writes a row in the same transaction as the state
change it announces. :class:`OutboxWorker` claims one due row at a time per loop with
``FOR UPDATE SKIP LOCKED`` (so several loops and processes can run side by side), calls the handler for
its ``kind`` while holding the lock, and marks it done, or schedules a retry with exponential backoff and
full jitter, or moves it to the dead letters after ``max_attempts`` or on a :class:`PermanentFailure`.
A kind may have an ``on_dead`` hook: it runs in the same transaction that moves the row to the dead letters,
so the domain consequence (e.g. dossier → mislukt) commits together with it. Handlers therefore never count
attempts themselves.

Kinds with a *batch handler* (small messages to one peer, such as status events) are claimed up to
``batch_size`` rows at a time by a loop of their own and handed over together, so one request carries many
rows; each row still gets its own outcome.

Written here rather than taken from a queue library so the write stays inside our own SQLAlchemy
transaction and the rows stay plain, queryable tables of each service.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import random
import uuid
from collections import deque
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, ClassVar, cast

import structlog
from sqlalchemy import DateTime, Index, Integer, String, Table, Text, func, select, update
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from oso_shared.db import Database, utcnow

log = structlog.get_logger(__name__)

PENDING = "pending"
DONE = "done"
DEAD = "dead"


class PermanentFailure(Exception):
    """Raised by a handler when retrying cannot help (e.g. the peer answered 4xx)."""


class OutboxMixin:
    """Columns of an outbox table; the concrete class sets ``__tablename__``."""

    __outbox__: ClassVar[bool] = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    kind: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(200), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(16), default=PENDING, server_default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:  # noqa: N805 - SQLAlchemy declared_attr
        return (Index(f"ix_{cls.__tablename__}_due", "status", "next_attempt_at"),)  # type: ignore[attr-defined]


Handler = Callable[[OutboxMixin], Awaitable[None]]
# Gets the claimed rows of one kind; returns the failure per row id (absent or None: done). Raising fails them all.
BatchHandler = Callable[[Sequence[OutboxMixin]], Awaitable[Mapping[uuid.UUID, BaseException | None]]]
# Called when a row of its kind becomes a dead letter (last attempt failed, or PermanentFailure), inside the
# transaction that marks it dead: (that session, the row, the failure). Raising rolls the whole settle back,
# so the row is claimed again later.
DeadHook = Callable[[AsyncSession, OutboxMixin, BaseException], Awaitable[None]]


async def enqueue(
    session: AsyncSession, model: type[OutboxMixin], kind: str, key: str, payload: Mapping[str, Any]
) -> bool:
    """Add an outbox row in the caller's transaction; a row with the same key is kept (returns False)."""
    # A Core insert on the table: the ORM-enabled variant costs several times the CPU for the same statement.
    table = cast(Table, model.__table__)  # type: ignore[attr-defined]
    stmt = (
        insert(table)
        .values(id=uuid.uuid4(), kind=kind, key=key, payload=dict(payload), status=PENDING)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(table.c.id)
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None


async def depth(session: AsyncSession, model: type[OutboxMixin]) -> dict[str, int]:
    """Rows per status."""
    rows = await session.execute(select(model.status, func.count()).group_by(model.status))
    return {str(row[0]): int(row[1]) for row in rows}


async def list_dead(session: AsyncSession, model: type[OutboxMixin], limit: int = 100) -> Sequence[Any]:
    """Dead letters, newest first."""
    stmt = select(model).where(model.status == DEAD).order_by(model.created_at.desc()).limit(limit)
    return (await session.scalars(stmt)).all()


async def retry_dead(session: AsyncSession, model: type[OutboxMixin], ids: Sequence[uuid.UUID] | None) -> int:
    """Move dead letters (all, or the given ids) back to pending with a fresh attempt budget."""
    stmt = (
        update(model)
        .where(model.status == DEAD)
        .values(status=PENDING, attempts=0, next_attempt_at=func.now(), last_error=None)
    )
    if ids is not None:
        stmt = stmt.where(model.id.in_(ids))
    result = await session.execute(stmt)
    return int(result.rowcount)  # type: ignore[attr-defined]


def backoff_delay(attempt: int, base: float, cap: float) -> float:
    """Exponential backoff with full jitter (AWS architecture blog): uniform(0, min(cap, base*2^n))."""
    return random.uniform(0, min(cap, base * (2 ** max(attempt - 1, 0))))  # noqa: S311 - jitter, not crypto


class _Idle:
    """Idle claim loops of one worker: one of them polls every interval, the others park.

    Without this, every idle loop polls on its own (``concurrency`` transactions per interval for nothing).
    A parked loop is woken when another loop claimed a row (there may be more), on stop, or after a long
    safety timeout; claiming itself is unchanged (FOR UPDATE SKIP LOCKED, one row per transaction).
    """

    PARK_FACTOR = 20

    def __init__(self) -> None:
        self.polling = False
        self.parked: deque[asyncio.Future[None]] = deque()

    def wake_one(self) -> None:
        """Wake one parked loop, if any."""
        while self.parked:
            waiter = self.parked.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    def wake_all(self) -> None:
        """Wake every parked loop (stop)."""
        while self.parked:
            waiter = self.parked.popleft()
            if not waiter.done():
                waiter.set_result(None)

    async def wait(self, stop: asyncio.Event, interval: float) -> None:
        """Sleep ``interval`` as the poller, or park when another loop polls already."""
        if stop.is_set():
            return
        if not self.polling:
            self.polling = True
            try:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=interval)
            finally:
                self.polling = False
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.parked.append(waiter)
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(waiter, timeout=interval * self.PARK_FACTOR)
        finally:
            if not waiter.done():
                waiter.cancel()


class OutboxWorker:
    """Drains one outbox table; ``run`` until ``stop`` is set."""

    def __init__(
        self,
        db: Database,
        model: type[OutboxMixin],
        handlers: Mapping[str, Handler],
        *,
        concurrency: int = 4,
        max_attempts: int = 8,
        base_delay: float = 1.0,
        max_delay: float = 300.0,
        poll_interval: float = 0.25,
        on_result: Callable[[OutboxMixin, str, float], None] | None = None,
        batch_handlers: Mapping[str, BatchHandler] | None = None,
        batch_size: int = 100,
        on_dead: Mapping[str, DeadHook] | None = None,
        closing: Sequence[Callable[[], Awaitable[None]]] = (),
    ) -> None:
        self.db = db
        self.model = model
        self.handlers = dict(handlers)
        self.batch_handlers = dict(batch_handlers or {})
        self.batch_size = batch_size
        self.concurrency = concurrency
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.poll_interval = poll_interval
        self.on_result = on_result
        self.on_dead = dict(on_dead or {})
        # What the handlers hold (HTTP clients); ``aclose`` closes it, the database stays the caller's.
        self.closing = tuple(closing)

    def _claim(self, limit: int, *, batch: bool) -> Any:
        """Lock up to ``limit`` due rows and count the attempt, in one statement (UPDATE ... RETURNING)."""
        kinds = list(self.batch_handlers)
        due = select(self.model.id).where(self.model.status == PENDING, self.model.next_attempt_at <= func.now())
        if kinds:
            due = due.where(self.model.kind.in_(kinds) if batch else self.model.kind.not_in(kinds))
        due = due.order_by(self.model.next_attempt_at).limit(limit).with_for_update(skip_locked=True)
        return (
            update(self.model)
            .where(self.model.id.in_(due.scalar_subquery()))
            .values(attempts=self.model.attempts + 1)
            .returning(self.model)
            .execution_options(synchronize_session=False)
        )

    async def run_once(self) -> bool:
        """Claim and process at most one due row (of a kind without batch handler); True when one was processed."""
        async with self.db.transaction() as session:
            row = (await session.scalars(self._claim(1, batch=False))).first()
            if row is None:
                return False
            await self._process(session, row)
            return True

    async def run_batch_once(self) -> int:
        """Claim up to ``batch_size`` due rows of the batch kinds and process them; returns how many."""
        if not self.batch_handlers:
            return 0
        async with self.db.transaction() as session:
            rows = list((await session.scalars(self._claim(self.batch_size, batch=True))).all())
            started = asyncio.get_running_loop().time()
            by_kind: dict[str, list[OutboxMixin]] = {}
            for row in rows:
                by_kind.setdefault(row.kind, []).append(row)
            for kind, group in by_kind.items():
                try:
                    failures = await self.batch_handlers[kind](group)
                except Exception as exc:
                    failures = dict.fromkeys((row.id for row in group), exc)
                for row in group:
                    await self._settle(session, row, failures.get(row.id), started)
            return len(rows)

    async def _process(self, session: AsyncSession, row: OutboxMixin) -> None:
        handler = self.handlers.get(row.kind)  # the claim already counted this attempt
        started = asyncio.get_running_loop().time()
        failure: BaseException | None = None
        try:
            if handler is None:
                raise PermanentFailure(f"no handler for kind {row.kind!r}")
            await handler(row)
        except Exception as exc:
            failure = exc
        await self._settle(session, row, failure, started)

    async def _settle(
        self, session: AsyncSession, row: OutboxMixin, failure: BaseException | None, started: float
    ) -> None:
        """Record the outcome of one attempt on the row: done, retry later, or dead letter."""
        outcome = DONE
        if failure is None:
            row.status, row.done_at, row.last_error = DONE, utcnow(), None
        elif isinstance(failure, PermanentFailure):
            outcome = DEAD
            row.status, row.last_error = DEAD, str(failure)[:2000]
        else:
            row.last_error = f"{type(failure).__name__}: {failure}"[:2000]
            if row.attempts >= self.max_attempts:
                outcome = DEAD
                row.status = DEAD
            else:
                outcome = "retry"
                delay = backoff_delay(row.attempts, self.base_delay, self.max_delay)
                row.next_attempt_at = utcnow() + dt.timedelta(seconds=delay)
        if outcome == DEAD:
            hook = self.on_dead.get(row.kind)
            if hook is not None:
                assert failure is not None
                await hook(session, row, failure)
        elapsed = asyncio.get_running_loop().time() - started
        log.info("outbox_processed", kind=row.kind, outcome=outcome, attempts=row.attempts)
        if self.on_result is not None:
            self.on_result(row, outcome, elapsed)

    async def _loop(self, stop: asyncio.Event, idle: _Idle) -> None:
        streak = False
        while not stop.is_set():
            try:
                worked = await self.run_once()
            except Exception:
                # Database down or similar: keep the worker alive and try again shortly.
                log.warning("outbox_loop_error", exc_info=True)
                worked = False
                await asyncio.sleep(1.0)
            if worked:
                # A second row in a row means a backlog: let one parked loop help drain it (a cascade up to
                # ``concurrency``). Waking one after every row would mostly buy an empty claim transaction
                # when rows trickle in one at a time.
                if streak:
                    idle.wake_one()
                streak = True
            else:
                streak = False
                await idle.wait(stop, self.poll_interval)

    async def _batch_loop(self, stop: asyncio.Event) -> None:
        idle = _Idle()
        while not stop.is_set():
            try:
                worked = await self.run_batch_once()
            except Exception:
                log.warning("outbox_batch_loop_error", exc_info=True)
                worked = 0
                await asyncio.sleep(1.0)
            if not worked:
                await idle.wait(stop, self.poll_interval)

    async def run(self, stop: asyncio.Event) -> None:
        """Run ``concurrency`` claim loops (and one batch loop, if any batch kinds) until ``stop`` is set."""
        idle = _Idle()

        async def wake_all_on_stop() -> None:
            await stop.wait()
            idle.wake_all()

        waker = asyncio.create_task(wake_all_on_stop())
        loops = [self._loop(stop, idle) for _ in range(self.concurrency)]
        if self.batch_handlers:
            loops.append(self._batch_loop(stop))
        try:
            await asyncio.gather(*loops)
        finally:
            waker.cancel()

    async def aclose(self) -> None:
        """Close what the handlers hold (``closing``), e.g. their HTTP clients."""
        for close in self.closing:
            await close()

    async def drain(self, limit: int = 10_000) -> int:
        """Process due rows until none is left (tests and CLI); returns how many were processed."""
        done = 0
        while done < limit:
            batch = await self.run_batch_once()
            single = await self.run_once()
            if not batch and not single:
                break
            done += batch + int(single)
        return done
