"""The registry as the portal's beheerders use it: schools, mandates, SWV registrations and their readiness.

The models are the portal's reading of the registry's JSON: typed where the portal decides on a field, open
(``extra="allow"``) so the templates show the rest as the registry sends it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from oso_portal.accounts.service import Aangemeld
from oso_portal.clients.base import Antwoord, GebruikerClient


class School(Antwoord):
    """A school with its vestigingen (name, aanleverpunt) and its OSO-SWV registration."""

    brin: str
    naam: str | None = None
    vestigingen: list[dict[str, Any]] = Field(default_factory=list)


class Mandaat(Antwoord):
    dienst: str
    systeem: str
    actief: bool = False


class SwvStappen(Antwoord):
    """One SWV that registered a school, with the three steps of readiness."""

    swv: dict[str, Any] | None = None
    registratie: str | None = None
    stappen: dict[str, Any] = Field(default_factory=dict)


class MandaatSchool(Antwoord):
    brin: str
    naam: str
    mandaten: list[Mandaat] = Field(default_factory=list)
    swvs: list[SwvStappen] = Field(default_factory=list)


class Mandaatstatus(Antwoord):
    """A board's schools, their mandates and per SWV the three steps."""

    scholen: list[MandaatSchool] = Field(default_factory=list)


class MandaatBron(BaseModel):
    brin: str
    dienst: str
    systeem: str


class MandaatkopieIn(BaseModel):
    """Preview (``bevestigen=False``) or carry out a copy of one mandate to other schools of the board."""

    bron: MandaatBron
    doelen: list[str]
    bevestigen: bool


class Kopiedoel(Antwoord):
    brin: str
    resultaat: str | None = None


class Mandaatkopie(Antwoord):
    bevestigd: bool = False
    doelen: list[Kopiedoel] = Field(default_factory=list)


class Swv(Antwoord):
    """An SWV with its system and aanleverpunten."""

    naam: str | None = None


class Registratie(Antwoord):
    """A school an SWV registered (step 1), with the readiness of all three steps."""

    brin: str
    gereedheid: dict[str, Any] | None = None


class RegistratieVerzoek(Antwoord):
    """A registration of one of the board's schools by an SWV; ``aangevraagd`` awaits the board's decision."""

    id: str
    brin: str
    school_naam: str
    status: str
    binnen_regio: bool
    swv: dict[str, str]


class MandaatIn(BaseModel):
    dienst: str
    systeem: str


class RegistratieIn(BaseModel):
    brin: str


class AanleverpuntIn(BaseModel):
    aanleverpuntnummer: int


class RegistryClient(GebruikerClient):
    """Calls to the registry with the signed-in user's token."""

    dienst = "registry"

    async def school(self, gebruiker: Aangemeld, brin: str) -> School:
        """The school with its vestigingen as the registry knows it."""
        return await self.get(gebruiker, f"/v1/scholen/{brin}", School)

    async def zet_aanleverpunt(self, gebruiker: Aangemeld, brin: str, vestigingscode: str, nummer: int) -> None:
        """Set a location's OSO aanleverpuntnummer (step 3)."""
        url = f"/v1/scholen/{brin}/vestigingen/{vestigingscode}/aanleverpunt"
        await self.raw(gebruiker, "PUT", url, json=AanleverpuntIn(aanleverpuntnummer=nummer).model_dump())

    async def registreer_oso_swv(self, gebruiker: Aangemeld, brin: str) -> None:
        """Register the school's BRIN for OSO-SWV (step 3)."""
        await self.raw(gebruiker, "PUT", f"/v1/scholen/{brin}/oso-swv-registratie")

    async def mandaatstatus(self, gebruiker: Aangemeld, bestuur: str) -> Mandaatstatus:
        """The board's mandate status."""
        return await self.get(gebruiker, f"/v1/besturen/{bestuur}/mandaatstatus", Mandaatstatus)

    async def mandaatstatus_csv(self, gebruiker: Aangemeld, bestuur: str) -> bytes:
        """The same status as CSV, as the registry renders it."""
        url = f"/v1/besturen/{bestuur}/mandaatstatus"
        response = await self.raw(gebruiker, "GET", url, headers={"accept": "text/csv"})
        return response.content

    async def verleen_mandaat(self, gebruiker: Aangemeld, brin: str, mandaat: MandaatIn) -> bool:
        """Grant a mandate; False when it existed already."""
        response = await self.raw(gebruiker, "POST", f"/v1/scholen/{brin}/mandaten", json=mandaat.model_dump())
        return response.status_code == 201

    async def trek_mandaat_in(self, gebruiker: Aangemeld, brin: str, mandaat: MandaatIn) -> None:
        """Revoke the active mandate of this dienst and system."""
        await self.raw(gebruiker, "DELETE", f"/v1/scholen/{brin}/mandaten/{mandaat.dienst}/{mandaat.systeem}")

    async def kopieer_mandaat(self, gebruiker: Aangemeld, bestuur: str, body: MandaatkopieIn) -> Mandaatkopie:
        """Preview or carry out a mandate copy."""
        url = f"/v1/besturen/{bestuur}/mandaatkopieen"
        return await self.post(gebruiker, url, body, Mandaatkopie, expect=(200, 201))

    async def swv(self, gebruiker: Aangemeld, code: str) -> Swv:
        """The SWV with its aanleverpunten."""
        return await self.get(gebruiker, f"/v1/swvs/{code}", Swv)

    async def registraties(self, gebruiker: Aangemeld, swv: str) -> list[Registratie]:
        """The schools the SWV registered, each with the readiness of the three steps."""
        return await self.get_list(gebruiker, f"/v1/swvs/{swv}/registraties", Registratie)

    async def registreer(self, gebruiker: Aangemeld, swv: str, brin: str) -> tuple[bool, str]:
        """Register a school by BRIN4 or a vestiging by BRIN6: (new?, status); ``aangevraagd`` awaits the board."""
        url = f"/v1/swvs/{swv}/registraties"
        response = await self.raw(gebruiker, "POST", url, json=RegistratieIn(brin=brin).model_dump())
        body = response.json() if response.content else {}
        status = body.get("status", "actief") if isinstance(body, dict) else "actief"
        return response.status_code == 201, str(status)

    async def deregistreer(self, gebruiker: Aangemeld, swv: str, brin: str) -> None:
        """Remove a registration."""
        await self.raw(gebruiker, "DELETE", f"/v1/swvs/{swv}/registraties/{brin}")

    async def registraties_van_bestuur(self, gebruiker: Aangemeld, bestuur: str) -> list[RegistratieVerzoek]:
        """The SWV registrations of the board's schools, the ones awaiting its decision first."""
        return await self.get_list(gebruiker, f"/v1/besturen/{bestuur}/registraties", RegistratieVerzoek)

    async def beoordeel_registratie(
        self, gebruiker: Aangemeld, registratie_id: str, besluit: str
    ) -> RegistratieVerzoek:
        """Accept (``accepteren``) or reject (``afwijzen``) a pending registration."""
        url = f"/v1/registraties/{registratie_id}/{besluit}"
        return await self.post(gebruiker, url, None, RegistratieVerzoek, expect=(200,))
