"""Database access: the async engine, the session factory and the request-scoped transaction.

The request dependency owns the transaction: it commits when the endpoint returns normally and rolls
back on any exception. Services and repositories never commit.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ssl
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import MetaData, event, text
from sqlalchemy.engine import URL, make_url
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


# libpq's TLS parameters; asyncpg takes TLS as one ``ssl`` connect argument instead (an SSLContext or a mode).
_LIBPQ_SSL = ("sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword")
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


def _split_ssl(url: str) -> tuple[URL, dict[str, str]]:
    """The URL without TLS query parameters, and those parameters (``ssl=`` is read as ``sslmode=``)."""
    parsed = make_url(url)
    query = {k: v if isinstance(v, str) else v[-1] for k, v in parsed.query.items()}
    tls = {k: query.pop(k) for k in _LIBPQ_SSL if k in query}
    if "ssl" in query:
        alias = query.pop("ssl")
        tls.setdefault("sslmode", {"true": "require", "false": "disable"}.get(alias.lower(), alias))
    return parsed.set(query=query), tls


def ssl_context(params: Mapping[str, str]) -> ssl.SSLContext | str | bool | None:
    """The asyncpg ``ssl`` argument for libpq-style ``sslmode``/``sslrootcert``/``sslcert``/``sslkey``.

    Same meaning as in libpq: ``require`` encrypts without checking the server (but verifies the chain when a
    ``sslrootcert`` is given), ``verify-ca`` checks the chain, ``verify-full`` also the host name.
    ``sslrootcert=system`` uses the system trust store. None means: no TLS parameter given.
    """
    mode = params.get("sslmode")
    if mode is None and not params:
        return None
    mode = mode or "prefer"
    if mode not in SSL_MODES:
        raise ValueError(f"unknown sslmode {mode!r}; use one of {', '.join(SSL_MODES)}")
    if mode == "disable":
        return False
    if mode in ("allow", "prefer"):
        return "prefer"
    rootcert = params.get("sslrootcert")
    verify = mode in ("verify-ca", "verify-full") or rootcert is not None
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    else:
        # As libpq: a given root file is the only trust anchor; without one (or "system") the system store.
        if rootcert and rootcert != "system":
            context.load_verify_locations(cafile=rootcert)
        else:
            context.load_default_certs()
        context.check_hostname = mode == "verify-full"
    if "sslcert" in params:
        context.load_cert_chain(params["sslcert"], params.get("sslkey"), params.get("sslpassword"))
    return context


def async_url(url: str) -> str:
    """Turn a ``postgresql://`` URL into the asyncpg dialect URL SQLAlchemy needs (TLS parameters removed).

    Pass :func:`connect_args` of the same URL to the engine, or use :func:`create_engine` which does both.
    """
    parsed, _ = _split_ssl(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    return parsed.render_as_string(hide_password=False)


def connect_args(url: str) -> dict[str, Any]:
    """asyncpg connect arguments for the TLS parameters in ``url`` (empty when there are none)."""
    context = ssl_context(_split_ssl(url)[1])
    return {} if context is None else {"ssl": context}


def create_engine(url: str, **engine_kwargs: Any) -> AsyncEngine:
    """An async engine for a libpq-style URL: ``sslmode``/``sslrootcert``… become asyncpg's ``ssl`` argument."""
    args = {**connect_args(url), **engine_kwargs.pop("connect_args", {})}
    # Statement parameters are pupil data: never in an exception's text (and so never in a log line).
    engine_kwargs.setdefault("hide_parameters", True)
    return create_async_engine(async_url(url), connect_args=args, **engine_kwargs)


def asyncpg_dsn(url: str) -> str:
    """Turn a SQLAlchemy-style URL into a plain DSN asyncpg accepts (asyncpg reads libpq's TLS parameters)."""
    parsed, params = _split_ssl(url)
    parsed = parsed.set(drivername="postgresql").update_query_dict(params)
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
            engine = create_engine(url, **engine_kwargs)
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
        return await self.check(timeout) is None

    async def check(self, timeout: float = 2.0) -> str | None:
        """None when the database answers ``SELECT 1`` within ``timeout`` seconds, else why not (for logs)."""
        try:
            async with asyncio.timeout(timeout), self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except TimeoutError:
            return f"no answer within {timeout:g} s"
        except Exception as exc:
            # SQLAlchemy wraps the driver's error; the driver's class and first line say what is wrong.
            cause = getattr(exc, "orig", None) or exc
            lines = str(cause).splitlines()
            return f"{type(cause).__name__}: {lines[0]}" if lines else type(cause).__name__
        return None

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
