"""``oso-dossier sleutels``: rotation of the PGN keys (see docs/operations.md, "Sleutelrotatie")."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from oso_dossier.crypto import PgnVersleuteling
from oso_dossier.settings import Settings
from oso_dossier.sleutels.service import herversleutelen
from oso_shared.db import Database
from oso_shared.settings import fail_closed, load_settings

sleutels = typer.Typer(help="PGN-sleutels (BSN, onderwijsnummer): rotatie.", no_args_is_help=True)


async def _run(settings: Settings, crypto: PgnVersleuteling, batch: int) -> int:
    db = Database(settings.resolved_database_url(), pool_size=1, max_overflow=0)
    try:
        return await herversleutelen(db, crypto, batch)
    finally:
        await db.dispose()


@sleutels.command("herversleutelen")
def herversleutelen_command(
    batch: Annotated[int, typer.Option(min=1, help="Leerlingen per transactie.")] = 500,
) -> None:
    """Versleutel elk opgeslagen BSN en onderwijsnummer opnieuw met de nieuwste sleutel (herhaalbaar)."""
    settings = load_settings(Settings, "oso-dossier")
    fail_closed(settings, "oso-dossier")
    crypto = PgnVersleuteling(settings.pgn_sleutels)
    try:
        aantal = asyncio.run(_run(settings, crypto, batch))
    except ValueError as exc:
        typer.echo(f"gestopt: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{aantal} leerling(en) herversleuteld naar sleutel {crypto.nieuwste_id}.")
