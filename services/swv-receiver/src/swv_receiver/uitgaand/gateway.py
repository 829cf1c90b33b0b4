"""HTTP calls to the school side's oso-gateway, each authenticated with a fresh aanleverpunt JWT."""

from __future__ import annotations

import json
from typing import Any

import httpx

from swv_receiver.dossiercontrole import DossierOngeldig
from swv_receiver.sleutels import AanleverpuntOndertekenaar

# Worth retrying: the peer is busy, starting, or failed on its side.
TIJDELIJKE_STATUS = frozenset({408, 425, 429})
_MAX_PROBLEEM_BYTES = 64 * 1024


class GatewayWeigering(Exception):
    """The gateway refused for good (4xx); ``code`` is its problem code."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.detail = detail


class GatewayTijdelijkFout(Exception):
    """The gateway answered with something worth retrying later (5xx, 429, ...)."""


def _weigering(status: int, body: bytes) -> GatewayWeigering:
    code, detail = f"HTTP_{status}", ""
    try:
        probleem: Any = json.loads(body)
    except ValueError:
        probleem = None
    if isinstance(probleem, dict):
        code = str(probleem.get("code") or code)[:100]
        detail = str(probleem.get("detail") or probleem.get("title") or "")[:500]
    return GatewayWeigering(status, code, detail)


def _is_permanent(status: int) -> bool:
    return 400 <= status < 500 and status not in TIJDELIJKE_STATUS


class GatewayClient:
    """Fetches dossiers and delivers terugkoppelingen."""

    def __init__(self, http: httpx.AsyncClient, max_dossier_bytes: int) -> None:
        self.http = http
        self.max_dossier_bytes = max_dossier_bytes

    @staticmethod
    def _headers(ondertekenaar: AanleverpuntOndertekenaar, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {ondertekenaar.token()}", **extra}

    async def ophalen(self, url: str, koppelsleutel: str, ondertekenaar: AanleverpuntOndertekenaar) -> bytes:
        """Fetch the dossier (streamed, size-limited); raise GatewayWeigering or GatewayTijdelijkFout."""
        headers = self._headers(ondertekenaar, Accept="application/xml")
        async with self.http.stream("POST", url, json={"koppelsleutel": koppelsleutel}, headers=headers) as response:
            if response.status_code == 200:
                delen: list[bytes] = []
                grootte = 0
                async for chunk in response.aiter_bytes():
                    grootte += len(chunk)
                    if grootte > self.max_dossier_bytes:
                        raise DossierOngeldig("DOSSIER_TE_GROOT", f"Dossier groter dan {self.max_dossier_bytes}.")
                    delen.append(chunk)
                return b"".join(delen)
            body = await _lees_begrensd(response)
            if _is_permanent(response.status_code):
                raise _weigering(response.status_code, body)
            raise GatewayTijdelijkFout(f"ophalen: HTTP {response.status_code}")

    async def terugkoppelen(
        self,
        url: str,
        ondertekenaar: AanleverpuntOndertekenaar,
        idempotency_key: str,
        inhoud: dict[str, Any],
    ) -> None:
        """Deliver one terugkoppeling; a repeat with the same Idempotency-Key is harmless at the gateway."""
        headers = self._headers(ondertekenaar, **{"Idempotency-Key": idempotency_key})
        response = await self.http.post(url, json=inhoud, headers=headers)
        if response.is_success:
            return
        if _is_permanent(response.status_code):
            raise _weigering(response.status_code, response.content[:_MAX_PROBLEEM_BYTES])
        raise GatewayTijdelijkFout(f"terugkoppeling: HTTP {response.status_code}")


async def _lees_begrensd(response: httpx.Response) -> bytes:
    delen: list[bytes] = []
    grootte = 0
    async for chunk in response.aiter_bytes():
        delen.append(chunk)
        grootte += len(chunk)
        if grootte >= _MAX_PROBLEEM_BYTES:
            break
    return b"".join(delen)[:_MAX_PROBLEEM_BYTES]
