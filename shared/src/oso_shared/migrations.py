"""Alembic helpers: migrate a service's database, safely under concurrency, and the shared ``env.py`` body.

Migrations are never run on import; the ``migrate`` CLI (a Helm hook Job in production), ``make run`` and the
test fixtures call :func:`migrate_database` or :func:`upgrade` explicitly.

Safe when several run at once: every upgrade takes a transaction-level PostgreSQL advisory lock on the target
database *before* Alembic reads ``alembic_version``, so a second runner waits for the first to commit and then
finds the database current (no ``UniqueViolation`` on ``alembic_version``). The maintenance database
``postgres`` is only contacted when the target database does not exist yet.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

import asyncpg
from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, pool, text
from sqlalchemy.engine import Connection, make_url

from oso_shared.db import asyncpg_dsn, create_engine
from oso_shared.services import discover
from oso_shared.settings import database_url_of, with_database

# Key of the advisory lock (two int4 keys: "OSO" and "migrate"); advisory locks are scoped to one database.
LOCK_KEYS = (0x4F534F, 0x6D6967)
MAINTENANCE_DATABASES = ("postgres", "template1")


@dataclass(frozen=True)
class MigrationTarget:
    """One service database to migrate: the service's name, its migrations package and the database URL."""

    service: str
    package: str
    url: str


@dataclass(frozen=True)
class MigrationOutcome:
    """What a run did to one database."""

    target: MigrationTarget
    created: bool
    before: str | None
    after: str | None

    @property
    def changed(self) -> bool:
        """True when the database was created or moved to another revision."""
        return self.created or self.before != self.after


def alembic_config(package: str, url: str) -> Config:
    """An Alembic config for ``<package>/migrations`` pointing at ``url``."""
    location = resources.files(package) / "migrations"
    cfg = Config()
    cfg.set_main_option("script_location", str(location))
    cfg.attributes["database_url"] = url
    return cfg


def upgrade(package: str, url: str, revision: str = "head") -> tuple[str | None, str | None]:
    """Upgrade the database at ``url`` to ``revision`` under the migration lock; (before, after) revisions.

    Blocking; call it off the event loop.
    """
    cfg = alembic_config(package, url)
    command.upgrade(cfg, revision)
    before, after = cfg.attributes.get("revisions", (None, None))
    return before, after


def targets(server_url: str | None = None, only: Sequence[str] = ()) -> list[MigrationTarget]:
    """Every installed service with a database (or just those named in ``only``), in start order."""
    services = [s for s in discover() if s.database and s.migrations_package and (not only or s.name in only)]
    unknown = set(only) - {s.name for s in services}
    if unknown:
        raise ValueError(f"unknown service(s): {', '.join(sorted(unknown))}")
    return [
        MigrationTarget(s.name, str(s.migrations_package), database_url_of(str(s.migrations_package), server_url))
        for s in services
    ]


async def ensure_database(url: str) -> bool:
    """Create the database named in ``url`` when it does not exist; True when this call created it.

    Connects to the target first, so the maintenance database is not needed when the target exists.
    Concurrent creators are fine: the loser's "already exists" counts as existing.
    """
    name = make_url(url).database
    assert name, "url must name a database"
    try:
        conn = await asyncpg.connect(asyncpg_dsn(url))
    except asyncpg.InvalidCatalogNameError:
        pass
    else:
        await conn.close()
        return False
    admin = await _maintenance_connection(url)
    try:
        quoted = '"' + name.replace('"', '""') + '"'
        await admin.execute(f"CREATE DATABASE {quoted}")
    except (asyncpg.DuplicateDatabaseError, asyncpg.UniqueViolationError):
        return False
    finally:
        await admin.close()
    return True


async def _maintenance_connection(url: str) -> asyncpg.Connection:
    """A connection to ``postgres`` (or ``template1`` where it was dropped) on the server of ``url``."""
    for index, database in enumerate(MAINTENANCE_DATABASES):
        try:
            return await asyncpg.connect(asyncpg_dsn(with_database(url, database)))
        except asyncpg.InvalidCatalogNameError:
            if index == len(MAINTENANCE_DATABASES) - 1:
                raise
    raise AssertionError("unreachable")


def migrate_database(target: MigrationTarget) -> MigrationOutcome:
    """Create (if missing) and upgrade one service database to head; a no-op when it is current."""
    created = asyncio.run(ensure_database(target.url))
    before, after = upgrade(target.package, target.url)
    return MigrationOutcome(target, created, before, after)


def migrate_all(all_targets: Iterable[MigrationTarget]) -> list[MigrationOutcome]:
    """Migrate every target in order; stops at the first failure (the exception propagates)."""
    return [migrate_database(target) for target in all_targets]


def describe(outcome: MigrationOutcome) -> str:
    """One line for an operator: what happened to this service's database."""
    what = "aangemaakt en bijgewerkt" if outcome.created else "bijgewerkt" if outcome.changed else "al actueel"
    return f"{outcome.target.service}: {what} ({outcome.before or '-'} -> {outcome.after or '-'})"


def migrate_server(server_url: str | None, report: Callable[[str], None] = lambda _line: None) -> dict[str, str]:
    """Create and migrate every service database on ``server_url`` (a service's own URL wins); name → URL.

    The entry for the development tools: ``oso-dev`` passes the embedded server's URL. ``report`` gets one line
    per service.
    """
    urls: dict[str, str] = {}
    for target in targets(server_url):
        report(describe(migrate_database(target)))
        urls[target.service] = target.url
    return urls


def run_env(metadata: MetaData) -> None:
    """Body of every service's ``migrations/env.py``: online migrations over asyncpg, under the migration lock."""
    url = context.config.attributes.get("database_url")
    if url is None:
        raise RuntimeError("run migrations through oso_shared.migrations.upgrade (database_url missing)")

    def do_run(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=metadata, compare_type=True)
        with context.begin_transaction():
            # Held until this transaction commits: concurrent runners read alembic_version only after us.
            connection.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"), {"a": LOCK_KEYS[0], "b": LOCK_KEYS[1]})
            migration = context.get_context()
            before = migration.get_current_revision()
            context.run_migrations()
            context.config.attributes["revisions"] = (before, migration.get_current_revision())

    async def run_async() -> None:
        engine = create_engine(url, poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.run_sync(do_run)
        await engine.dispose()

    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
    else:
        asyncio.run(run_async())
