"""``oso-dev``: development commands (``make run``); operations commands stay in ``oso-admin``."""

from __future__ import annotations

from typing import Annotated

import typer

from oso_dev import supervisor
from oso_shared.cli import AdminSettings

app = typer.Typer(help="Ontwikkelopdrachten voor de OSO-uitwisseldiensten.", no_args_is_help=True)


@app.command()
def run(
    demo: Annotated[bool, typer.Option(help="Demogegevens laden.")] = True,
    only: Annotated[list[str] | None, typer.Option(help="Alleen deze dienst(en) starten.")] = None,
) -> None:
    """Start everything for development: database, migrations, demo data and all services (Ctrl-C stops all)."""
    settings = AdminSettings()
    run_dir = settings.run_dir.resolve()
    url = supervisor.prepare(settings.shared_database_url, run_dir, demo)
    raise typer.Exit(supervisor.supervise(url, run_dir, only or ()))


@app.command()
def migrate(
    demo: Annotated[bool, typer.Option(help="Ook demogegevens laden.")] = False,
) -> None:
    """Create and migrate every service's database on DATABASE_URL, or on the embedded server when unset."""
    settings = AdminSettings()
    supervisor.prepare(settings.shared_database_url, settings.run_dir.resolve(), demo)


@app.command()
def procfile(
    only: Annotated[list[str] | None, typer.Option(help="Alleen deze dienst(en).")] = None,
) -> None:
    """Print the Procfile ``oso-dev run`` hands to honcho (to run it with ``honcho start`` on a server of your own)."""
    typer.echo(supervisor.procfile(only or ()), nl=False)


def main() -> None:
    """Entry point of ``oso-dev``."""
    app()
