"""``oso-dossier import SOORT FILE``: test or read in a Magister export from the command line.

Exit code 0: succesvol; 1: fouten gevonden (nothing written); 2: wrong use. ``--json`` prints the API object;
otherwise a Dutch report, with a progress bar when stdout is a terminal and the file is long.
"""

from __future__ import annotations

import asyncio
import getpass
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from oso_dossier.clients.registry import RegistryClient
from oso_dossier.leerlingimporten import flows, service
from oso_dossier.leerlingimporten.parsing import Soort, Tekenset
from oso_dossier.leerlingimporten.schemas import LeerlingImportUit, Logregel
from oso_dossier.settings import Settings
from oso_shared.auth import Principal, Rol, TokenService
from oso_shared.db import Database
from oso_shared.http import ServiceClient
from oso_shared.problems import Problem

CHUNK = 64 * 1024
# Below this size a file reads in well under a second: no progress bar.
_VOORTGANG_VANAF = 256 * 1024
_LABEL = {"fout": "FOUT", "waarschuwing": "WAARSCHUWING", "info": "INFO"}


def _chunks(bestand: BinaryIO, stap: Callable[[int], None] | None) -> Iterator[bytes]:
    while chunk := bestand.read(CHUNK):
        if stap is not None:
            stap(len(chunk))
        yield chunk


@contextmanager
def _voortgang(grootte: int) -> Iterator[Callable[[int], None] | None]:
    """A rich progress bar over the file's bytes when stdout is a terminal and the file is long."""
    if grootte < _VOORTGANG_VANAF or not sys.stdout.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        taak = progress.add_task("Bestand lezen", total=grootte)
        yield lambda n: progress.advance(taak, n)


def _registry(settings: Settings) -> RegistryClient:
    tokens = TokenService.from_settings(settings, "dossier")
    return RegistryClient(ServiceClient(settings.registry_url, tokens, "registry", timeout=3.0, attempts=1))


async def _voer_uit(
    settings: Settings, opdracht: flows.Opdracht, pad: Path, stap: Callable[[int], None] | None
) -> LeerlingImportUit:
    database = Database(settings.resolved_database_url(), pool_size=1, max_overflow=0)
    registry = _registry(settings)
    principal = Principal(sub=f"cli:{getpass.getuser()}", rol=Rol.SCHOOLBEHEERDER, school=opdracht.brin)
    try:
        vestigingen = await service.vestigingen(registry, opdracht.brin, opdracht.vestigingscode)
        async with database.transaction() as session:
            with pad.open("rb") as bestand:
                uitkomst = await flows.importeer(session, principal, opdracht, _chunks(bestand, stap), vestigingen)
            return service.uit(uitkomst.leerlingimport, [Logregel(**asdict(m)) for m in uitkomst.log])
    finally:
        await registry.aclose()
        await database.dispose()


def rapport(pad: str, opdracht: flows.Opdracht, uit: LeerlingImportUit) -> str:
    """The Dutch report of one import."""
    gedaan = "getest, niets gewijzigd" if opdracht.modus is flows.Modus.TESTEN else "ingelezen"
    if uit.status == flows.FOUTEN_GEVONDEN:
        gedaan = "niet ingelezen: los de fouten op en probeer opnieuw"
        if opdracht.modus is flows.Modus.TESTEN:
            gedaan = "getest, fouten gevonden"
    regels = [
        f"{pad}: {uit.status.replace('_', ' ').upper()} ({gedaan})",
        f"  {opdracht.soort.value}, vestiging {opdracht.vestigingscode}, schooljaar {opdracht.schooljaar}, "
        f"{uit.regels} regels",
    ]
    regels += [f"  {naam.replace('_', ' ')}: {aantal}" for naam, aantal in uit.aantallen.items()]
    for m in uit.log:
        plaats = f"regel {m.regel}" if m.regel else "bestand"
        if m.kolom:
            plaats += f", kolom {m.kolom}"
        regels.append(f"  [{_LABEL[m.soort]}] {plaats}: {m.melding}")
    return "\n".join(regels)


def import_command(
    soort: Annotated[Soort, typer.Argument(help="leerlingen, groepen of koppel")],
    bestand: Annotated[Path, typer.Argument(help="CSV (;) of tekst (tab)", exists=True, dir_okay=False)],
    school: Annotated[str, typer.Option("--school", help="BRIN van de school, bijvoorbeeld 99AA")],
    vestiging: Annotated[str, typer.Option("--vestiging", help="Vestigingscode, twee cijfers")],
    schooljaar: Annotated[str, typer.Option("--schooljaar", help="Bijvoorbeeld 2026-2027")],
    tekenset: Annotated[Tekenset, typer.Option("--tekenset", help="Tekenset van het bestand")] = Tekenset.UTF8,
    testen: Annotated[bool, typer.Option("--testen", help="Alleen controleren, niets wijzigen")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Het importobject van de API als JSON")] = False,
) -> None:
    """Test of lees een Magister-export in (alles of niets). Exitcode 0: succesvol; 1: fouten; 2: verkeerd gebruik."""
    if not re.fullmatch(r"[0-9]{2}[A-Z]{2}", school):
        raise typer.BadParameter(
            "gebruik een BRIN van 2 cijfers en 2 hoofdletters, bijvoorbeeld 99AA", param_hint="--school"
        )
    try:
        opdracht = flows.Opdracht(
            brin=school,
            soort=soort,
            schooljaar=service.controleer_schooljaar(schooljaar),
            vestigingscode=vestiging,
            tekenset=tekenset,
            modus=flows.Modus.TESTEN if testen else flows.Modus.INLEZEN,
        )
        with _voortgang(bestand.stat().st_size) as stap:
            uit = asyncio.run(_voer_uit(Settings(), opdracht, bestand, stap))
    except Problem as exc:
        typer.echo(f"Fout: {exc.detail}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(uit.model_dump_json() if as_json else rapport(str(bestand), opdracht, uit))
    raise typer.Exit(0 if uit.status == flows.SUCCESVOL else 1)
