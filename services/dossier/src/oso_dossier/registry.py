"""Client of the registry (OSR + broker stand-in): schools, SWV aanleverpunten and the exchange check."""

from __future__ import annotations

from typing import Any

import httpx

from oso_shared.http import ServiceClient
from oso_shared.problems import NotFound, Problem, Unprocessable, UpstreamUnavailable


class RegistryNietBereikbaar(UpstreamUnavailable):
    code = "REGISTRY_NIET_BEREIKBAAR"
    title = "Het serviceregister is niet bereikbaar"


class SchoolOnbekend(NotFound):
    code = "SCHOOL_ONBEKEND_IN_REGISTER"
    title = "School onbekend in het serviceregister"


class AanleverpuntOnbekend(Unprocessable):
    code = "AANLEVERPUNT_ONBEKEND"
    title = "Aanleverpunt onbekend"


class RegistryClient:
    """Thin typed wrapper over :class:`ServiceClient` (retries, timeout, dienst token)."""

    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    async def _get(self, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return await self.client.request("GET", url, **kwargs)
        except httpx.HTTPError as exc:
            raise RegistryNietBereikbaar("Het serviceregister reageert niet; probeer het later opnieuw.") from exc

    async def school(self, brin: str) -> dict[str, Any]:
        """``GET /v1/scholen/{brin}``: the school with its vestigingen."""
        response = await self._get(f"/v1/scholen/{brin}")
        if response.status_code == 404:
            raise SchoolOnbekend("De school is niet bekend in het serviceregister.")
        _raise_unexpected(response)
        data = response.json()
        assert isinstance(data, dict)
        return data

    async def aanleverpunten(self, brin: str) -> list[dict[str, Any]]:
        """SWV aanleverpunten this school may send VO-SWV dossiers to (numbers ending in 500)."""
        response = await self._get(f"/v1/scholen/{brin}/aanleverpunten", params={"dienst": "OSO-SWV"})
        if response.status_code == 404:
            return []
        _raise_unexpected(response)
        data = response.json()
        assert isinstance(data, list)
        return [p for p in data if str(p.get("nummer", "")).endswith("500")]

    async def uitwisselcontrole(self, brin: str, vestigingscode: str | None, aanleverpunt_id: str) -> dict[str, Any]:
        """``POST /v1/uitwisselcontroles`` for OSO-SWV from this school location (Magister) to the aanleverpunt."""
        body = {
            "dienst": "OSO-SWV",
            "bron": {"brin": brin + (vestigingscode or ""), "systeem": "Magister"},
            "doel": {"aanleverpunt": aanleverpunt_id},
        }
        try:
            response = await self.client.request("POST", "/v1/uitwisselcontroles", json=body)
        except httpx.HTTPError as exc:
            raise RegistryNietBereikbaar("Het serviceregister reageert niet; probeer het later opnieuw.") from exc
        if response.status_code == 404:
            raise AanleverpuntOnbekend("Het gekozen aanleverpunt is niet (meer) bekend in het serviceregister.")
        _raise_unexpected(response)
        data = response.json()
        assert isinstance(data, dict)
        return data

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self.client.aclose()


def _raise_unexpected(response: httpx.Response) -> None:
    if response.status_code >= 500:
        raise RegistryNietBereikbaar(f"Het serviceregister antwoordde met status {response.status_code}.")
    if response.status_code >= 400:
        raise _RegistryWeigert(f"Het serviceregister weigerde de vraag (status {response.status_code}).")


class _RegistryWeigert(Problem):
    status = 502
    code = "REGISTRY_ONVERWACHT_ANTWOORD"
    title = "Onverwacht antwoord van het serviceregister"
