"""VO-SWV dossiers as records: create, read, change and delete a draft; its timeline, XML and PDF.

The multi-step use cases (voltooien, genereren, valideren, opvraagbaar maken, gateway events) live in
:mod:`oso_dossier.dossiers.flows`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from oso_dossier.audit import repository as audit
from oso_dossier.bijlagen import repository as bijlagen_repo
from oso_dossier.bijlagen.models import Bijlage
from oso_dossier.clients.registry import RegistryClient
from oso_dossier.dossiers import repository
from oso_dossier.dossiers.keuzes import school_snapshot
from oso_dossier.dossiers.models import BEVROREN, Dossier, Gebeurtenis, Status
from oso_dossier.dossiers.pdf import render
from oso_dossier.dossiers.schemas import DossierIn, DossierSamenvatting, DossierUit, DossierWijziging, TijdlijnItem
from oso_dossier.dossiers.views import dossier_uit
from oso_dossier.leerlingen import repository as leerlingen_repo
from oso_dossier.leerlingen import service as leerlingen_service
from oso_dossier.leerlingen.models import Leerling
from oso_dossier.leerlingen.schemas import LeerlingGegevens
from oso_dossier.problems import (
    AanleverpuntNietToegestaan,
    DossierBevroren,
    DossierNietGegenereerd,
    DossierNietGevonden,
    DossierOpgeschoond,
    VestigingOnbekend,
    VorigDossierOngeldig,
)
from oso_shared.auth import Principal
from oso_shared.db import utcnow


def gebeurtenis(
    dossier: Dossier,
    soort: str,
    door: str,
    *,
    reden: str | None = None,
    op: dt.datetime | None = None,
    extern_id: uuid.UUID | None = None,
    **gegevens: Any,
) -> Gebeurtenis:
    """A new step on the dossier's timeline (staged by the caller); ``extern_id`` for a gateway event."""
    return Gebeurtenis(
        id=uuid.uuid4(),
        dossier_id=dossier.id,
        soort=soort,
        op=op or utcnow(),
        door=door,
        reden=reden,
        extern_id=extern_id,
        gegevens=gegevens or None,
    )


def bron_hash(dossier: Dossier, leerling: Leerling, bijlagen: Sequence[Bijlage]) -> str:
    """Hash of everything the XML is generated from; a different hash means the dossier changed."""
    bron = {
        "leerling": leerling.gegevens,
        "leerlingnummer": leerling.leerlingnummer,
        "school": dossier.school,
        "aanleverpunt": dossier.aanleverpunt,
        "opties": dossier.opties,
        "categorieen": dossier.categorieen,
        "bijlagen": [[str(b.id), b.sha256, b.bestandsnaam, b.omschrijving] for b in bijlagen],
    }
    return hashlib.sha256(json.dumps(bron, sort_keys=True, default=str).encode()).hexdigest()


async def is_actueel(session: AsyncSession, dossier: Dossier, bijlagen: Sequence[Bijlage] | None = None) -> bool:
    """Whether the generated XML still matches the current leerling, choices and bijlagen."""
    leerling = await leerlingen_repo.get_any(session, dossier.leerling_id)
    if leerling is None:
        return False
    if bijlagen is None:
        bijlagen = await bijlagen_repo.list(session, dossier.id)
    return dossier.bron_hash == bron_hash(dossier, leerling, bijlagen)


async def uit(
    session: AsyncSession, dossier: Dossier, *, met_actueel: bool = True, bijlagen: Sequence[Bijlage] | None = None
) -> DossierUit:
    """The API view of a dossier (with bijlagen and whether its XML is still current)."""
    if bijlagen is None:
        bijlagen = await bijlagen_repo.list(session, dossier.id)
    actueel: bool | None = None
    if met_actueel and dossier.bron_hash is not None and dossier.opgeschoond_op is None:
        actueel = await is_actueel(session, dossier, bijlagen)
    return dossier_uit(dossier, bijlagen, actueel)


async def haal(
    session: AsyncSession,
    principal: Principal,
    dossier_id: uuid.UUID,
    *,
    for_update: bool = False,
    met_xml: bool = False,
) -> Dossier:
    """The dossier if it belongs to the caller's school; otherwise 404 without leaking that it exists."""
    assert principal.school is not None
    dossier = await repository.get(session, dossier_id, principal.school, for_update=for_update, met_xml=met_xml)
    if dossier is None:
        raise DossierNietGevonden()
    return dossier


async def haal_bewerkbaar(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID) -> Dossier:
    """The dossier, locked, if it may still change (before opvraagbaar); otherwise 409."""
    dossier = await haal(session, principal, dossier_id, for_update=True)
    if dossier.status in BEVROREN:
        raise DossierBevroren(
            "Na opvraagbaar maken kan het dossier niet meer worden gewijzigd of verwijderd. "
            "Maak voor een correctie een nieuw dossier dat naar dit dossier verwijst."
        )
    return dossier


async def markeer_gewijzigd(session: AsyncSession, dossier: Dossier, principal: Principal, wat: str) -> None:
    """A draft changed: a validated dossier goes back to concept (it must be generated and validated again)."""
    dossier.gewijzigd_op = utcnow()
    if dossier.status == Status.GEVALIDEERD:
        dossier.status = Status.CONCEPT
        repository.add(session, gebeurtenis(dossier, Status.CONCEPT, principal.sub, reden=f"gewijzigd: {wat}"))


