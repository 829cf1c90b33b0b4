"""Signed statements (the registry's exchange decision): verifiable, bounded in time, never a bearer token."""

from __future__ import annotations

import datetime as dt

import jwt
import pytest

from oso_shared.auth import UITWISSELBESLUIT, TokenService
from oso_shared.problems import Unauthorized

SECRET = "s" * 40


def test_statement_round_trip() -> None:
    tokens = TokenService(SECRET)
    token = tokens.sign_statement(UITWISSELBESLUIT, {"brin": "99AA"}, dt.timedelta(seconds=60))
    claims = tokens.verify_statement(token, UITWISSELBESLUIT)
    assert claims["brin"] == "99AA"
    assert claims["exp"] - claims["iat"] == 60


@pytest.mark.parametrize(
    ("verifier", "audience", "ttl"),
    [
        (TokenService("t" * 40), UITWISSELBESLUIT, 60),  # signed with another secret
        (TokenService(SECRET), "iets-anders", 60),  # for another audience
        (TokenService(SECRET), UITWISSELBESLUIT, -1),  # expired
    ],
)
def test_statement_that_does_not_hold_is_refused(verifier: TokenService, audience: str, ttl: int) -> None:
    token = TokenService(SECRET).sign_statement(UITWISSELBESLUIT, {"brin": "99AA"}, dt.timedelta(seconds=ttl))
    with pytest.raises(jwt.PyJWTError):
        verifier.verify_statement(token, audience)


def test_statement_is_no_bearer_token() -> None:
    tokens = TokenService(SECRET)
    token = tokens.sign_statement(UITWISSELBESLUIT, {"sub": "dienst:x", "rol": "dienst"}, dt.timedelta(seconds=60))
    with pytest.raises(Unauthorized):
        tokens.verify(token)
