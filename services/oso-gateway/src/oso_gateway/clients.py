"""Calls to the registry (exchange check, aanleverpunt with public key) as ``dienst:oso-gateway``."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from oso_gateway.problems import (
    OnbekendAanleverpunt,
    RegisterNietBereikbaar,
    UitwisselingNietToegestaan,
    VerstrekkerNietBekend,
)
from oso_shared.auth import TokenService
from oso_shared.http import ServiceClient

DIENST_SWV = "OSO-SWV"


@dataclass(frozen=True)
class Route:
    """Where an approved exchange goes (the registry's ``route``)."""

    aanleverpunt_id: uuid.UUID
    nummer: str
    routeringskenmerk: str
    endpoint: str
    swv_code: str
    swv_naam: str


@dataclass(frozen=True)
class Aanleverpunt:
    """An SWV aanleverpunt as the registry knows it, with its verified public key."""

    id: uuid.UUID
    nummer: str
    swv_code: str
    publieke_sleutel: Ed25519PublicKey


class RegistryClient:
    """The registry as the gateway needs it; public keys are cached for ``key_ttl`` seconds."""

    def __init__(self, base_url: str, tokens: TokenService, *, timeout: float, key_ttl: float) -> None:
        self.http = ServiceClient(base_url, tokens, "oso-gateway", timeout=timeout, attempts=2)
        self.key_ttl = key_ttl
        self._keys: dict[uuid.UUID, tuple[float, Aanleverpunt]] = {}

    async def _call(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            response = await self.http.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            raise RegisterNietBereikbaar("Het register gaf geen antwoord; probeer het later opnieuw.") from exc
        if response.status_code >= 500:
            raise RegisterNietBereikbaar("Het register gaf een foutmelding; probeer het later opnieuw.")
        return response

    async def uitwisselcontrole(
        self, brin: str, vestigingscode: str | None, systeem: str, aanleverpunt: uuid.UUID
    ) -> Route:
        """Ask the registry whether this exchange is allowed now; return its route or raise the matching problem."""
        body = {
            "dienst": DIENST_SWV,
            "bron": {"brin": brin + (vestigingscode or ""), "systeem": systeem},
            "doel": {"aanleverpunt": str(aanleverpunt)},
        }
        response = await self._call("POST", "/v1/uitwisselcontroles", json=body)
        if response.status_code in (404, 422):
            code = _problem_code(response)
            if response.status_code == 404 and "AANLEVERPUNT" in code:
                raise OnbekendAanleverpunt("Het register kent dit aanleverpunt niet.", register_code=code)
            raise VerstrekkerNietBekend("Het register kent de verstrekkende school niet.", register_code=code)
        if response.status_code != 200:
            raise RegisterNietBereikbaar(f"Het register antwoordde onverwacht ({response.status_code}).")
        data = response.json()
        if not data.get("toegestaan") or not data.get("route"):
            raise UitwisselingNietToegestaan(
                "Het register staat deze uitwisseling niet toe.", ontbrekend=data.get("ontbrekend") or []
            )
        route = data["route"]
        punt = route["aanleverpunt"]
        return Route(
            aanleverpunt_id=uuid.UUID(str(punt["id"])),
            nummer=str(punt["nummer"]),
            routeringskenmerk=str(punt.get("routeringskenmerk") or ""),
            endpoint=str(route["endpoint"]),
            swv_code=str(route["swv"]["code"]),
            swv_naam=str(route["swv"].get("naam") or ""),
        )

    async def aanleverpunt(self, aanleverpunt_id: uuid.UUID) -> Aanleverpunt:
        """The aanleverpunt with its public key (cached briefly; a key rotation shows within ``key_ttl``)."""
        now = time.monotonic()
        cached = self._keys.get(aanleverpunt_id)
        if cached is not None and cached[0] > now:
            return cached[1]
        response = await self._call("GET", f"/v1/aanleverpunten/{aanleverpunt_id}")
        if response.status_code in (404, 422):
            raise OnbekendAanleverpunt("Het register kent dit aanleverpunt niet.")
        if response.status_code != 200:
            raise RegisterNietBereikbaar(f"Het register antwoordde onverwacht ({response.status_code}).")
        data = response.json()
        try:
            key = load_pem_public_key(str(data["publieke_sleutel"]).encode())
        except (KeyError, ValueError, TypeError) as exc:
            raise OnbekendAanleverpunt("Het aanleverpunt heeft geen bruikbare publieke sleutel.") from exc
        if not isinstance(key, Ed25519PublicKey):
            raise OnbekendAanleverpunt("De publieke sleutel van het aanleverpunt is geen Ed25519-sleutel.")
        punt = Aanleverpunt(
            id=aanleverpunt_id,
            nummer=str(data.get("nummer") or ""),
            swv_code=str((data.get("swv") or {}).get("code") or ""),
            publieke_sleutel=key,
        )
        self._keys[aanleverpunt_id] = (now + self.key_ttl, punt)
        return punt

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self.http.aclose()


def _problem_code(response: httpx.Response) -> str:
    try:
        return str(response.json().get("code") or "")
    except ValueError:
        return ""
