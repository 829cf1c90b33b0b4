"""``oso-admin beheerders aanmaken``: a first admin account with a one-time password, without demo data."""

from __future__ import annotations

import asyncio
import re

import asyncpg
import pytest
from argon2 import PasswordHasher
from typer.testing import CliRunner

from oso_dev.testing import worker_database_url
from oso_portal.accounts.eerste import beheerders
from oso_shared.db import asyncpg_dsn
from oso_shared.migrations import MigrationTarget, migrate_database

runner = CliRunner()


async def _fresh(url: str) -> None:
    admin = await asyncpg.connect(asyncpg_dsn(url.rsplit("/", 1)[0] + "/postgres"))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    finally:
        await admin.close()


async def _account(url: str, gebruikersnaam: str) -> asyncpg.Record | None:
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return await conn.fetchrow("SELECT * FROM gebruikers WHERE gebruikersnaam = $1", gebruikersnaam)
    finally:
        await conn.close()


@pytest.fixture
def portal_url(worker_id: str, monkeypatch: pytest.MonkeyPatch) -> str:
    url = worker_database_url("portal_eerste", worker_id)
    asyncio.run(_fresh(url))
    migrate_database(MigrationTarget("portal", "oso_portal", url))
    monkeypatch.setenv("PORTAL_DATABASE_URL", url)
    return url


def test_creates_a_school_admin_with_a_one_time_password(portal_url: str) -> None:
    result = runner.invoke(
        beheerders, ["aanmaken", "schoolbeheerder", "99AA", "--gebruikersnaam", "Beheer.99AA", "--naam", "A. Beheer"]
    )
    assert result.exit_code == 0, result.output
    wachtwoord = re.search(r"Eenmalig wachtwoord \(wordt niet opnieuw getoond\): (\S+)", result.output)
    assert wachtwoord is not None
    account = asyncio.run(_account(portal_url, "beheer.99aa"))
    assert account is not None
    assert (account["rol"], account["school"], account["bestuur"], account["actief"]) == (
        "schoolbeheerder",
        "99AA",
        None,
        True,
    )
    assert wachtwoord.group(1) not in account["wachtwoord_hash"]
    assert PasswordHasher().verify(account["wachtwoord_hash"], wachtwoord.group(1))


def test_a_taken_user_name_creates_nothing(portal_url: str) -> None:
    args = ["aanmaken", "swv-beheerder", "PO2801", "--gebruikersnaam", "swv", "--naam", "SWV"]
    assert runner.invoke(beheerders, args).exit_code == 0
    again = runner.invoke(beheerders, [*args[:2], "PO9999", *args[3:]])
    assert again.exit_code == 1
    assert "bestaat al" in again.output
    account = asyncio.run(_account(portal_url, "swv"))
    assert account is not None
    assert account["swv"] == "PO2801"


def test_only_admin_roles() -> None:
    result = runner.invoke(beheerders, ["aanmaken", "zorgcoordinator", "99AA", "--gebruikersnaam", "z", "--naam", "Z"])
    assert result.exit_code == 2
