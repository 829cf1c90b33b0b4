"""PostgreSQL server helpers of the runtime: create a service's database if missing, migrate every service.

This is the seam between ``oso-admin migrate`` (operations: a real server on ``DATABASE_URL``) and the
development tools (``oso-dev run``/``oso-dev migrate`` start an embedded server first and then call
:func:`migrate_all` on its URL).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import asyncpg
from sqlalchemy.engine import make_url

from oso_shared.db import asyncpg_dsn
from oso_shared.migrations import upgrade
from oso_shared.services import discover
from oso_shared.settings import with_database


async def admin_connection(server_url: str) -> asyncpg.Connection:
    """A connection to the server's ``postgres`` database (for CREATE/DROP DATABASE)."""
    return await asyncpg.connect(asyncpg_dsn(with_database(server_url, "postgres")))


async def ensure_database(url: str) -> bool:
    """Create the database named in ``url`` when it does not exist; True when it was created."""
    name = make_url(url).database
    assert name, "url must name a database"
    conn = await admin_connection(url)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if exists:
            return False
        await conn.execute(f'CREATE DATABASE "{name}"')
        return True
    finally:
        await conn.close()


def migrate_all(server_url: str, report: Callable[[str], None] = lambda _line: None) -> dict[str, str]:
    """Create (if missing) and migrate every installed service's database on ``server_url``.

    Returns service name → that service's database URL; ``report`` gets one line per service.
    """
    urls: dict[str, str] = {}
    for service in discover():
        if not (service.database and service.migrations_package):
            continue
        url = with_database(server_url, service.database)
        created = asyncio.run(ensure_database(url))
        upgrade(service.migrations_package, url)
        report(f"{service.name}: database {'created and ' if created else ''}migrated")
        urls[service.name] = url
    return urls
