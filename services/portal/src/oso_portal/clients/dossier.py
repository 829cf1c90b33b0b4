"""The dossier service as the portal uses it: leerlingen, dossiers, their actions, bijlagen and timeline.

The models are the portal's reading of the dossier service's JSON: typed where the portal decides on a field,
open (``extra="allow"``) so the templates show the rest as the service sends it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from oso_portal.accounts.service import Aangemeld
from oso_portal.clients.base import Antwoord, GebruikerClient
from oso_portal.problems import DienstFout
from oso_shared.contracts.route import AanleverpuntKeuze

DOSSIERS = "/v1/dossiers"


class Leerling(Antwoord):
    """A leerling of the user's school (list entries carry ``naam`` and ``geboortedatum`` too)."""

    id: uuid.UUID
    vestigingscode: str | None = None
    gegevens: dict[str, Any] = Field(default_factory=dict)
    vrije_info: str | None = Field(default=None, description="The school's own notes (one leerling only).")


class Validatie(Antwoord):
    """The last validation: ``melding`` is the dossier service's sentence, ``findings`` the rule findings."""

    valid: bool
    melding: str = ""
    op: dt.datetime | None = None
    findings: list[dict[str, Any]] = Field(default_factory=list)


class Dossier(Antwoord):
    """One VO-SWV dossier (the list entries of a leerling have the same core fields)."""

    id: uuid.UUID
    leerling_id: uuid.UUID
    status: str
    melding: str | None = Field(default=None, description="The dossier service's sentence for the exchange state.")
    vestigingscode: str = ""
    aanleverpunt: dict[str, Any] | None = None
    opties: dict[str, Any] = Field(default_factory=dict)
    categorieen: dict[str, Any] = Field(default_factory=dict)
    validatie: Validatie | None = None
    mislukt_reden: str | None = None
    aangemaakt_op: dt.datetime | None = None


class Gebeurtenis(Antwoord):
    """One entry of a dossier's timeline."""

    soort: str
    op: dt.datetime | None = None
    reden: str | None = None


class Vestigingkeuze(Antwoord):
    vestigingscode: str
    naam: str


class Keuzes(Antwoord):
    """What a new VO-SWV dossier chooses from (the dossier service keeps only SWV points, ending in 500)."""

    vestigingen: list[Vestigingkeuze]
    aanleverpunten: list[AanleverpuntKeuze]


class Ontbrekend(Antwoord):
    """One step missing before opvraagbaar maken: who must act and what to do (``stap`` None: the dossier itself)."""

    stap: int | None = None
    code: str = ""
    wie: str = ""
    uitleg: str = ""


_ONTBREKEND = TypeAdapter(list[Ontbrekend])


def ontbrekend(fout: DienstFout) -> list[Ontbrekend]:
    """The ``ontbrekend`` items of a refusal of opvraagbaar maken (none when absent or malformed)."""
    try:
        return _ONTBREKEND.validate_python(fout.body.get("ontbrekend") or [])
    except ValidationError:
        return []


class DossierIn(BaseModel):
    """Create a VO-SWV dossier (a correction refers to the earlier, frozen dossier)."""

    model_config = ConfigDict(extra="forbid")

    leerling_id: uuid.UUID
    vestigingscode: str
    aanleverpunt_id: str
    vorige_dossier_id: uuid.UUID | None = None


class DossierWijziging(BaseModel):
    """The optional parts and the opt-out choices of a draft."""

    opties: dict[str, Any]
    categorieen: dict[str, bool]


