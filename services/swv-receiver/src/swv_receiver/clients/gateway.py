"""The school side's oso-gateway as the receiver sees it: fetch a dossier, deliver a terugkoppeling.

Every call carries a fresh EdDSA JWT of the aanleverpunt (``bearer``), never a ``dienst`` token: the gateway
knows this system only by the public key the registry holds. Failures are the typed errors of
:mod:`oso_shared.http` (``ServiceError.transient`` says whether a later attempt may help).
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from oso_shared.auth import TokenService
from oso_shared.contracts.notificatie import OphaalVerzoek, TerugkoppelingIn, TerugkoppelingOut
from oso_shared.http import ServiceClient, ServiceUnavailable, UnexpectedStatus, is_transient
from swv_receiver.dossiercontrole import DossierOngeldig
from swv_receiver.settings import Settings
from swv_receiver.sleutels import AanleverpuntOndertekenaar

_MAX_PROBLEEM_BYTES = 64 * 1024


class GatewayClient:
    """Typed calls to the gateway; the URLs come from the notification (checked to lie under ``gateway_url``)."""

    def __init__(self, service: ServiceClient, max_dossier_bytes: int) -> None:
        self.service = service
        self.max_dossier_bytes = max_dossier_bytes

    @classmethod
    def from_settings(cls, settings: Settings, transport: httpx.AsyncBaseTransport | None = None) -> GatewayClient:
        """The client for ``settings.gateway_url``; one attempt per call, the outbox retries with backoff."""
        service = ServiceClient(
            settings.gateway_url,
            TokenService.from_settings(settings, "swv-receiver"),
            "oso-gateway",
            timeout=settings.ophaal_timeout_seconds,
            attempts=1,
            transport=transport,
        )
        return cls(service, settings.max_dossier_bytes)

    async def ophalen(self, url: str, koppelsleutel: str, ondertekenaar: AanleverpuntOndertekenaar) -> bytes:
        """Fetch the dossier, streamed and size-limited (DossierOngeldig past ``max_dossier_bytes``)."""
        body = OphaalVerzoek(koppelsleutel=koppelsleutel).model_dump_json()
        headers = {
            "authorization": f"Bearer {ondertekenaar.token()}",
            "accept": "application/xml",
            "content-type": "application/json",
        }
        # Streamed on the ServiceClient's connection pool: its request() reads a whole body before we could stop.
        try:
            async with self.service.client.stream("POST", url, content=body, headers=headers) as response:
                if response.status_code == 200:
                    return await self._lees_dossier(response)
                probleem = _probleem(await _lees_begrensd(response))
        except httpx.HTTPError as exc:
            raise ServiceUnavailable(f"POST {url}: {type(exc).__name__}") from exc
        status = response.status_code
        if is_transient(status):
            raise ServiceUnavailable(f"POST {url}: {status}", status=status, problem=probleem)
        raise UnexpectedStatus(f"POST {url}: unexpected status {status}", status=status, problem=probleem)

    async def terugkoppelen(
        self, url: str, ondertekenaar: AanleverpuntOndertekenaar, idempotency_key: str, inhoud: TerugkoppelingIn
    ) -> TerugkoppelingOut:
        """Deliver one terugkoppeling; a repeat with the same Idempotency-Key is harmless at the gateway."""
        return await self.service.post_model(
            url,
            inhoud,
            TerugkoppelingOut,
            bearer=ondertekenaar.token(),
            headers={"Idempotency-Key": idempotency_key},
        )

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self.service.aclose()

    async def _lees_dossier(self, response: httpx.Response) -> bytes:
        delen: list[bytes] = []
        grootte = 0
        async for chunk in response.aiter_bytes():
            grootte += len(chunk)
            if grootte > self.max_dossier_bytes:
                raise DossierOngeldig("DOSSIER_TE_GROOT", f"Dossier groter dan {self.max_dossier_bytes}.")
            delen.append(chunk)
        return b"".join(delen)


async def _lees_begrensd(response: httpx.Response) -> bytes:
    delen: list[bytes] = []
    grootte = 0
    async for chunk in response.aiter_bytes():
        delen.append(chunk)
        grootte += len(chunk)
        if grootte >= _MAX_PROBLEEM_BYTES:
            break
    return b"".join(delen)[:_MAX_PROBLEEM_BYTES]


def _probleem(body: bytes) -> dict[str, Any]:
    try:
        probleem = json.loads(body)
    except ValueError:
        return {}
    return probleem if isinstance(probleem, dict) else {}
