"""``oso-admin``: operations commands shared by all services (development commands: ``oso-dev``).

Subcommands of individual services (e.g. ``afleveringen`` of the gateway) plug in through the entry point
group ``oso_admin.commands``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from importlib.metadata import entry_points
from typing import Annotated

import typer
from pydantic_settings import SettingsConfigDict

from oso_shared.auth import Principal, Rol, TokenService
from oso_shared.settings import ServiceSettings, fail_closed

app = typer.Typer(help="Beheeropdrachten voor de OSO-uitwisseldiensten.", no_args_is_help=True)


class AdminSettings(ServiceSettings):
    """Settings of the admin CLI (and of ``oso-dev``, which reads the same variables)."""

    model_config = SettingsConfigDict(env_prefix="OSO_ADMIN_", extra="ignore")


@app.command()
def token(
    rol: Annotated[Rol, typer.Argument(help="Rol in het token.")],
    bestuur: Annotated[str | None, typer.Option(help="Bestuur (bevoegd-gezagnummer).")] = None,
    swv: Annotated[str | None, typer.Option(help="Code van het samenwerkingsverband.")] = None,
    school: Annotated[str | None, typer.Option(help="BRIN4 van de school.")] = None,
    sub: Annotated[str | None, typer.Option(help="Subject; standaard afgeleid van de rol.")] = None,
    naam: Annotated[str | None, typer.Option(help="Weergavenaam.")] = None,
    recht: Annotated[list[str] | None, typer.Option(help="Extra recht, herhaalbaar.")] = None,
    minuten: Annotated[int, typer.Option(help="Geldigheid in minuten.")] = 480,
) -> None:
    """Mint a development bearer token and print it."""
    needed = {
        Rol.BESTUURSBEHEERDER: ("bestuur", bestuur),
        Rol.SWV_BEHEERDER: ("swv", swv),
        Rol.SCHOOLBEHEERDER: ("school", school),
        Rol.ZORGCOORDINATOR: ("school", school),
    }
    if rol in needed and needed[rol][1] is None:
        raise typer.BadParameter(f"rol {rol.value} heeft --{needed[rol][0]} nodig")
    rechten = set(recht or ())
    if rol is Rol.ZORGCOORDINATOR and not recht:
        rechten.add("overdrachtsdossier")
    principal = Principal(
        sub=sub or f"{rol.value}:{bestuur or swv or school or 'dev'}",
        rol=rol,
        bestuur=bestuur,
        swv=swv,
        school=school,
        naam=naam,
        rechten=frozenset(rechten),
    )
    settings = AdminSettings()
    # Signing with a development secret outside development would mint tokens anyone can forge.
    fail_closed(settings, "oso-admin")
    tokens = TokenService(settings.auth_secret.get_secret_value())
    typer.echo(tokens.issue(principal, dt.timedelta(minutes=minuten)))


@app.command()
def migrate(
    only: Annotated[list[str] | None, typer.Option(help="Alleen de database van deze dienst(en).")] = None,
) -> None:
    """Create (if missing) and migrate every service's database; safe to run concurrently, 0 when current.

    Each service's URL is its ``<PREFIX>DATABASE_URL``, else ``DATABASE_URL`` with the service's database
    name (see docs/configuratie.md). TLS parameters (``sslmode``, ``sslrootcert``) work as in libpq.
    """
    from oso_shared.migrations import describe, migrate_all, targets

    settings = AdminSettings()
    try:
        chosen = targets(settings.shared_database_url, only or ())
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    for outcome in migrate_all(chosen):
        typer.echo(describe(outcome))


def _load_plugins() -> None:
    for ep in entry_points(group="oso_admin.commands"):
        try:
            sub = ep.load()
        except (ImportError, AttributeError) as exc:
            typer.echo(f"waarschuwing: subcommando {ep.name} niet geladen: {exc}", err=True)
            continue
        if isinstance(sub, typer.Typer):
            app.add_typer(sub, name=ep.name)


def main() -> None:
    """Entry point of ``oso-admin``."""
    _load_plugins()
    app()


def run_async(coro: object) -> object:
    """Run a coroutine from a CLI command."""
    return asyncio.run(coro)  # type: ignore[arg-type]