async def maak(session: AsyncSession, principal: Principal, registry: RegistryClient, data: DossierIn) -> Dossier:
    """Create a VO-SWV dossier (concept) for a leerling of the caller's school."""
    assert principal.school is not None
    leerling = await leerlingen_service.haal(session, principal, data.leerling_id)
    school = school_snapshot(await registry.school(principal.school), data.vestigingscode)
    if school is None:
        raise VestigingOnbekend("Kies als aanvragende school een vestiging van je eigen school.")
    school["brin"] = principal.school
    punten = await registry.aanleverpunten(principal.school)
    punt = next((p for p in punten if str(p.id) == data.aanleverpunt_id), None)
    if punt is None:
        raise AanleverpuntNietToegestaan(
            "Dit aanleverpunt staat niet in de lijst van SWV-aanleverpunten voor deze school.",
            keuzes=[{"id": str(p.id), "label": p.label} for p in punten],
        )
    if data.vorige_dossier_id is not None:
        vorige = await repository.get(session, data.vorige_dossier_id, principal.school)
        if vorige is None or vorige.leerling_id != leerling.id or vorige.status not in BEVROREN:
            raise VorigDossierOngeldig("Een correctie verwijst naar een opvraagbaar gemaakt dossier van deze leerling.")
    dossier = Dossier(
        id=uuid.uuid4(),
        leerling_id=leerling.id,
        brin=principal.school,
        vestigingscode=data.vestigingscode,
        status=Status.CONCEPT,
        school=school,
        aanleverpunt=punt.model_dump(mode="json"),
        opties=data.opties.model_dump(exclude_none=True),
        categorieen=data.categorieen.model_dump(),
        vorige_dossier_id=data.vorige_dossier_id,
        aangemaakt_door=principal.sub,
    )
    repository.add(session, dossier)
    await session.flush()
    repository.add(session, gebeurtenis(dossier, Status.CONCEPT, principal.sub))
    await audit.add(
        session,
        principal,
        "dossier_aangemaakt",
        leerling_id=leerling.id,
        dossier_id=dossier.id,
        details={"aanleverpunt": dossier.aanleverpunt["id"], "vorige_dossier_id": str(data.vorige_dossier_id or "")},
    )
    return dossier


async def wijzig(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID, data: DossierWijziging) -> Dossier:
    """Change optional parts and category choices of a draft."""
    dossier = await haal_bewerkbaar(session, principal, dossier_id)
    if data.opties is not None:
        dossier.opties = data.opties.model_dump(exclude_none=True)
    if data.categorieen is not None:
        dossier.categorieen = data.categorieen.model_dump()
    await markeer_gewijzigd(session, dossier, principal, "dossiergegevens")
    await audit.add(session, principal, "dossier_gewijzigd", leerling_id=dossier.leerling_id, dossier_id=dossier.id)
    return dossier


async def verwijder(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID) -> None:
    """Delete a draft (never after opvraagbaar)."""
    dossier = await haal_bewerkbaar(session, principal, dossier_id)
    for bijlage in await bijlagen_repo.list(session, dossier.id):
        await bijlagen_repo.remove(session, bijlage)
    await repository.remove(session, dossier.id)
    await audit.add(session, principal, "dossier_verwijderd", leerling_id=dossier.leerling_id, dossier_id=dossier.id)


async def lijst(
    session: AsyncSession, principal: Principal, leerling_id: uuid.UUID | None
) -> list[DossierSamenvatting]:
    """Dossiers of the caller's school."""
    assert principal.school is not None
    rows = await repository.list(session, brin=principal.school, leerling_id=leerling_id)
    return [DossierSamenvatting.model_validate(d) for d in rows]


async def tijdlijn(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID) -> list[TijdlijnItem]:
    """The dossier's states with time and actor."""
    dossier = await haal(session, principal, dossier_id)
    return [TijdlijnItem.model_validate(r) for r in await repository.list_gebeurtenissen(session, dossier.id)]


async def xml(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID) -> bytes:
    """The generated XML (the school's own copy)."""
    dossier = await haal(session, principal, dossier_id, met_xml=True)
    if dossier.opgeschoond_op is not None:
        raise DossierOpgeschoond()
    if dossier.xml is None:
        raise DossierNietGegenereerd("Genereer het dossier eerst.")
    await audit.add(session, principal, "dossier_xml_bekeken", leerling_id=dossier.leerling_id, dossier_id=dossier.id)
    return dossier.xml


async def pdf(session: AsyncSession, principal: Principal, dossier_id: uuid.UUID) -> bytes:
    """PDF genereren: a readable Dutch PDF of the dossier content."""
    dossier = await haal(session, principal, dossier_id)
    if dossier.opgeschoond_op is not None:
        raise DossierOpgeschoond()
    leerling = await leerlingen_repo.get_any(session, dossier.leerling_id)
    assert leerling is not None
    bijlagen = await bijlagen_repo.list(session, dossier.id)
    stappen = await repository.list_gebeurtenissen(session, dossier.id)
    data = await asyncio.to_thread(
        render,
        leerling=LeerlingGegevens.model_validate(leerling.gegevens),
        leerlingnummer=leerling.leerlingnummer,
        dossier={
            "status": dossier.status,
            "school": dossier.school,
            "aanleverpunt": dossier.aanleverpunt,
            "opties": dossier.opties,
            "categorieen": dossier.categorieen,
            "terugkoppeling": dossier.terugkoppeling,
        },
        bijlagen=[
            {"bestandsnaam": b.bestandsnaam, "omschrijving": b.omschrijving, "grootte": b.grootte} for b in bijlagen
        ],
        tijdlijn=[{"soort": s.soort, "op": s.op, "reden": s.reden} for s in stappen],
    )
    await audit.add(session, principal, "dossier_pdf", leerling_id=dossier.leerling_id, dossier_id=dossier.id)
    return data
