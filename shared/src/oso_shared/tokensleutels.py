"""The keys behind the bearer tokens: one private Ed25519 key per signing process, a JWKS with every public key.

A key id (``kid``) is ``<uitgever>:<stamp>``: the part before the first colon names the one issuer whose tokens
the key may verify (``portal`` for user tokens, a service name for its own ``dienst`` tokens and statements).
Rotation keeps several keys of one issuer in the JWKS (newest last); a process signs with the key it holds.
Only asymmetric keys (OKP Ed25519, EC P-256) are accepted: a symmetric (``oct``) key can never verify anything.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from jwt import PyJWK
from jwt.algorithms import ECAlgorithm, OKPAlgorithm

PublicKey = ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey
PrivateKey = ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey
ALGORITMEN = ("EdDSA", "ES256")


class SleutelFout(ValueError):
    """A key or JWKS setting that cannot be used (the message names the setting, never the key)."""


def tekst_of_bestand(waarde: str) -> str:
    """The value itself, or the content of the file it names (settings accept both)."""
    stripped = waarde.strip()
    if stripped.startswith(("{", "-----BEGIN")):
        return stripped
    path = Path(stripped).expanduser()
    if not path.is_file():
        raise SleutelFout(f"{path} bestaat niet")
    return path.read_text(encoding="utf-8")


def algoritme_van(key: PrivateKey | PublicKey) -> str:
    """The JWS algorithm of a key: EdDSA for Ed25519, ES256 for P-256."""
    if isinstance(key, ed25519.Ed25519PrivateKey | ed25519.Ed25519PublicKey):
        return "EdDSA"
    if isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey) and key.curve.name == "secp256r1":
        return "ES256"
    raise SleutelFout("alleen Ed25519- of P-256-sleutels")


def laad_privesleutel(pem: str) -> PrivateKey:
    """The private key of a PEM (PKCS#8, unencrypted); only Ed25519 and P-256."""
    try:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError) as exc:
        raise SleutelFout("geen leesbare PEM-privésleutel") from exc
    if not isinstance(key, ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey):
        raise SleutelFout("alleen Ed25519- of P-256-sleutels")
    algoritme_van(key)
    return key


def _publieke_bytes(key: PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def jwk_van(key: PublicKey, kid: str) -> dict[str, Any]:
    """The public JWK of ``key`` with ``kid``, ``alg`` and ``use``."""
    algoritme = algoritme_van(key)
    jwk: dict[str, Any]
    if isinstance(key, ed25519.Ed25519PublicKey):
        jwk = OKPAlgorithm.to_jwk(key, as_dict=True)
    else:
        jwk = ECAlgorithm.to_jwk(key, as_dict=True)
    return {**jwk, "kid": kid, "alg": algoritme, "use": "sig"}


def uitgever_van(kid: str) -> str:
    """The issuer a key id belongs to (``portal:2026…`` → ``portal``)."""
    uitgever, sep, rest = kid.partition(":")
    if not sep or not uitgever or not rest:
        raise SleutelFout(f"kid {kid!r} heeft niet de vorm <uitgever>:<id>")
    return uitgever


@dataclass(frozen=True)
class Verificatiesleutel:
    """One public key from the JWKS, with the issuer it may verify."""

    kid: str
    uitgever: str
    algoritme: str
    key: PublicKey


class Verificatiesleutels:
    """The JWKS every service verifies tokens with (``OSO_VERIFICATIE_SLEUTELS``)."""

    def __init__(self, jwks: Mapping[str, Any]) -> None:
        self._sleutels: dict[str, Verificatiesleutel] = {}
        for jwk in jwks.get("keys", ()):
            kid = str(jwk.get("kid", ""))
            if jwk.get("kty") not in ("OKP", "EC"):
                raise SleutelFout(f"kid {kid!r}: alleen asymmetrische sleutels (OKP/EC)")
            try:
                parsed = PyJWK(dict(jwk))
            except Exception as exc:  # PyJWK raises several types for a malformed JWK
                raise SleutelFout(f"kid {kid!r}: onleesbare JWK") from exc
            key = parsed.key
            if not isinstance(key, ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey):
                raise SleutelFout(f"kid {kid!r}: geen publieke sleutel")
            self._sleutels[kid] = Verificatiesleutel(kid, uitgever_van(kid), algoritme_van(key), key)
        if not self._sleutels:
            raise SleutelFout("de JWKS bevat geen sleutels")

    @classmethod
    def lees(cls, waarde: str) -> Verificatiesleutels:
        """From a setting: JWKS JSON or the path of a JWKS file."""
        try:
            document = json.loads(tekst_of_bestand(waarde))
        except json.JSONDecodeError as exc:
            raise SleutelFout("geen JSON") from exc
        if not isinstance(document, dict):
            raise SleutelFout("geen JWKS-document")
        return cls(document)

    def get(self, kid: str) -> Verificatiesleutel | None:
        """The key with ``kid``, or None."""
        return self._sleutels.get(kid)

    def kid_van(self, key: PrivateKey) -> str | None:
        """The kid of the public half of ``key``, or None when the JWKS does not hold it (newest wins)."""
        wanted = _publieke_bytes(key.public_key())
        found = [s.kid for s in self._sleutels.values() if _publieke_bytes(s.key) == wanted]
        return found[-1] if found else None

    def jwks(self) -> dict[str, Any]:
        """The public JWKS document (what ``GET /.well-known/jwks.json`` serves)."""
        return {"keys": [jwk_van(s.key, s.kid) for s in self._sleutels.values()]}


def nieuwe_sleutel(uitgever: str, *, nu: dt.datetime | None = None) -> tuple[str, dict[str, Any]]:
    """A fresh Ed25519 key for ``uitgever``: its PEM (PKCS#8) and its public JWK with a new, dated kid."""
    if not uitgever or ":" in uitgever:
        raise SleutelFout("uitgever zonder dubbele punt")
    moment = (nu or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    key = ed25519.Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return pem, jwk_van(key.public_key(), f"{uitgever}:{moment}")


def jwks_met(jwks: Mapping[str, Any] | None, nieuw: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """``jwks`` with the keys ``nieuw`` appended (newest last); a kid already present is replaced."""
    toevoegen = [dict(k) for k in nieuw]
    kids = {k["kid"] for k in toevoegen}
    oud = [dict(k) for k in (jwks or {}).get("keys", ()) if k.get("kid") not in kids]
    return {"keys": [*oud, *toevoegen]}


def jwks_zonder(jwks: Mapping[str, Any], kid: str) -> dict[str, Any]:
    """``jwks`` without the key ``kid`` (the end of a rotation's overlap)."""
    return {"keys": [dict(k) for k in jwks.get("keys", ()) if k.get("kid") != kid]}
