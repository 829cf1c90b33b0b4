"""``oso-dossier``: command line of the dossier service.

Subcommands are plain typer commands on ``app``; add one with ``@app.command("naam")`` in this module, or build a
``typer.Typer()`` elsewhere and attach it with ``app.add_typer(sub_app, name="naam")``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from oso_dossier.leerlingimporten.cli import import_command
from oso_dossier.retentie.cli import retentie_command
from oso_dossier.sleutels.cli import sleutels
from oso_dossier.validation import FOUT, ValidationReport, validate
from oso_dossier.validation.parsing import DEFAULT_LIMITS
from oso_dossier.validation.report import Finding

app = typer.Typer(
    name="oso-dossier",
    help="Hulpmiddelen van de dossierdienst (OSO-dossiers valideren, ...).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_PROGRESS_THRESHOLD = 20


@app.callback()
def _root() -> None:
    """Hulpmiddelen van de dossierdienst."""


def _validate_file(path: Path) -> ValidationReport:
    try:
        size = path.stat().st_size
        if size > DEFAULT_LIMITS.max_bytes:
            return ValidationReport(
                xsd_toegepast=False,
                findings=[
                    Finding(
                        "XML",
                        FOUT,
                        "/",
                        f"Het bestand is groter dan de toegestane {DEFAULT_LIMITS.max_bytes} bytes.",
                        "Verklein het dossier, bijvoorbeeld door minder of kleinere bijlagen mee te sturen.",
                    )
                ],
            )
        data = path.read_bytes()
    except OSError as exc:
        return ValidationReport(
            xsd_toegepast=False,
            findings=[
                Finding(
                    "XML",
                    FOUT,
                    "/",
                    f"Het bestand kan niet worden gelezen ({exc.strerror or type(exc).__name__}).",
                    "Controleer het pad en de leesrechten van het bestand.",
                )
            ],
        )
    return validate(data)


class _Tick:
    """Advances the progress bar by one file."""

    def __init__(self, advance: Callable[[], None]) -> None:
        self.advance = advance


@contextmanager
def _progress(total: int) -> Iterator[_Tick | None]:
    """A progress bar on stderr when it is a terminal and the batch is large; a no-op otherwise."""
    if total < _PROGRESS_THRESHOLD or not sys.stderr.isatty():
        yield None
        return
    with typer.progressbar(length=total, label="Valideren", file=sys.stderr) as progress:
        yield _Tick(lambda: progress.update(1))


def _human(file: str, report: ValidationReport) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    status = "GELDIG" if report.valid else "ONGELDIG"
    lines = [f"{file}: {status} ({errors} fout(en), {warnings} waarschuwing(en))"]
    if not report.xsd_toegepast:
        lines.append("  let op: het officiële XSD is niet toegepast (geen schemamap gevonden)")
    for finding in report.findings:
        lines.append(f"  [{finding.severity}] {finding.rule} {finding.path}")
        lines.append(f"      {finding.message}")
        lines.append(f"      oplossing: {finding.hint}")
    return "\n".join(lines)


@app.command("validate")
def validate_command(
    files: Annotated[
        list[Path],
        typer.Argument(help="Een of meer OSO-dossiers (XML).", exists=True, dir_okay=False, readable=False),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Eén JSON-object per bestand per regel.")] = False,
) -> None:
    """Valideer OSO-dossiers zoals de officiële validatie (XSD + PaO-bedrijfsregels).

    Exitcode 0: alle bestanden geldig; 1: minstens één ongeldig; 2: verkeerd gebruik.
    """
    all_valid = True
    with _progress(len(files)) as bar:
        for path in files:
            report = _validate_file(path)
            all_valid = all_valid and report.valid
            if as_json:
                typer.echo(report.to_json(str(path)))
            else:
                typer.echo(_human(str(path), report))
            if bar is not None:
                bar.advance()
    raise typer.Exit(0 if all_valid else 1)


app.command("retentie")(retentie_command)
app.command("import")(import_command)
app.add_typer(sleutels, name="sleutels")


def main() -> None:
    """Entry point of the ``oso-dossier`` script."""
    app()