class DossierClient(GebruikerClient):
    """Calls to the dossier service with the signed-in user's token."""

    dienst = "dossier"

    async def leerlingen(self, gebruiker: Aangemeld) -> list[Leerling]:
        """Leerlingen of the user's school (the dossier service scopes by the token's school)."""
        return await self.get_list(gebruiker, "/v1/leerlingen", Leerling)

    async def leerling(self, gebruiker: Aangemeld, leerling_id: uuid.UUID) -> Leerling:
        """One leerling of the user's school."""
        return await self.get(gebruiker, f"/v1/leerlingen/{leerling_id}", Leerling)

    async def keuzes(self, gebruiker: Aangemeld) -> Keuzes:
        """Vestigingen and SWV aanleverpunten for a new dossier."""
        return await self.get(gebruiker, "/v1/dossierkeuzes", Keuzes)

    async def dossiers(self, gebruiker: Aangemeld, leerling_id: uuid.UUID) -> list[Dossier]:
        """The dossiers of one leerling."""
        return await self.get_list(gebruiker, DOSSIERS, Dossier, params={"leerling_id": str(leerling_id)})

    async def dossier(self, gebruiker: Aangemeld, dossier_id: uuid.UUID) -> Dossier:
        """One dossier."""
        return await self.get(gebruiker, f"{DOSSIERS}/{dossier_id}", Dossier)

    async def maak(self, gebruiker: Aangemeld, body: DossierIn) -> Dossier:
        """Create a VO-SWV dossier."""
        return await self.post(gebruiker, DOSSIERS, body, Dossier, expect=(200, 201))

    async def wijzig(self, gebruiker: Aangemeld, dossier_id: uuid.UUID, body: DossierWijziging) -> Dossier:
        """Save the optional parts and the opt-out choices of a draft."""
        return await self.send(gebruiker, "PATCH", f"{DOSSIERS}/{dossier_id}", body, Dossier)

    async def actie(self, gebruiker: Aangemeld, dossier_id: uuid.UUID, naam: str) -> Dossier:
        """Run one action (voltooien, genereren, valideren, opvraagbaar-maken)."""
        return await self.post(gebruiker, f"{DOSSIERS}/{dossier_id}/{naam}", None, Dossier, expect=(200,))

    async def verwijder(self, gebruiker: Aangemeld, dossier_id: uuid.UUID) -> None:
        """Delete a draft (the dossier service refuses once it is opvraagbaar)."""
        await self.raw(gebruiker, "DELETE", f"{DOSSIERS}/{dossier_id}")

    async def tijdlijn(self, gebruiker: Aangemeld, dossier_id: uuid.UUID) -> list[Gebeurtenis]:
        """The dossier's events, oldest first."""
        return await self.get_list(gebruiker, f"{DOSSIERS}/{dossier_id}/tijdlijn", Gebeurtenis)

    async def pdf(self, gebruiker: Aangemeld, dossier_id: uuid.UUID) -> bytes:
        """The readable PDF of the dossier."""
        response = await self.raw(
            gebruiker, "GET", f"{DOSSIERS}/{dossier_id}/pdf", headers={"accept": "application/pdf"}
        )
        return response.content

    async def voeg_bijlage_toe(
        self,
        gebruiker: Aangemeld,
        dossier_id: uuid.UUID,
        bestandsnaam: str,
        content_type: str | None,
        inhoud: AsyncIterator[bytes],
        omschrijving: str | None,
    ) -> None:
        """Stream one bijlage on as it arrives (chunked), with the upload's own timeouts."""
        headers = {
            "content-type": content_type or "application/octet-stream",
            "content-disposition": f"attachment; filename*=UTF-8''{quote(bestandsnaam or 'bijlage')}",
        }
        if omschrijving:
            headers["content-description"] = quote(omschrijving)
        await self.raw(
            gebruiker,
            "POST",
            f"{DOSSIERS}/{dossier_id}/bijlagen",
            content=inhoud,
            headers=headers,
            timeout=self.upload_timeout,
        )

    async def verwijder_bijlage(self, gebruiker: Aangemeld, dossier_id: uuid.UUID, bijlage_id: uuid.UUID) -> None:
        """Remove a bijlage from a draft."""
        await self.raw(gebruiker, "DELETE", f"{DOSSIERS}/{dossier_id}/bijlagen/{bijlage_id}")
