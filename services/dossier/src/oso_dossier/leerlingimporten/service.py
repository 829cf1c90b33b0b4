"""Leerlingimporten: reading earlier imports, the school's vestigingen, and removing one schooljaar's inrichting."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from oso_dossier.audit import repository as audit
from oso_dossier.clients.registry import RegistryClient
from oso_dossier.leerlingimporten import repository
from oso_dossier.leerlingimporten.models import LeerlingImport
from oso_dossier.leerlingimporten.problems import LeerlingImportNietGevonden, SchooljaarOngeldig
from oso_dossier.leerlingimporten.regels import Vestigingen
from oso_dossier.leerlingimporten.schemas import (
    InrichtingVerwijderd,
    LeerlingImportSamenvatting,
    LeerlingImportUit,
    Logregel,
)
from oso_dossier.problems import RegistryNietBereikbaar, RegistryOnverwachtAntwoord, SchoolOnbekend, VestigingOnbekend
from oso_shared.auth import Principal


def controleer_schooljaar(schooljaar: str) -> str:
    """The schooljaar when it reads ``2026-2027`` (two consecutive years); else 422."""
    match = re.fullmatch(r"(\d{4})-(\d{4})", schooljaar)
    if match is None or int(match.group(2)) != int(match.group(1)) + 1:
        raise SchooljaarOngeldig(f"Schooljaar '{schooljaar}' is ongeldig; gebruik bijvoorbeeld 2026-2027.")
    return schooljaar


async def vestigingen(registry: RegistryClient | None, brin: str, gekozen: str) -> Vestigingen:
    """The school's vestigingen with their registry names; codes only when the registry cannot be asked."""
    if not re.fullmatch(r"\d{2}", gekozen):
        raise VestigingOnbekend(f"Vestigingscode '{gekozen}' is ongeldig; gebruik twee cijfers.")
    if registry is None:
        return Vestigingen(brin, register=False)
    try:
        school = await registry.school(brin)
    except (RegistryNietBereikbaar, RegistryOnverwachtAntwoord, SchoolOnbekend):
        return Vestigingen(brin, register=False)
    namen = {(v.naam or v.vestigingscode).lower(): v.vestigingscode for v in school.vestigingen}
    if gekozen not in {v.vestigingscode for v in school.vestigingen}:
        raise VestigingOnbekend(f"Vestiging {gekozen} hoort volgens het serviceregister niet bij deze school.")
    return Vestigingen(brin, namen)


def uit(leerlingimport: LeerlingImport, log: Sequence[Logregel]) -> LeerlingImportUit:
    """The API object of one import."""
    return LeerlingImportUit(
        id=leerlingimport.id,
        status=leerlingimport.status,
        regels=leerlingimport.regels,
        aantallen=leerlingimport.aantallen,
        log=list(log),
    )


async def lijst(session: AsyncSession, principal: Principal, soort: str | None) -> list[LeerlingImportSamenvatting]:
    """The school's earlier imports, newest first."""
    assert principal.school is not None
    rows = await repository.list(session, brin=principal.school, soort=soort)
    return [LeerlingImportSamenvatting.model_validate(r, from_attributes=True) for r in rows]


async def haal(session: AsyncSession, principal: Principal, import_id: uuid.UUID) -> LeerlingImportUit:
    """One import of the caller's school with its log; 404 for another school's."""
    assert principal.school is not None
    leerlingimport = await repository.get(session, import_id, principal.school)
    if leerlingimport is None:
        raise LeerlingImportNietGevonden("Deze import bestaat niet (of is van een andere school).")
    log = [Logregel.model_validate(r, from_attributes=True) for r in await repository.list_log(session, import_id)]
    return uit(leerlingimport, log)


async def verwijder_inrichting(
    session: AsyncSession, principal: Principal, schooljaar: str, vestigingscode: str | None
) -> InrichtingVerwijderd:
    """Delete one schooljaar's groepen, koppelingen, mentoren, verzorgers and inschrijvingen (never dossiers)."""
    assert principal.school is not None
    verwijderd = await repository.remove_inrichting(
        session, brin=principal.school, schooljaar=controleer_schooljaar(schooljaar), vestigingscode=vestigingscode
    )
    details = {"schooljaar": schooljaar, "vestigingscode": vestigingscode, "verwijderd": verwijderd}
    await audit.add(session, principal, "inrichting_verwijderd", details=details)
    return InrichtingVerwijderd(schooljaar=schooljaar, vestigingscode=vestigingscode, verwijderd=verwijderd)
