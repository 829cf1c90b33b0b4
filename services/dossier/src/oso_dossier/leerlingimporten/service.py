"""Leerlingimporten: reading earlier imports, the school's vestigingen, and removing one schooljaar's inrichting."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from oso_dossier.audit import repository as audit
from oso_dossier.clients.registry import RegistryClient
from oso_dossier.leerlingen import repository as leerlingen_repository
from oso_dossier.leerlingimporten import repository
from oso_dossier.leerlingimporten.models import LeerlingImport, LeerlingMentor, Verzorger
from oso_dossier.leerlingimporten.regels import Vestigingen
from oso_dossier.leerlingimporten.schemas import (
    GroepUit,
    InrichtingVerwijderd,
    InschrijvingUit,
    LeerlingImportSamenvatting,
    LeerlingImportUit,
    LeerlingInrichting,
    Logregel,
    MentorUit,
    VerzorgerUit,
)
from oso_dossier.problems import (
    LeerlingImportNietGevonden,
    LeerlingNietGevonden,
    RegistryNietBereikbaar,
    RegistryOnverwachtAntwoord,
    SchooljaarOngeldig,
    SchoolOnbekend,
    VestigingOnbekend,
)
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


def _naam(*delen: str | None) -> str:
    return " ".join(d for d in delen if d)


async def inrichting(session: AsyncSession, principal: Principal, leerling_id: uuid.UUID) -> LeerlingInrichting:
    """A pupil's inschrijvingen, mentors, groepen and verzorgers from the imports; 404 for another school's pupil."""
    assert principal.school is not None
    if await leerlingen_repository.get(session, leerling_id, principal.school) is None:
        raise LeerlingNietGevonden("Deze leerling bestaat niet (of is van een andere school).")
    links = await repository.list_voor_leerling(session, LeerlingMentor, leerling_id)
    personen = await repository.list_medewerkers_by_id(session, (m.medewerker_id for m in links))
    mentoren = [
        MentorUit(
            soort=m.soort,
            volgnummer=m.volgnummer,
            schooljaar=m.schooljaar,
            nummer=p.nummer,
            naam=_naam(p.roepnaam, p.tussenvoegsel, p.achternaam) or p.nummer,
            email=p.email,
        )
        for m in sorted(links, key=lambda m: (m.schooljaar, m.soort, m.volgnummer))
        if (p := personen.get(m.medewerker_id)) is not None
    ]
    verzorgers = sorted(
        await repository.list_voor_leerling(session, Verzorger, leerling_id), key=lambda v: v.volgnummer
    )
    return LeerlingInrichting(
        inschrijvingen=[
            InschrijvingUit.model_validate(i, from_attributes=True)
            for i in await repository.list_inschrijvingen_van(session, leerling_id)
        ],
        mentoren=mentoren,
        groepen=[
            GroepUit.model_validate(g, from_attributes=True)
            for g in await repository.list_groepen_van(session, leerling_id)
        ],
        verzorgers=[VerzorgerUit.model_validate(v, from_attributes=True) for v in verzorgers],
    )
