"""Development and test token keys: one Ed25519 key per signing service and the JWKS every process verifies with.

There are no published development keys: ``oso-dev run`` creates them once in ``<run_dir>/keys/`` (and keeps
them, so ``oso-admin token`` signs with the same portal key), the test plugin and the e2e chain make fresh ones
per run. :meth:`Sleutelset.env` is what every process gets: ``<PREFIX>TOKEN_SLEUTEL`` of each signer and
``OSO_VERIFICATIE_SLEUTELS``. The swv-receiver gets no signing key (it has no school-side identity).
"""

from __future__ import annotations

import functools
import importlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from oso_shared.auth import TokenService
from oso_shared.services import discover
from oso_shared.tokensleutels import Verificatiesleutels, jwks_met, laad_privesleutel, nieuwe_sleutel


@functools.cache
def ondertekenaars() -> Mapping[str, str]:
    """The installed services that sign tokens (``dienst_identiteit``), with the env prefix of their settings."""
    found: dict[str, str] = {}
    for service in discover():
        package = service.app_factory.split(":")[0].split(".")[0]
        settings = importlib.import_module(f"{package}.settings").Settings
        if settings.dienst_identiteit:
            found[service.name] = str(settings.model_config.get("env_prefix", ""))
    return found


VERIFICATIE = "OSO_VERIFICATIE_SLEUTELS"
JWKS_BESTAND = "jwks.json"


@dataclass(frozen=True)
class Sleutelset:
    """The private key (PEM) of every signer and the JWKS with their public halves."""

    prive: Mapping[str, str]
    jwks: Mapping[str, Any]

    @classmethod
    def nieuw(cls, uitgevers: Sequence[str] | None = None) -> Sleutelset:
        """Fresh keys for ``uitgevers`` (default: every signing service)."""
        prive: dict[str, str] = {}
        jwks: dict[str, Any] = {"keys": []}
        for uitgever in ondertekenaars() if uitgevers is None else uitgevers:
            pem, jwk = nieuwe_sleutel(uitgever)
            prive[uitgever] = pem
            jwks = jwks_met(jwks, [jwk])
        return cls(prive, jwks)

    @classmethod
    def in_map(cls, map: Path) -> Sleutelset:
        """The keys kept in ``map`` (``<uitgever>.pem`` + ``jwks.json``), created there on first use."""
        pems = {u: map / f"{u}.pem" for u in ondertekenaars()}
        jwks_pad = map / JWKS_BESTAND
        if jwks_pad.is_file() and all(p.is_file() for p in pems.values()):
            return cls({u: p.read_text(encoding="utf-8") for u, p in pems.items()}, json.loads(jwks_pad.read_text()))
        sleutels = cls.nieuw()
        map.mkdir(parents=True, exist_ok=True)
        map.chmod(0o700)
        for uitgever, pad in pems.items():
            pad.write_text(sleutels.prive[uitgever], encoding="utf-8")
            pad.chmod(0o600)
        jwks_pad.write_text(json.dumps(sleutels.jwks, indent=2), encoding="utf-8")
        return sleutels

    def env(self) -> dict[str, str]:
        """The environment that gives every process its own signing key and all of them the JWKS."""
        env = {f"{ondertekenaars()[u]}TOKEN_SLEUTEL": pem for u, pem in self.prive.items()}
        env[VERIFICATIE] = json.dumps(self.jwks)
        return env

    def verificatiesleutels(self) -> Verificatiesleutels:
        """The JWKS as the services read it."""
        return Verificatiesleutels(self.jwks)

    def tokens(self, naam: str) -> TokenService:
        """The token service of ``naam`` (signing with its key when it has one, verifying as ``naam``)."""
        pem = self.prive.get(naam)
        return TokenService(naam, self.verificatiesleutels(), laad_privesleutel(pem) if pem else None)
