"""Client of the registry (OSR + broker stand-in): schools, SWV aanleverpunten and the exchange check."""

from __future__ import annotations

from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, TypeAdapter

from oso_dossier.problems import (
    AanleverpuntOnbekend,
    RegistryNietBereikbaar,
    RegistryOnverwachtAntwoord,
    SchoolOnbekend,
)
from oso_shared.http import ServiceClient

SYSTEEM_SCHOOL = "Magister"


class _Lenient(BaseModel):
    # The registry may add members; the dossier service reads only what it uses.
    model_config = ConfigDict(extra="ignore")


class Adres(_Lenient):
    straat: str | None = None
    huisnummer: str | None = None
    postcode: str | None = None
    plaats: str | None = None


class Vestiging(_Lenient):
    """One vestiging of ``GET /v1/scholen/{brin}``."""

    vestigingscode: str
    naam: str | None = None
    aanleverpuntnummer: int = 0
    adres: Adres | None = None
    telefoon: str | None = None
    email: str | None = None


class School(_Lenient):
    """``GET /v1/scholen/{brin}``: the school with its vestigingen."""

    brin: str
    naam: str | None = None
    vestigingen: list[Vestiging] = []


class Swv(BaseModel):
    code: str
    naam: str


class Aanleverpunt(BaseModel):
    """One entry of ``GET /v1/scholen/{brin}/aanleverpunten``."""

    id: str
    nummer: str
    label: str
    swv: Swv


_AANLEVERPUNTEN = TypeAdapter(list[Aanleverpunt])


class RegistryClient:
    """Typed wrapper over :class:`ServiceClient` (retries, timeout, dienst token)."""

    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    async def _call(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return await self.client.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            raise RegistryNietBereikbaar("Het serviceregister reageert niet; probeer het later opnieuw.") from exc

    async def school(self, brin: str) -> School:
        """``GET /v1/scholen/{brin}``: the school with its vestigingen."""
        response = await self._call("GET", f"/v1/scholen/{brin}")
        if response.status_code == 404:
            raise SchoolOnbekend("De school is niet bekend in het serviceregister.")
        _raise_unexpected(response)
        return School.model_validate_json(response.content)

    async def aanleverpunten(self, brin: str) -> list[Aanleverpunt]:
        """SWV aanleverpunten this school may send VO-SWV dossiers to (numbers ending in 500)."""
        response = await self._call("GET", f"/v1/scholen/{brin}/aanleverpunten", params={"dienst": "OSO-SWV"})
        if response.status_code == 404:
            return []
        _raise_unexpected(response)
        return [p for p in _AANLEVERPUNTEN.validate_json(response.content) if p.nummer.endswith("500")]

    async def uitwisselcontrole(self, brin: str, vestigingscode: str | None, aanleverpunt_id: str) -> dict[str, Any]:
        """``POST /v1/uitwisselcontroles`` for OSO-SWV from this school location (Magister) to the aanleverpunt."""
        body = {
            "dienst": "OSO-SWV",
            "bron": {"brin": brin + (vestigingscode or ""), "systeem": SYSTEEM_SCHOOL},
            "doel": {"aanleverpunt": aanleverpunt_id},
        }
        response = await self._call("POST", "/v1/uitwisselcontroles", json=body)
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
        raise RegistryOnverwachtAntwoord(f"Het serviceregister weigerde de vraag (status {response.status_code}).")
