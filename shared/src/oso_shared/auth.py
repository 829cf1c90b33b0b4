"""Bearer-token authentication: asymmetric tokens with a role, a scope, an issuer and one audience per target.

Roles: ``bestuursbeheerder`` (scope: a board), ``swv-beheerder`` (an SWV), ``schoolbeheerder`` and
``zorgcoordinator`` (a school BRIN4) and ``dienst`` (service-to-service). Tokens are JWTs signed with EdDSA
(Ed25519) or ES256 and carry a ``kid`` (see :mod:`oso_shared.tokensleutels`):

- user tokens are signed only by the portal, the identity provider (``iss`` ``portal``);
- every service signs its own ``dienst`` tokens (``iss`` = its name, ``sub`` = ``dienst:<name>``);
- ``aud`` is the target service's name; a service accepts only tokens for itself.

A key verifies only tokens of the issuer its kid names, so a service's key can never pass for the portal's and a
``dienst`` token of one service never for another's. HS256 (or any symmetric algorithm) is never accepted.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Callable, Collection, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

import jwt
from fastapi import Depends, Request

from oso_shared.problems import Forbidden, Unauthorized
from oso_shared.tokensleutels import (
    ALGORITMEN,
    PrivateKey,
    SleutelFout,
    Verificatiesleutels,
    algoritme_van,
    laad_privesleutel,
    tekst_of_bestand,
)

if TYPE_CHECKING:
    from oso_shared.settings import ServiceSettings

# The identity provider of the product: the only issuer of user tokens.
IDENTITEITSAANBIEDER = "portal"
DIENST_PREFIX = "dienst:"
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

    @classmethod
    def van_dienst(cls, naam: str) -> Principal:
        """The ``dienst`` identity of service ``naam``."""
        return cls(sub=f"{DIENST_PREFIX}{naam}", rol=Rol.DIENST)

    @property
    def dienst(self) -> str | None:
        """The calling service's name for a ``dienst`` principal, else None."""
        if self.rol is not Rol.DIENST or not self.sub.startswith(DIENST_PREFIX):
            return None
        return self.sub.removeprefix(DIENST_PREFIX)

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


def _ongeldig(exc: BaseException | None = None) -> Unauthorized:
    error = Unauthorized("Het token is ongeldig of verlopen.", code="TOKEN_ONGELDIG")
    if exc is not None:
        error.__cause__ = exc
    return error


