"""``oso-dossier retentie``: purge content and bijlagen of closed dossiers past the retention period."""

from __future__ import annotations

import asyncio

import typer

from oso_dossier.retentie.service import run
from oso_dossier.settings import Settings


def retentie_command() -> None:
    """Schoon dossiers op die langer dan de bewaartermijn afgesloten zijn (audit blijft bewaard)."""
    settings = Settings()
    aantal = asyncio.run(run(settings))
    typer.echo(f"{aantal} dossier(s) opgeschoond (bewaartermijn {settings.bewaartermijn_dagen} dagen).")
