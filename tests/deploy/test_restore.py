"""The backup and restore procedure of docs/operations.md, run for real on one service database.

pg_dump in the custom format, the database dropped, pg_restore into an empty database of the same name:
the data is back and `oso-admin migrate` finds the database current (alembic_version came along).
"""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from oso_dev.testing import worker_database_url
from oso_portal.accounts.eerste import maak_beheerder
from oso_shared.auth import Rol
from oso_shared.db import Database, asyncpg_dsn
from oso_shared.migrations import MigrationTarget, ensure_database, migrate_database


def _libpq(url: str) -> list[str]:
    parsed = make_url(url)
    return ["-h", parsed.host or "127.0.0.1", "-p", str(parsed.port or 5432), "-U", parsed.username or "postgres"]


def _drop(url: str) -> None:
    name = str(make_url(url).database)
    subprocess.run(["dropdb", *_libpq(url), "--if-exists", "--force", name], check=True)


async def _seed(url: str) -> None:
    db = Database(url)
    async with db.transaction() as session:
        await maak_beheerder(
            session, rol=Rol.BESTUURSBEHEERDER, organisatie="41234", gebruikersnaam="bestuur", naam="B. Estuur"
        )
    await db.dispose()


async def _accounts(url: str) -> list[tuple[str, str]]:
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return [(r["gebruikersnaam"], r["bestuur"]) for r in await conn.fetch("SELECT * FROM gebruikers")]
    finally:
        await conn.close()


def test_dump_drop_restore_round_trip(tmp_path: Path, worker_id: str) -> None:
    url = worker_database_url("herstel_portal", worker_id)
    _drop(url)
    target = MigrationTarget("portal", "oso_portal", url)
    migrated = migrate_database(target)
    asyncio.run(_seed(url))
    dump = tmp_path / "oso_portal.dump"
    name = str(make_url(url).database)

    subprocess.run(
        ["pg_dump", *_libpq(url), "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}", name],
        check=True,
    )
    _drop(url)
    assert asyncio.run(ensure_database(url)) is True  # an empty database of the same name
    subprocess.run(
        ["pg_restore", *_libpq(url), "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={name}", str(dump)],
        check=True,
    )

    assert asyncio.run(_accounts(url)) == [("bestuur", "41234")]
    again = migrate_database(target)
    assert (again.changed, again.before) == (False, migrated.after)
