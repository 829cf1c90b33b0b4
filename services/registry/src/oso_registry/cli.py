"""``registry-admin``: mandates, import and export of the registry from the command line.

Every command runs in one transaction on the registry database (``REGISTRY_DATABASE_URL`` or
``DATABASE_URL``); a failing command changes nothing.
"""

from __future__ import annotations

import asyncio
import getpass
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from oso_registry.brin import parse_brin4
from oso_registry.gegevens import flows as import_flow
from oso_registry.gegevens import service as gegevens
from oso_registry.mandaten import service as mandaten
from oso_registry.mandaten.schemas import KopieAanvraag, KopieBron, MandaatNieuw
from oso_registry.organisaties import repository as organisaties_repo
from oso_registry.organisaties.service import get_school
from oso_registry.settings import Settings
from oso_registry.toegang import Actor
from oso_shared.db import Database
from oso_shared.problems import Problem

T = TypeVar("T")

app = typer.Typer(
    help="Beheer van het register: mandaten, import en export.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
mandaten_app = typer.Typer(help="Mandaten (OSR) per school bekijken en wijzigen.", no_args_is_help=True)
app.add_typer(mandaten_app, name="mandaten")

Door = Annotated[str | None, typer.Option("--door", help="Naam voor het auditlog; standaard cli:<gebruiker>.")]


def _actor(door: str | None) -> Actor:
    return Actor(door or f"cli:{getpass.getuser()}", "beheer-cli")


def _run(werk: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run ``werk`` in one transaction; a Problem is printed and exits 1 with nothing written."""

    async def main() -> T:
        database = Database(Settings().resolved_database_url())
        try:
            async with database.transaction() as session:
                return await werk(session)
        finally:
            await database.dispose()

    try:
        return asyncio.run(main())
    except Problem as exc:
        typer.echo(f"fout: {exc.detail}", err=True)
        for fout in exc.extensions.get("fouten", []):
            regel = f"regel {fout['regel']}, " if fout.get("regel") else ""
            typer.echo(f"  {regel}{fout.get('veld') or '(bestand)'}: {fout['melding']}", err=True)
        raise typer.Exit(1) from exc


@mandaten_app.command("lijst")
def list_mandaten(
    bestuur: Annotated[str | None, typer.Option(help="Alleen scholen van dit bestuur.")] = None,
    brin: Annotated[str | None, typer.Option(help="Alleen deze school (BRIN4).")] = None,
    alle: Annotated[bool, typer.Option("--alle", help="Ook ingetrokken mandaten.")] = False,
) -> None:
    """List mandates per school."""

    async def werk(session: AsyncSession) -> list[str]:
        scholen = await organisaties_repo.list_scholen(
            session, bestuur=bestuur, brin=parse_brin4(brin) if brin is not None else None
        )
        regels = []
        for school in scholen:
            for m in await mandaten.list_mandaten(session, school.brin, inclusief_ingetrokken=alle):
                staat = "actief" if m.actief else f"ingetrokken {m.ingetrokken_op:%Y-%m-%d} door {m.ingetrokken_door}"
                regels.append(f"{m.brin}\t{m.dienst}\t{m.systeem}\t{staat}\tverleend {m.verleend_op:%Y-%m-%d}")
        return regels

    regels = _run(werk)
    typer.echo("brin\tdienst\tsysteem\tstatus\tverleend")
    for regel in regels:
        typer.echo(regel)


@mandaten_app.command("toekennen")
def toekennen(brin: str, dienst: str, systeem: str, door: Door = None) -> None:
    """Grant a mandate (idempotent)."""

    async def werk(session: AsyncSession) -> bool:
        school = await get_school(session, parse_brin4(brin), voor_wijziging=True)
        _, nieuw = await mandaten.verleen(session, _actor(door), school, MandaatNieuw(dienst=dienst, systeem=systeem))
        return nieuw

    nieuw = _run(werk)
    typer.echo(f"mandaat {brin} {dienst} {systeem}: {'toegekend' if nieuw else 'bestond al'}")


@mandaten_app.command("intrekken")
def intrekken(brin: str, dienst: str, systeem: str, door: Door = None) -> None:
    """Revoke an active mandate (fails when there is none)."""

    async def werk(session: AsyncSession) -> None:
        school = await get_school(session, parse_brin4(brin), voor_wijziging=True)
        await mandaten.trek_in(session, _actor(door), school, dienst, systeem)

    _run(werk)
    typer.echo(f"mandaat {brin} {dienst} {systeem}: ingetrokken")


@mandaten_app.command("kopieer")
def kopieer(
    brin: str,
    dienst: str,
    systeem: str,
    naar: Annotated[list[str], typer.Option("--naar", help="Doelschool (BRIN4), herhaalbaar.")],
    bevestig: Annotated[bool, typer.Option("--bevestig", help="Uitvoeren; zonder dit alleen een voorbeeld.")] = False,
    door: Door = None,
) -> None:
    """Copy a mandate to other schools of the same board (preview unless --bevestig)."""

    async def werk(session: AsyncSession) -> list[str]:
        bron = await get_school(session, parse_brin4(brin))
        aanvraag = KopieAanvraag(
            bron=KopieBron(brin=bron.brin, dienst=dienst, systeem=systeem), doelen=naar, bevestigen=bevestig
        )
        resultaat = await mandaten.kopieer(session, _actor(door), bron.bestuur_nummer, aanvraag)
        return [f"{d.brin}\t{d.naam}\t{d.resultaat}" for d in resultaat.doelen]

    regels = _run(werk)
    typer.echo("uitgevoerd:" if bevestig else "voorbeeld (niets gewijzigd; bevestig met --bevestig):")
    for regel in regels:
        typer.echo(regel)


@app.command("import")
def importeer(
    bestand: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="JSON-bestand.")],
    droog: Annotated[bool, typer.Option("--droog", help="Alleen controleren; niets opslaan.")] = False,
    door: Door = None,
) -> None:
    """Load besturen, scholen, vestigingen, SWVs, registrations and mandates: all or nothing."""
    tekst = bestand.read_text(encoding="utf-8")

    class _Droog(Exception):
        pass

    async def werk(session: AsyncSession) -> dict[str, int]:
        data = gegevens.lees_bestand(tekst)
        ontwikkeling = Settings().omgeving == "ontwikkeling"
        samenvatting = await import_flow.importeer(session, _actor(door), data, tekst, ontwikkeling=ontwikkeling)
        if droog:
            raise _Droog(samenvatting.gewijzigd)
        return samenvatting.gewijzigd

    try:
        gewijzigd = _run(werk)
    except _Droog as exc:
        gewijzigd = exc.args[0]
        typer.echo("droge run: niets opgeslagen")
    typer.echo("ingelezen: " + (", ".join(f"{k} {v}" for k, v in sorted(gewijzigd.items())) or "geen wijzigingen"))


@app.command("export")
def exporteer(
    uit: Annotated[Path | None, typer.Option("--uit", help="Schrijf naar dit bestand in plaats van stdout.")] = None,
) -> None:
    """Write the whole register in the import format (export → import round-trips)."""

    async def werk(session: AsyncSession) -> str:
        return (await gegevens.exporteer(session)).model_dump_json(indent=2)

    tekst = _run(werk) + "\n"
    if uit is None:
        sys.stdout.write(tekst)
    else:
        uit.write_text(tekst, encoding="utf-8")
        typer.echo(f"geschreven: {uit}")


def main() -> None:
    """Entry point of ``registry-admin``."""
    app()
