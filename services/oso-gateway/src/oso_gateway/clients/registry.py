"""The registry as the gateway needs it (exchange check, aanleverpunt with public key), as ``dienst:oso-gateway``."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from pydantic import ValidationError

from oso_gateway.problems import (
    OnbekendAanleverpunt,
    RegisterNietBereikbaar,
    UitwisselingNietToegestaan,
    VerstrekkerNietBekend,
)
from oso_shared.auth import TokenService
from oso_shared.contracts import DIENST_SWV
from oso_shared.contracts.route import (
    AanleverpuntDetail,
    Bron,
    Doel,
    Route,
    Uitwisselcontrole,
    UitwisselcontroleAanvraag,
)
from oso_shared.http import InvalidResponse, ServiceClient, ServiceError, UnexpectedStatus


@dataclass(frozen=True)
class Aanleverpunt:
    """An SWV aanleverpunt as the registry knows it, with its verified public key."""

    id: uuid.UUID
    nummer: str
    swv_code: str
    publieke_sleutel: Ed25519PublicKey


def _unavailable(exc: ServiceError) -> RegisterNietBereikbaar:
    if isinstance(exc, UnexpectedStatus | InvalidResponse):
        return RegisterNietBereikbaar(f"Het register antwoordde onverwacht ({exc.status}).")
    if exc.status is not None:
        return RegisterNietBereikbaar("Het register gaf een foutmelding; probeer het later opnieuw.")
    return RegisterNietBereikbaar("Het register gaf geen antwoord; probeer het later opnieuw.")


class RegistryClient:
    """Typed calls to the registry; public keys are cached for ``key_ttl`` seconds."""

    def __init__(
        self,
        base_url: str,
        tokens: TokenService,
        *,
        timeout: float,
        key_ttl: float,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.http = ServiceClient(base_url, tokens, "registry", timeout=timeout, attempts=2, transport=transport)
        self.key_ttl = key_ttl
        self._keys: dict[uuid.UUID, tuple[float, Aanleverpunt]] = {}

    async def uitwisselcontrole(
        self, brin: str, vestigingscode: str | None, systeem: str, aanleverpunt: uuid.UUID
    ) -> Route:
        """Ask the registry whether this exchange is allowed now; return its route or raise the matching problem."""
        try:
            aanvraag = UitwisselcontroleAanvraag(
                dienst=DIENST_SWV,
                bron=Bron(brin=brin + (vestigingscode or ""), systeem=systeem),
                doel=Doel(aanleverpunt=str(aanleverpunt)),
            )
        except ValidationError as exc:  # what the registry would refuse with 422
            raise VerstrekkerNietBekend("Het register kent de verstrekkende school niet.") from exc
        try:
            controle = await self.http.post_model("/v1/uitwisselcontroles", aanvraag, Uitwisselcontrole, expect=(200,))
        except UnexpectedStatus as exc:
            if exc.status == 404 and "AANLEVERPUNT" in exc.code:
                raise OnbekendAanleverpunt("Het register kent dit aanleverpunt niet.", register_code=exc.code) from exc
            if exc.status in (404, 422):
                raise VerstrekkerNietBekend(
                    "Het register kent de verstrekkende school niet.", register_code=exc.code
                ) from exc
            raise _unavailable(exc) from exc
        except ServiceError as exc:
            raise _unavailable(exc) from exc
        if not controle.toegestaan or controle.route is None:
            raise UitwisselingNietToegestaan(
                "Het register staat deze uitwisseling niet toe.",
                ontbrekend=[o.model_dump(mode="json") for o in controle.ontbrekend],
            )
        return controle.route

    async def aanleverpunt(self, aanleverpunt_id: uuid.UUID) -> Aanleverpunt:
        """The aanleverpunt with its public key (cached briefly; a key rotation shows within ``key_ttl``)."""
        now = time.monotonic()
        cached = self._keys.get(aanleverpunt_id)
        if cached is not None and cached[0] > now:
            return cached[1]
        try:
            detail = await self.http.get_model(f"/v1/aanleverpunten/{aanleverpunt_id}", AanleverpuntDetail)
        except UnexpectedStatus as exc:
            if exc.status in (404, 422):
                raise OnbekendAanleverpunt("Het register kent dit aanleverpunt niet.") from exc
            raise _unavailable(exc) from exc
        except ServiceError as exc:
            raise _unavailable(exc) from exc
        try:
            key = load_pem_public_key(detail.publieke_sleutel.encode())
        except (ValueError, TypeError) as exc:
            raise OnbekendAanleverpunt("Het aanleverpunt heeft geen bruikbare publieke sleutel.") from exc
        if not isinstance(key, Ed25519PublicKey):
            raise OnbekendAanleverpunt("De publieke sleutel van het aanleverpunt is geen Ed25519-sleutel.")
        punt = Aanleverpunt(id=aanleverpunt_id, nummer=detail.nummer, swv_code=detail.swv.code, publieke_sleutel=key)
        self._keys[aanleverpunt_id] = (now + self.key_ttl, punt)
        return punt

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self.http.aclose()
