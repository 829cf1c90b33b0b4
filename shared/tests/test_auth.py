"""Asymmetric tokens: who may sign what, for whom; the registry's signed statements; HS256 never passes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jwt
import pytest

from oso_dev.sleutels import Sleutelset
from oso_dev.testing import test_sleutels
from oso_shared.auth import UITWISSELBESLUIT, Principal, Rol, TokenService
from oso_shared.problems import Unauthorized
from oso_shared.settings import DEV_AUTH_SECRET
from oso_shared.tokensleutels import SleutelFout, Verificatiesleutels, jwks_met, laad_privesleutel, nieuwe_sleutel

ZORG = Principal(sub="u", rol=Rol.ZORGCOORDINATOR, school="99AA", rechten=frozenset({"overdrachtsdossier"}))


def _claims(**extra: Any) -> dict[str, Any]:
    now = dt.datetime.now(dt.UTC)
    return {
        **ZORG.claims(),
        "iss": "portal",
        "aud": "dossier",
        "iat": now,
        "exp": now + dt.timedelta(minutes=5),
        **extra,
    }


def _raw(uitgever: str, claims: dict[str, Any], sleutels: Sleutelset | None = None) -> str:
    """A token signed with ``uitgever``'s key, bypassing TokenService.issue's own guard (what an attacker could do)."""
    sleutels = sleutels or test_sleutels()
    key = laad_privesleutel(sleutels.prive[uitgever])
    kid = sleutels.verificatiesleutels().kid_van(key)
    return jwt.encode(claims, key, algorithm="EdDSA", headers={"kid": kid})


def test_user_token_of_the_portal_is_accepted_by_its_audience_only() -> None:
    token = test_sleutels().tokens("portal").issue(ZORG, audience="dossier")
    assert test_sleutels().tokens("dossier").verify(token) == ZORG
    with pytest.raises(Unauthorized):
        test_sleutels().tokens("registry").verify(token)
    assert jwt.get_unverified_header(token)["alg"] == "EdDSA"


def test_forged_hs256_token_with_the_old_shared_secret_is_refused() -> None:
    forged = jwt.encode({**_claims(), "iss": "oso-exchange"}, DEV_AUTH_SECRET, algorithm="HS256")
    also = jwt.encode(_claims(), DEV_AUTH_SECRET, algorithm="HS256", headers={"kid": _kid("portal")})
    for token in (forged, also, jwt.encode(_claims(), "", algorithm="none")):
        with pytest.raises(Unauthorized):
            test_sleutels().tokens("dossier").verify(token)


def _kid(uitgever: str) -> str:
    kid = test_sleutels().verificatiesleutels().kid_van(laad_privesleutel(test_sleutels().prive[uitgever]))
    assert kid is not None
    return kid


@pytest.mark.parametrize("uitgever", ["dossier", "registry", "oso-gateway"])
def test_a_service_key_cannot_sign_user_tokens(uitgever: str) -> None:
    token = _raw(uitgever, _claims(iss=uitgever))
    with pytest.raises(Unauthorized):
        test_sleutels().tokens("dossier").verify(token)
    with pytest.raises(Unauthorized):  # nor by claiming to be the portal
        test_sleutels().tokens("dossier").verify(_raw(uitgever, _claims()))
    with pytest.raises(SleutelFout):  # and TokenService refuses to try
        test_sleutels().tokens(uitgever).issue(ZORG, audience="dossier")


def test_a_dienst_token_names_its_own_signer() -> None:
    dienst = {"sub": "dienst:oso-gateway", "rol": "dienst"}
    echt = _raw("oso-gateway", _claims(**dienst, iss="oso-gateway"))
    assert test_sleutels().tokens("dossier").verify(echt).dienst == "oso-gateway"
    for token in (
        _raw("registry", _claims(**dienst, iss="registry")),  # the registry posing as the gateway
        _raw("portal", _claims(**dienst)),  # nor may the identity provider
    ):
        with pytest.raises(Unauthorized):
            test_sleutels().tokens("dossier").verify(token)


def test_unknown_keys_are_refused() -> None:
    vreemd = Sleutelset.nieuw()  # same issuer names, keys nobody configured
    with pytest.raises(Unauthorized):
        test_sleutels().tokens("dossier").verify(vreemd.tokens("portal").issue(ZORG, audience="dossier"))
    zonder_kid = jwt.encode(_claims(), laad_privesleutel(test_sleutels().prive["portal"]), algorithm="EdDSA")
    with pytest.raises(Unauthorized):
        test_sleutels().tokens("dossier").verify(zonder_kid)


def test_rotation_keeps_old_and_new_key_of_an_issuer_valid_during_the_overlap() -> None:
    oud_pem, oud_jwk = nieuwe_sleutel("portal")
    nieuw_pem, nieuw_jwk = nieuwe_sleutel("portal")
    sleutels = Verificatiesleutels(jwks_met({"keys": [oud_jwk]}, [nieuw_jwk]))
    verifier = TokenService("dossier", sleutels)
    for pem in (oud_pem, nieuw_pem):
        signer = TokenService("portal", sleutels, laad_privesleutel(pem))
        assert verifier.verify(signer.issue(ZORG, audience="dossier")) == ZORG
    header = jwt.get_unverified_header(
        TokenService("portal", sleutels, laad_privesleutel(nieuw_pem)).issue(ZORG, audience="dossier")
    )
    assert header["kid"] == nieuw_jwk["kid"]


def test_symmetric_keys_never_enter_the_jwks() -> None:
    with pytest.raises(SleutelFout):
        Verificatiesleutels({"keys": [{"kty": "oct", "kid": "portal:1", "k": "c2VjcmV0"}]})


def test_statement_round_trip() -> None:
    registry = test_sleutels().tokens("registry")
    token = registry.sign_statement(UITWISSELBESLUIT, {"brin": "99AA"}, dt.timedelta(seconds=60))
    claims = test_sleutels().tokens("oso-gateway").verify_statement(token, UITWISSELBESLUIT, uitgever="registry")
    assert claims["brin"] == "99AA"
    assert claims["exp"] - claims["iat"] == 60


@pytest.mark.parametrize(
    ("signer", "audience", "ttl"),
    [
        ("dossier", UITWISSELBESLUIT, 60),  # signed by another service
        ("registry", "iets-anders", 60),  # for another audience
        ("registry", UITWISSELBESLUIT, -1),  # expired
    ],
)
def test_statement_that_does_not_hold_is_refused(signer: str, audience: str, ttl: int) -> None:
    token = test_sleutels().tokens(signer).sign_statement(audience, {"brin": "99AA"}, dt.timedelta(seconds=ttl))
    with pytest.raises(jwt.PyJWTError):
        test_sleutels().tokens("oso-gateway").verify_statement(token, UITWISSELBESLUIT, uitgever="registry")


def test_statement_is_no_bearer_token() -> None:
    registry = test_sleutels().tokens("registry")
    claims = {"sub": "dienst:registry", "rol": "dienst"}
    token = registry.sign_statement(UITWISSELBESLUIT, claims, dt.timedelta(seconds=60))
    with pytest.raises(Unauthorized):
        test_sleutels().tokens("dossier").verify(token)


def test_es256_keys_work_as_well() -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    from oso_shared.tokensleutels import jwk_van

    key = ec.generate_private_key(ec.SECP256R1())
    sleutels = Verificatiesleutels(jwks_met(test_sleutels().jwks, [jwk_van(key.public_key(), "portal:es256")]))
    token = TokenService("portal", sleutels, key).issue(ZORG, audience="dossier")
    assert jwt.get_unverified_header(token) == {"alg": "ES256", "kid": "portal:es256", "typ": "JWT"}
    assert TokenService("dossier", sleutels).verify(token) == ZORG
