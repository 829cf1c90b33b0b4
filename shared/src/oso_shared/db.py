"""Database access: the async engine, the session factory and the request-scoped transaction.

The request dependency owns the transaction: it commits when the endpoint returns normally and rolls
back on any exception. Services and repositories never commit.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import MetaData, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from oso_shared.problems import Problem

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def make_metadata() -> MetaData:
    """A MetaData with the project's constraint naming convention (stable Alembic diffs)."""
    return MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> dt.datetime:
    """Timezone-aware current UTC time."""
    return dt.datetime.now(dt.UTC)


def async_url(url: str) -> str:
    """Turn a ``postgresql://`` URL into the asyncpg dialect URL SQLAlchemy needs."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    return parsed.render_as_string(hide_password=False)


def asyncpg_dsn(url: str) -> str:
    """Turn a SQLAlchemy-style URL into a plain DSN asyncpg accepts."""
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def _discard_closed(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """Pool checkout hook: hand out no connection the server has already closed.

    Instead of ``pool_pre_ping``, which costs three round trips per checkout with asyncpg (BEGIN, ``;``,
    ROLLBACK): asyncpg learns of a closed socket (server restart, terminated backend) from the event loop,
    so this check is free. The pool replaces the connection and tries again. A connection that dies
    unnoticed fails its statement once; SQLAlchemy then invalidates the whole pool and the problem handler
    answers 503, which callers and outbox workers retry.
    """
    driver = getattr(dbapi_connection, "driver_connection", None)
    if driver is not None and driver.is_closed():
        raise DisconnectionError("connection closed by the server")


async def single_statement_connection(session: AsyncSession) -> AsyncConnection:
    """The session's connection, outside BEGIN/COMMIT when the session owns a fresh pooled connection.

    For work that is one statement: a single SELECT already reads one consistent snapshot, and a single
    INSERT commits on its own; BEGIN and COMMIT would add two round trips. A session bound to an existing
    connection (the rolled-back test transaction) or already in a transaction keeps its transaction.
    """
    if isinstance(session.bind, AsyncEngine) and not session.in_transaction():
        return await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    return await session.connection()


class Database:
    """Owns an engine and a session factory; one per service process."""

    def __init__(
        self,
        url: str | None = None,
        *,
        engine: AsyncEngine | None = None,
        sessionmaker: async_sessionmaker[AsyncSession] | None = None,
        **engine_kwargs: Any,
    ) -> None:
        if engine is None:
            assert url is not None, "either url or engine is required"
            engine = create_async_engine(async_url(url), **engine_kwargs)
            if not engine_kwargs.get("pool_pre_ping"):
                event.listen(engine.sync_engine, "checkout", _discard_closed)
        self.engine = engine
        self.sessionmaker = sessionmaker or async_sessionmaker(engine, expire_on_commit=False)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session whose transaction commits on success and rolls back on error."""
        async with self.sessionmaker() as session:
            try:
                yield session
                await session.commit()
            except Problem as problem:
                if problem.keeps_changes:
                    await session.commit()
                else:
                    await session.rollback()
                raise
            except BaseException:
                await session.rollback()
                raise

    async def ping(self, timeout: float = 2.0) -> bool:
        """True when the database answers ``SELECT 1`` within ``timeout`` seconds."""
        try:
            async with asyncio.timeout(timeout), self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            return True
        except Exception:
            return False

    async def dispose(self) -> None:
        """Close all pooled connections."""
        await self.engine.dispose()


def get_database(request: Request) -> Database:
    """The service's :class:`Database`, stored on ``app.state.db`` by the app factory."""
    db = request.app.state.db
    assert isinstance(db, Database)
    return db


async def _request_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with get_database(request).transaction() as session:
        yield session


# scope="function": commit before the response is sent, so a failed commit is never reported as success.
SessionDep = Annotated[AsyncSession, Depends(_request_session, scope="function")]
DatabaseDep = Annotated[Database, Depends(get_database)]