class TokenService:
    """Issues this process's tokens (with its own private key) and verifies tokens addressed to it (JWKS).

    ``naam`` is the service's name: the issuer of what it signs and the audience it accepts.
    """

    def __init__(self, naam: str, sleutels: Verificatiesleutels, privesleutel: PrivateKey | None = None) -> None:
        self.naam = naam
        self._sleutels = sleutels
        self._prive = privesleutel
        self._kid: str | None = None
        if privesleutel is not None:
            self._kid = sleutels.kid_van(privesleutel)
            eigen = sleutels.get(self._kid) if self._kid is not None else None
            if eigen is None:
                raise SleutelFout(f"de tokensleutel van {naam} staat niet in OSO_VERIFICATIE_SLEUTELS")
            if eigen.uitgever != naam:
                raise SleutelFout(f"de kid van de tokensleutel van {naam} hoort bij uitgever {eigen.uitgever}")

    @classmethod
    def from_settings(cls, settings: ServiceSettings, naam: str) -> TokenService:
        """The token service of ``naam`` from its settings; raises SleutelFout naming the setting."""
        prefix = str(type(settings).model_config.get("env_prefix", ""))
        if settings.verificatie_sleutels is None:
            raise SleutelFout("OSO_VERIFICATIE_SLEUTELS is niet gezet (JWKS met de publieke tokensleutels)")
        try:
            sleutels = Verificatiesleutels.lees(settings.verificatie_sleutels)
        except SleutelFout as exc:
            raise SleutelFout(f"OSO_VERIFICATIE_SLEUTELS: {exc}") from None
        prive: PrivateKey | None = None
        if settings.token_sleutel is None and type(settings).dienst_identiteit:
            raise SleutelFout(f"{prefix}TOKEN_SLEUTEL is niet gezet (privésleutel van {naam})")
        if settings.token_sleutel is not None:
            try:
                prive = laad_privesleutel(tekst_of_bestand(settings.token_sleutel.get_secret_value()))
            except SleutelFout as exc:
                raise SleutelFout(f"{prefix}TOKEN_SLEUTEL: {exc}") from None
        return cls(naam, sleutels, prive)

    @property
    def sleutels(self) -> Verificatiesleutels:
        """The verification keys (the JWKS)."""
        return self._sleutels

    def _sign(self, payload: Mapping[str, Any]) -> str:
        if self._prive is None or self._kid is None:
            raise SleutelFout(f"{self.naam} heeft geen tokensleutel en tekent niets")
        return jwt.encode(dict(payload), self._prive, algorithm=algoritme_van(self._prive), headers={"kid": self._kid})

    def issue(
        self,
        principal: Principal,
        ttl: dt.timedelta = dt.timedelta(hours=8),
        *,
        audience: str | Sequence[str],
    ) -> str:
        """Sign a token for ``principal`` addressed to ``audience`` (one service, or several), valid for ``ttl``.

        Only the identity provider signs user tokens; any other service signs only its own ``dienst`` identity.
        """
        if self.naam != IDENTITEITSAANBIEDER and principal != Principal.van_dienst(self.naam):
            raise SleutelFout(f"{self.naam} tekent alleen zijn eigen dienst-token")
        now = dt.datetime.now(dt.UTC)
        payload = {
            **principal.claims(),
            "iss": self.naam,
            "aud": audience if isinstance(audience, str) else list(audience),
            "iat": now,
            "nbf": now,
            "exp": now + ttl,
            "jti": uuid.uuid4().hex,
        }
        return self._sign(payload)

    def dienst_token(self, audience: str, ttl: dt.timedelta) -> str:
        """This service's own ``dienst`` token for calls to ``audience``."""
        return self.issue(Principal.van_dienst(self.naam), ttl, audience=audience)

    def sign_statement(self, audience: str, claims: Mapping[str, Any], ttl: dt.timedelta) -> str:
        """Sign a statement for ``audience`` valid for ``ttl``; its audience keeps it from passing as a bearer token."""
        now = dt.datetime.now(dt.UTC)
        return self._sign({**claims, "iss": self.naam, "aud": audience, "iat": now, "exp": now + ttl})

    def _decode(self, token: str, audience: str, required: Collection[str]) -> tuple[str, dict[str, Any]]:
        """Issuer and claims of a token signed with a key of the JWKS for ``audience``; raises jwt.PyJWTError."""
        header = jwt.get_unverified_header(token)
        algorithm, kid = header.get("alg"), header.get("kid")
        sleutel = self._sleutels.get(kid) if isinstance(kid, str) else None
        if algorithm not in ALGORITMEN or sleutel is None or algorithm != sleutel.algoritme:
            raise jwt.InvalidTokenError("onbekende sleutel of algoritme")
        claims: dict[str, Any] = jwt.decode(
            token,
            sleutel.key,
            algorithms=[sleutel.algoritme],
            audience=audience,
            issuer=sleutel.uitgever,  # the key's owner must be the one who says it issued the token
            options={"require": ["exp", "iss", "aud", *required]},
        )
        return sleutel.uitgever, claims

    def verify_statement(self, token: str, audience: str, *, uitgever: str) -> dict[str, Any]:
        """The claims of a statement of ``uitgever`` (:meth:`sign_statement`); raises ``jwt.PyJWTError``."""
        door, claims = self._decode(token, audience, ())
        if door != uitgever:
            raise jwt.InvalidIssuerError("verklaring van een andere uitgever")
        return claims

    def verify(self, token: str) -> Principal:
        """Check signature, key owner, expiry, issuer and audience; return the principal or raise Unauthorized."""
        try:
            uitgever, claims = self._decode(token, self.naam, ("sub", "rol"))
            rol = Rol(claims["rol"])
        except (jwt.PyJWTError, KeyError, ValueError) as exc:
            raise _ongeldig(exc) from exc
        principal = Principal(
            sub=str(claims["sub"]),
            rol=rol,
            bestuur=claims.get("bestuur"),
            swv=claims.get("swv"),
            school=claims.get("school"),
            naam=claims.get("naam"),
            rechten=frozenset(claims.get("rechten", ())),
        )
        # A dienst token names its own signer; user tokens come only from the identity provider.
        if rol is Rol.DIENST and principal.dienst != uitgever:
            raise _ongeldig()
        if rol is not Rol.DIENST and uitgever != IDENTITEITSAANBIEDER:
            raise _ongeldig()
        return principal


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
    """Dependency factory: the caller must be a user holding one of ``roles``; otherwise 403 problem+json.

    ``dienst`` is not a role here: which services may call is named with :func:`require_callers`.
    """
    return require_callers(rollen=roles)


def require_callers(
    *, diensten: Collection[str] = (), rollen: Collection[Rol] = ()
) -> Callable[[Request], Coroutine[Any, Any, Principal]]:
    """Dependency factory: the caller is one of the services ``diensten`` or a user with one of ``rollen``."""
    if Rol.DIENST in rollen:
        raise ValueError("name the calling services with diensten=, not the role dienst")
    services, roles = frozenset(diensten), frozenset(rollen)

    async def dependency(request: Request) -> Principal:
        principal = await current_principal(request)
        allowed = principal.dienst in services if principal.rol is Rol.DIENST else principal.rol in roles
        if not allowed:
            raise Forbidden("Je rol geeft geen toegang tot deze functie.", code="ROL_NIET_TOEGESTAAN")
        return principal

    return dependency
