"""Alembic helpers: run a service's migrations programmatically and the shared ``env.py`` body.

Migrations are never run on import; ``make run``, the test fixtures and the ``migrate`` CLI call
:func:`upgrade` explicitly.
"""

from __future__ import annotations

import asyncio
from importlib import resources

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from oso_shared.db import async_url


def alembic_config(package: str, url: str) -> Config:
    """An Alembic config for ``<package>/migrations`` pointing at ``url``."""
    location = resources.files(package) / "migrations"
    cfg = Config()
    cfg.set_main_option("script_location", str(location))
    cfg.attributes["database_url"] = url
    return cfg


def upgrade(package: str, url: str, revision: str = "head") -> None:
    """Upgrade the database at ``url`` to ``revision`` (blocking; call off the event loop)."""
    command.upgrade(alembic_config(package, url), revision)


def run_env(metadata: MetaData) -> None:
    """Body of every service's ``migrations/env.py``: online migrations over asyncpg."""
    url = context.config.attributes.get("database_url")
    if url is None:
        raise RuntimeError("run migrations through oso_shared.migrations.upgrade (database_url missing)")

    def do_run(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=metadata, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()

    async def run_async() -> None:
        engine = create_async_engine(async_url(url), poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.run_sync(do_run)
        await engine.dispose()

    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
    else:
        asyncio.run(run_async())
