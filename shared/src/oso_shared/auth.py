"""Bearer-token authentication: signed tokens with a role and a scope claim.

Roles: ``bestuursbeheerder`` (scope: a board), ``swv-beheerder`` (an SWV), ``schoolbeheerder`` and
``zorgcoordinator`` (a school BRIN4) and ``dienst`` (service-to-service). Tokens are JWTs signed with
``OSO_AUTH_SECRET`` (HS256), short-lived, with issuer and audience checked.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request

from oso_shared.problems import Forbidden, Unauthorized

ISSUER = "oso-exchange"
AUDIENCE = "oso-exchange"
ALGORITHM = "HS256"
# Audience of the registry's signed exchange decision (``route.besluit``): never accepted as a bearer token.
UITWISSELBESLUIT = "oso-uitwisselbesluit"


class Rol(enum.StrEnum):
    BESTUURSBEHEERDER = "bestuursbeheerder"
    SWV_BEHEERDER = "swv-beheerder"
    SCHOOLBEHEERDER = "schoolbeheerder"
    ZORGCOORDINATOR = "zorgcoordinator"
    DIENST = "dienst"


@dataclass(frozen=True)
class Principal:
    """Who is calling: subject, role and the one organisation the role applies to."""

    sub: str
    rol: Rol
    bestuur: str | None = None
    swv: str | None = None
    school: str | None = None
    naam: str | None = None
    rechten: frozenset[str] = field(default_factory=frozenset)

    def claims(self) -> dict[str, Any]:
        """The JWT claims that carry this principal."""
        claims: dict[str, Any] = {"sub": self.sub, "rol": self.rol.value}
        for key in ("bestuur", "swv", "school", "naam"):
            value = getattr(self, key)
            if value is not None:
                claims[key] = value
        if self.rechten:
            claims["rechten"] = sorted(self.rechten)
        return claims


class TokenService:
    """Issues and verifies the project's bearer tokens."""

    def __init__(self, secret: str) -> None:
        if len(secret) < 32:
            raise ValueError("OSO_AUTH_SECRET must be at least 32 characters")
        self._secret = secret

    def issue(self, principal: Principal, ttl: dt.timedelta = dt.timedelta(hours=8)) -> str:
        """Sign a token for ``principal`` valid for ``ttl``."""
        now = dt.datetime.now(dt.UTC)
        payload = {
            **principal.claims(),
            "iss": ISSUER,
            "aud": AUDIENCE,
            "iat": now,
            "nbf": now,
            "exp": now + ttl,
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(payload, self._secret, algorithm=ALGORITHM)

    def sign_statement(self, audience: str, claims: Mapping[str, Any], ttl: dt.timedelta) -> str:
        """Sign a statement for ``audience`` valid for ``ttl``; its audience keeps it from passing as a bearer token."""
        now = dt.datetime.now(dt.UTC)
        payload = {**claims, "iss": ISSUER, "aud": audience, "iat": now, "exp": now + ttl}
        return jwt.encode(payload, self._secret, algorithm=ALGORITHM)

    def verify_statement(self, token: str, audience: str) -> dict[str, Any]:
        """The claims of a statement from :meth:`sign_statement`; raises ``jwt.PyJWTError`` when it does not hold."""
        claims: dict[str, Any] = jwt.decode(
            token,
            self._secret,
            algorithms=[ALGORITHM],
            audience=audience,
            issuer=ISSUER,
            options={"require": ["exp", "iss", "aud"]},
        )
        return claims

    def verify(self, token: str) -> Principal:
        """Check signature, expiry, issuer and audience; return the principal or raise Unauthorized."""
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                audience=AUDIENCE,
                issuer=ISSUER,
                options={"require": ["exp", "sub", "iss", "aud"]},
            )
            rol = Rol(claims["rol"])
        except (jwt.PyJWTError, KeyError, ValueError) as exc:
            raise Unauthorized("Het token is ongeldig of verlopen.", code="TOKEN_ONGELDIG") from exc
        return Principal(
            sub=str(claims["sub"]),
            rol=rol,
            bestuur=claims.get("bestuur"),
            swv=claims.get("swv"),
            school=claims.get("school"),
            naam=claims.get("naam"),
            rechten=frozenset(claims.get("rechten", ())),
        )


def get_token_service(request: Request) -> TokenService:
    """The app's token service, stored on ``app.state.tokens`` by the app factory."""
    tokens = request.app.state.tokens
    assert isinstance(tokens, TokenService)
    return tokens


def bearer_token(request: Request) -> str:
    """Extract the bearer token from the Authorization header or raise Unauthorized."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("Meld je aan met een bearer-token.", code="TOKEN_ONTBREEKT")
    return token.strip()


async def current_principal(request: Request) -> Principal:
    """The verified caller of this request."""
    return get_token_service(request).verify(bearer_token(request))


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: Rol) -> Callable[[Request], Coroutine[Any, Any, Principal]]:
    """Dependency factory: the caller must hold one of ``roles``; otherwise 403 problem+json."""
    allowed = frozenset(roles)

    async def dependency(request: Request) -> Principal:
        principal = await current_principal(request)
        if principal.rol not in allowed:
            raise Forbidden("Je rol geeft geen toegang tot deze functie.", code="ROL_NIET_TOEGESTAAN")
        return principal

    return dependency
