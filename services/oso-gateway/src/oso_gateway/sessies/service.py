"""Verifies the SWV system's short-lived EdDSA JWT against the aanleverpunt key the registry holds.

Claims: ``iss`` = ``sub`` = aanleverpunt id, ``aud`` = ``oso-gateway``, ``exp`` at most a few minutes ahead,
``jti`` used once. The ``jti`` is recorded in its own transaction so a token is spent even when the request
it came with fails afterwards.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import jwt

from oso_gateway.clients.registry import RegistryClient
from oso_gateway.problems import TokenHergebruikt, TokenOngeldig
from oso_gateway.sessies import repository
from oso_gateway.settings import Settings
from oso_shared.db import Database, single_statement_connection

ALGORITHM = "EdDSA"


@dataclass(frozen=True)
class SwvPrincipal:
    """The authenticated SWV system: one aanleverpunt of one SWV."""

    aanleverpunt_id: uuid.UUID
    swv_code: str


async def verify_swv_token(
    token: str, registry: RegistryClient, database: Database, settings: Settings
) -> SwvPrincipal:
    """Check the token's signature and claims, spend its ``jti``, and return who signed it."""
    try:
        header = jwt.get_unverified_header(token)
        unverified = jwt.decode(token, options={"verify_signature": False})
        aanleverpunt_id = uuid.UUID(str(unverified["iss"]))
    except (jwt.PyJWTError, KeyError, ValueError, TypeError) as exc:
        raise TokenOngeldig("Het token is onleesbaar of noemt geen aanleverpunt als uitgever.") from exc
    if header.get("alg") != ALGORITHM:
        raise TokenOngeldig("Alleen EdDSA-tokens (Ed25519) worden aanvaard.")
    punt = await registry.aanleverpunt(aanleverpunt_id)
    try:
        claims = jwt.decode(
            token,
            punt.publieke_sleutel,
            algorithms=[ALGORITHM],
            audience=settings.jwt_audience,
            issuer=str(unverified["iss"]),
            leeway=settings.jwt_leeway_seconds,
            options={"require": ["exp", "iss", "sub", "aud", "jti"]},
        )
    except jwt.PyJWTError as exc:
        raise TokenOngeldig("Handtekening, geldigheid of doelgroep van het token klopt niet.") from exc
    if str(claims["sub"]) != str(claims["iss"]):
        raise TokenOngeldig("In het token moeten iss en sub hetzelfde aanleverpunt noemen.")
    now = dt.datetime.now(dt.UTC)
    expires = dt.datetime.fromtimestamp(int(claims["exp"]), dt.UTC)
    limit = dt.timedelta(seconds=settings.jwt_max_lifetime_seconds + settings.jwt_leeway_seconds)
    if expires - now > limit or ("iat" in claims and expires - _ts(claims["iat"]) > limit):
        raise TokenOngeldig(f"Een token mag hoogstens {settings.jwt_max_lifetime_seconds} seconden geldig zijn.")
    jti = str(claims["jti"])
    if not jti or len(jti) > 200:
        raise TokenOngeldig("Het token heeft geen bruikbare jti.")
    async with database.transaction() as session:
        await single_statement_connection(session)  # one INSERT: no BEGIN/COMMIT round trips
        fresh = await repository.add(session, aanleverpunt_id, jti, expires + dt.timedelta(seconds=60))
    if not fresh:
        raise TokenHergebruikt("Dit token is al eens gebruikt; maak per aanvraag een nieuw token.")
    return SwvPrincipal(aanleverpunt_id=aanleverpunt_id, swv_code=punt.swv_code)


def _ts(value: object) -> dt.datetime:
    try:
        return dt.datetime.fromtimestamp(int(str(value)), dt.UTC)
    except ValueError as exc:
        raise TokenOngeldig("De iat van het token is geen tijdstip.") from exc
