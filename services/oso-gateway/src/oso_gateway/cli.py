"""``oso-admin afleveringen``: list and retry the gateway's dead letters, purge expired content."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from typing import Annotated

import typer

from oso_gateway.outbox import repository
from oso_gateway.outbox.models import Outbox
from oso_gateway.outbox.worker import purge
from oso_gateway.settings import Settings
from oso_shared.db import Database

afleveringen = typer.Typer(help="Afleveringen van de oso-gateway: dode berichten bekijken en opnieuw proberen.")


def _database(settings: Settings) -> Database:
    return Database(settings.resolved_database_url(), pool_size=1, max_overflow=0)


async def _rows(settings: Settings, alle: bool, limiet: int) -> Sequence[Outbox]:
    database = _database(settings)
    try:
        async with database.transaction() as session:
            return await repository.list(session, only_dead=not alle, limit=limiet)
    finally:
        await database.dispose()


async def _retry(settings: Settings, ids: Sequence[uuid.UUID] | None) -> int:
    database = _database(settings)
    try:
        async with database.transaction() as session:
            return await repository.retry_dead(session, ids)
    finally:
        await database.dispose()


async def _purge(settings: Settings) -> int:
    database = _database(settings)
    try:
        return await purge(database, settings)
    finally:
        await database.dispose()


@afleveringen.command()
def lijst(
    alle: Annotated[bool, typer.Option("--alle", help="Alle outboxberichten, niet alleen de dode.")] = False,
    limiet: Annotated[int, typer.Option(help="Hoogstens zoveel regels.")] = 100,
) -> None:
    """Show the dead letters (or with --alle every outbox message), newest first."""
    rows = asyncio.run(_rows(Settings(), alle, limiet))
    typer.echo("Outbox oso-gateway" + ("" if alle else " (dode berichten)"))
    typer.echo("\t".join(("id", "aflevering", "soort", "status", "pogingen", "fouten", "aangemaakt", "laatste fout")))
    for row in rows:
        fields = (
            str(row.id),
            str(row.payload.get("aflevering_id", "")),
            row.kind,
            row.status,
            str(row.attempts),
            str(row.failures),
            row.created_at.isoformat(timespec="seconds"),
            row.last_error or "",
        )
        typer.echo("\t".join(fields))
    typer.echo(f"{len(rows)} bericht(en)")


@afleveringen.command()
def opnieuw(
    ids: Annotated[list[str] | None, typer.Argument(help="Outbox-id's of aflevering-id's.")] = None,
    alle: Annotated[bool, typer.Option("--alle", help="Alle dode berichten opnieuw proberen.")] = False,
) -> None:
    """Put dead letters back in the queue with a fresh attempt budget."""
    if not ids and not alle:
        raise typer.BadParameter("geef een of meer id's, of --alle")
    try:
        parsed = None if alle else [uuid.UUID(i) for i in ids or ()]
    except ValueError as exc:
        raise typer.BadParameter(f"geen geldig id: {exc}") from exc
    count = asyncio.run(_retry(Settings(), parsed))
    typer.echo(f"{count} bericht(en) opnieuw ingepland")


@afleveringen.command()
def opruimen() -> None:
    """Drop dossier content past its retention now (the worker also does this periodically)."""
    count = asyncio.run(_purge(Settings()))
    typer.echo(f"inhoud van {count} aflevering(en) verwijderd")
