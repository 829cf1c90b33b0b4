"""``oso-admin``: operations commands shared by all services (development commands: ``oso-dev``).

Subcommands of individual services (e.g. ``afleveringen`` of the gateway) plug in through the entry point
group ``oso_admin.commands``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from importlib.metadata import entry_points
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from oso_shared.auth import IDENTITEITSAANBIEDER, Principal, Rol, TokenService
from oso_shared.settings import ONTWIKKELING, ServiceSettings, refuse_to_start
from oso_shared.tokensleutels import (
    SleutelFout,
    Verificatiesleutels,
    jwks_met,
    jwks_zonder,
    laad_privesleutel,
    nieuwe_sleutel,
    tekst_of_bestand,
)

app = typer.Typer(help="Beheeropdrachten voor de OSO-uitwisseldiensten.", no_args_is_help=True)
sleutels_app = typer.Typer(help="Tokensleutels maken en roteren (JWKS).", no_args_is_help=True)
app.add_typer(sleutels_app, name="sleutels")
# Every service a development token may be addressed to (``--voor``).
DIENSTEN = ("registry", "dossier", "oso-gateway", "swv-receiver", "portal")
# Where ``oso-dev run`` keeps the development token keys, under the run directory.
DEV_SLEUTELMAP = "keys"


class AdminSettings(ServiceSettings):
    """Settings of the admin CLI (and of ``oso-dev``, which reads the same variables)."""

    model_config = SettingsConfigDict(env_prefix="OSO_ADMIN_", extra="ignore")


class PortaalSleutelSettings(ServiceSettings):
    """The portal's key settings (``PORTAL_TOKEN_SLEUTEL``, ``OSO_VERIFICATIE_SLEUTELS``): ``token`` signs as it."""

    model_config = SettingsConfigDict(env_prefix="PORTAL_", extra="ignore")


def portaal_tokens() -> TokenService:
    """The portal's token service: its settings, else (in development only) the keys ``oso-dev run`` keeps."""
    settings = PortaalSleutelSettings()
    dev = settings.run_dir / DEV_SLEUTELMAP
    # Fail closed: outside development a token is only ever signed with the key an operator configured.
    if settings.omgeving == ONTWIKKELING:
        if settings.token_sleutel is None and (dev / "portal.pem").is_file():
            settings.token_sleutel = SecretStr(str(dev / "portal.pem"))
        if settings.verificatie_sleutels is None and (dev / "jwks.json").is_file():
            settings.verificatie_sleutels = str(dev / "jwks.json")
    if settings.token_sleutel is None:
        refuse_to_start("oso-admin", "PORTAL_TOKEN_SLEUTEL is niet gezet (in ontwikkeling: start eerst `oso-dev run`)")
    try:
        return TokenService.from_settings(settings, IDENTITEITSAANBIEDER)
    except SleutelFout as exc:
        refuse_to_start("oso-admin", str(exc))


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
    voor: Annotated[list[str] | None, typer.Option(help="Doeldienst (aud), herhaalbaar; standaard alle.")] = None,
) -> None:
    """Mint a development user token, signed with the portal's key, and print it."""
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
    if rol is Rol.DIENST:
        raise typer.BadParameter("dienst-tokens tekent elke dienst zelf; de portal tekent alleen gebruikers")
    tokens = portaal_tokens()
    typer.echo(tokens.issue(principal, dt.timedelta(minutes=minuten), audience=voor or DIENSTEN))


def _lees_jwks(pad: Path | None) -> dict[str, Any] | None:
    if pad is None:
        return None
    try:
        return Verificatiesleutels.lees(str(pad)).jwks()
    except SleutelFout as exc:
        raise typer.BadParameter(f"{pad}: {exc}") from exc


@sleutels_app.command("nieuw")
def sleutel_nieuw(
    uitgever: Annotated[str, typer.Argument(help="Dienst van de sleutel: portal, registry, dossier, oso-gateway.")],
    jwks: Annotated[
        Path | None, typer.Option(help="Huidige JWKS (OSO_VERIFICATIE_SLEUTELS); de nieuwe komt erbij.")
    ] = None,
    sleutel_uit: Annotated[
        Path | None, typer.Option(help="Schrijf de privésleutel hierheen (0600) in plaats van naar stdout.")
    ] = None,
) -> None:
    """A new Ed25519 token key for ``uitgever``: its private PEM and the JWKS with the new public key appended.

    Rotation: put the printed JWKS in OSO_VERIFICATIE_SLEUTELS of every service first, then give the signer the
    new private key (<PREFIX>TOKEN_SLEUTEL), and after the longest token lifetime drop the old key with
    ``oso-admin sleutels intrekken``.
    """
    try:
        pem, jwk = nieuwe_sleutel(uitgever)
        Verificatiesleutels({"keys": [jwk]})
    except SleutelFout as exc:
        raise typer.BadParameter(str(exc)) from exc
    if sleutel_uit is not None:
        sleutel_uit.touch(mode=0o600, exist_ok=False)
        sleutel_uit.write_text(pem, encoding="utf-8")
    else:
        typer.echo(pem, nl=False)
    typer.echo(json.dumps(jwks_met(_lees_jwks(jwks), [jwk]), indent=2))


@sleutels_app.command("intrekken")
def sleutel_intrekken(
    kid: Annotated[str, typer.Argument(help="Kid van de sleutel die weg moet.")],
    jwks: Annotated[Path, typer.Option(help="Huidige JWKS (OSO_VERIFICATIE_SLEUTELS).")],
) -> None:
    """Print the JWKS without ``kid`` (the end of a rotation's overlap: tokens signed with it are then refused)."""
    document = _lees_jwks(jwks) or {"keys": []}
    if kid not in {k.get("kid") for k in document["keys"]}:
        raise typer.BadParameter(f"kid {kid} staat niet in {jwks}")
    typer.echo(json.dumps(jwks_zonder(document, kid), indent=2))


@sleutels_app.command("kid")
def sleutel_kid(
    sleutel: Annotated[str, typer.Argument(help="Privésleutel (PEM-bestand).")],
    jwks: Annotated[Path, typer.Option(help="JWKS (OSO_VERIFICATIE_SLEUTELS).")],
) -> None:
    """Print the kid under which the JWKS holds the public half of a private key (check before switching)."""
    try:
        kid = Verificatiesleutels.lees(str(jwks)).kid_van(laad_privesleutel(tekst_of_bestand(sleutel)))
    except SleutelFout as exc:
        raise typer.BadParameter(str(exc)) from exc
    if kid is None:
        raise typer.BadParameter("de JWKS bevat deze sleutel niet")
    typer.echo(kid)


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
