"""Client of the registry (OSR + broker stand-in): schools, SWV aanleverpunten and the exchange check."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from oso_dossier.problems import (
    AanleverpuntOnbekend,
    RegistryNietBereikbaar,
    RegistryOnverwachtAntwoord,
    SchoolOnbekend,
)
from oso_shared.contracts import DIENST_SWV
from oso_shared.contracts.route import AanleverpuntKeuze, Bron, Doel, Uitwisselcontrole, UitwisselcontroleAanvraag
from oso_shared.http import ServiceClient, ServiceError, ServiceUnavailable, UnexpectedStatus

SYSTEEM_SCHOOL = "Magister"


class _Lenient(BaseModel):
    # The registry's school document has more members; the dossier service reads only what it snapshots.
    model_config = ConfigDict(extra="ignore")


class Adres(_Lenient):
    """The address of a vestiging."""

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


class RegistryClient:
    """Typed wrapper over :class:`ServiceClient` (retries, timeout, dienst token); answers are pydantic models."""

    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    async def school(self, brin: str) -> School:
        """``GET /v1/scholen/{brin}``: the school with its vestigingen."""
        try:
            return await self.client.get_model(f"/v1/scholen/{brin}", School)
        except ServiceError as exc:
            if exc.status == 404:
                raise SchoolOnbekend("De school is niet bekend in het serviceregister.") from exc
            raise _problem(exc) from exc

    async def aanleverpunten(self, brin: str) -> list[AanleverpuntKeuze]:
        """SWV aanleverpunten this school may send VO-SWV dossiers to (numbers ending in 500)."""
        url = f"/v1/scholen/{brin}/aanleverpunten"
        try:
            punten = await self.client.get_models(url, AanleverpuntKeuze, params={"dienst": DIENST_SWV})
        except ServiceError as exc:
            if exc.status == 404:
                return []
            raise _problem(exc) from exc
        return [p for p in punten if p.nummer.endswith("500")]

    async def uitwisselcontrole(self, brin: str, vestigingscode: str | None, aanleverpunt_id: str) -> Uitwisselcontrole:
        """``POST /v1/uitwisselcontroles`` for OSO-SWV from this school location (Magister) to the aanleverpunt."""
        aanvraag = UitwisselcontroleAanvraag(
            dienst=DIENST_SWV,
            bron=Bron(brin=brin + (vestigingscode or ""), systeem=SYSTEEM_SCHOOL),
            doel=Doel(aanleverpunt=aanleverpunt_id),
        )
        try:
            return await self.client.post_model("/v1/uitwisselcontroles", aanvraag, Uitwisselcontrole, expect=(200,))
        except ServiceError as exc:
            if exc.status == 404:
                raise AanleverpuntOnbekend(
                    "Het gekozen aanleverpunt is niet (meer) bekend in het serviceregister."
                ) from exc
            raise _problem(exc) from exc

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self.client.aclose()


def _problem(exc: ServiceError) -> RegistryNietBereikbaar | RegistryOnverwachtAntwoord:
    """The problem the caller sees when the registry gave no usable answer."""
    if isinstance(exc, ServiceUnavailable):
        if exc.status is None:
            return RegistryNietBereikbaar("Het serviceregister reageert niet; probeer het later opnieuw.")
        return RegistryNietBereikbaar(f"Het serviceregister antwoordde met status {exc.status}.")
    if isinstance(exc, UnexpectedStatus):
        return RegistryOnverwachtAntwoord(f"Het serviceregister weigerde de vraag (status {exc.status}).")
    return RegistryOnverwachtAntwoord("Het antwoord van het serviceregister past niet bij het koppelvlak.")
