"""First accounts of a fresh install: ``oso-admin beheerders aanmaken`` (no demo data needed).

Creates a bestuurs-, swv- or schoolbeheerder in the portal's own database with a random one-time password
that is printed once and stored only as its Argon2id hash. The admin signs in with it and hands out the
other accounts from the portal (a schoolbeheerder creates the zorgcoördinatoren of the school).
"""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass
from typing import Annotated

import typer
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from oso_portal.accounts import service
from oso_shared.auth import Rol
from oso_shared.db import Database
from oso_shared.settings import database_url_of

BEHEERROLLEN = (Rol.BESTUURSBEHEERDER, Rol.SWV_BEHEERDER, Rol.SCHOOLBEHEERDER)
# Which scope each admin role needs: the one organisation the account manages.
SCOPE = {Rol.BESTUURSBEHEERDER: "bestuur", Rol.SWV_BEHEERDER: "swv", Rol.SCHOOLBEHEERDER: "school"}


@dataclass(frozen=True)
class EersteBeheerder:
    """A created admin account and its one-time password (shown once, never stored)."""

    gebruikersnaam: str
    rol: Rol
    organisatie: str
    wachtwoord: str


class BeheerderBestaat(Exception):
    """The user name is already taken: nothing was created."""


def eenmalig_wachtwoord() -> str:
    """A random password of about 128 bits, readable enough to type once."""
    return secrets.token_urlsafe(16)


async def maak_beheerder(
    session: AsyncSession, *, rol: Rol, organisatie: str, gebruikersnaam: str, naam: str
) -> EersteBeheerder:
    """Create one admin account for ``organisatie`` with a fresh one-time password."""
    if rol not in BEHEERROLLEN:
        raise ValueError(f"{rol.value} is geen beheerdersrol")
    wachtwoord = eenmalig_wachtwoord()
    try:
        gebruiker = await service.maak_gebruiker(
            session,
            gebruikersnaam=gebruikersnaam,
            naam=naam,
            wachtwoord=wachtwoord,
            rol=rol,
            bestuur=organisatie if SCOPE[rol] == "bestuur" else None,
            swv=organisatie if SCOPE[rol] == "swv" else None,
            school=organisatie if SCOPE[rol] == "school" else None,
        )
    except IntegrityError as exc:
        raise BeheerderBestaat(gebruikersnaam) from exc
    return EersteBeheerder(gebruiker.gebruikersnaam, rol, organisatie, wachtwoord)


async def _aanmaken(url: str, rol: Rol, organisatie: str, gebruikersnaam: str, naam: str) -> EersteBeheerder:
    db = Database(url)
    try:
        async with db.transaction() as session:
            return await maak_beheerder(
                session, rol=rol, organisatie=organisatie, gebruikersnaam=gebruikersnaam, naam=naam
            )
    finally:
        await db.dispose()


beheerders = typer.Typer(help="Beheerdersaccounts van het portaal (eerste inrichting).", no_args_is_help=True)


@beheerders.callback()
def _groep() -> None:
    """Beheerdersaccounts van het portaal (a group, so that ``aanmaken`` stays a subcommand)."""


@beheerders.command("aanmaken")
def aanmaken(
    rol: Annotated[str, typer.Argument(help="bestuursbeheerder, swv-beheerder of schoolbeheerder.")],
    organisatie: Annotated[str, typer.Argument(help="Bevoegd-gezagnummer, SWV-code of BRIN4, passend bij de rol.")],
    gebruikersnaam: Annotated[str, typer.Option(help="Inlognaam.")],
    naam: Annotated[str, typer.Option(help="Weergavenaam.")],
) -> None:
    """Create a first admin account in the portal database and print its one-time password once."""
    try:
        gekozen = Rol(rol)
    except ValueError:
        gekozen = None
    if gekozen not in BEHEERROLLEN:
        raise typer.BadParameter(f"kies uit {', '.join(r.value for r in BEHEERROLLEN)}", param_hint="ROL")
    assert gekozen is not None
    url = database_url_of("oso_portal")
    try:
        account = asyncio.run(_aanmaken(url, gekozen, organisatie, gebruikersnaam, naam))
    except BeheerderBestaat:
        typer.echo(f"gebruikersnaam {gebruikersnaam!r} bestaat al; er is niets aangemaakt", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{account.rol.value} {account.gebruikersnaam} voor {account.organisatie} aangemaakt.")
    typer.echo(f"Eenmalig wachtwoord (wordt niet opnieuw getoond): {account.wachtwoord}")
