"""The SWV system's identity towards the gateway: a short-lived EdDSA JWT per request, per aanleverpunt."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from swv_receiver.settings import AanleverpuntSleutel

GATEWAY_AUDIENCE = "oso-gateway"


class AanleverpuntOndertekenaar:
    """Signs request tokens for one aanleverpunt."""

    def __init__(self, sleutel: AanleverpuntSleutel, ttl_seconds: int) -> None:
        key = load_pem_private_key(sleutel.private_key_pem.get_secret_value().encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"aanleverpunt {sleutel.id}: private key is not Ed25519")
        self.id = sleutel.id
        self.nummer = sleutel.nummer
        self.swv_code = sleutel.swv_code
        self._key = key
        self._ttl = dt.timedelta(seconds=ttl_seconds)

    def token(self) -> str:
        """A fresh JWT: iss = sub = aanleverpunt id, aud oso-gateway, unique jti, expiring within minutes."""
        now = dt.datetime.now(dt.UTC)
        claims = {
            "iss": self.id,
            "sub": self.id,
            "aud": GATEWAY_AUDIENCE,
            "iat": now,
            "nbf": now,
            "exp": now + self._ttl,
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(claims, self._key, algorithm="EdDSA", headers={"kid": self.id})


class Sleutelbos:
    """All aanleverpunten this system serves, by id."""

    def __init__(self, sleutels: Iterable[AanleverpuntSleutel], ttl_seconds: int) -> None:
        self._by_id = {s.id: AanleverpuntOndertekenaar(s, ttl_seconds) for s in sleutels}

    def get(self, aanleverpunt_id: str) -> AanleverpuntOndertekenaar | None:
        """The signer of a known aanleverpunt, else None."""
        return self._by_id.get(aanleverpunt_id)

    def swv_codes(self) -> set[str]:
        """Codes of the SWVs served here."""
        return {o.swv_code for o in self._by_id.values()}
