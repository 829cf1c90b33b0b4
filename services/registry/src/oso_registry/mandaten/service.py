"""Granting, revoking and copying mandates, and the board's mandate status, with audit."""

from __future__ import annotations

import csv
import io
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from oso_registry.audit import repository as audit
from oso_registry.audit.service import iso
from oso_registry.brin import parse_brin4
from oso_registry.gereedheid import gereedheid
from oso_registry.mandaten import repository
from oso_registry.mandaten.models import Mandaat
from oso_registry.mandaten.schemas import (
    KopieAanvraag,
    KopieDoel,
    KopieResultaat,
    MandaatNieuw,
    Mandaatstatus,
    MandaatUit,
    SchoolStatus,
    SwvStatus,
)
from oso_registry.organisaties import repository as organisaties_repo
from oso_registry.organisaties.models import SOORT_SCHOOL, School
from oso_registry.organisaties.service import bestuur_uit
from oso_registry.problems import (
    BestuurOnbekend,
    MandaatNietGevonden,
    OnbekendeDienst,
    OnbekendSysteem,
    SchoolOnbekend,
    SchoolVanAnderBestuur,
)
from oso_registry.swv import repository as swv_repo
from oso_registry.swv.service import swv_uit
from oso_registry.toegang import Actor
from oso_shared.db import utcnow


def mandaat_uit(m: Mandaat) -> MandaatUit:
    """Mandate as returned by the API."""
    return MandaatUit(
        id=m.id,
        brin=m.brin,
        dienst=m.dienst,
        systeem=m.systeem,
        actief=m.ingetrokken_op is None,
        verleend_op=m.verleend_op,
        verleend_door=m.verleend_door,
        ingetrokken_op=m.ingetrokken_op,
        ingetrokken_door=m.ingetrokken_door,
    )


def _staat(m: Mandaat) -> dict[str, Any]:
    return {
        "id": str(m.id),
        "brin": m.brin,
        "dienst": m.dienst,
        "systeem": m.systeem,
        "verleend_op": iso(m.verleend_op),
        "ingetrokken_op": iso(m.ingetrokken_op),
    }


async def controleer_paar(session: AsyncSession, dienst: str, systeem: str) -> None:
    """Both must exist in the register (422 otherwise)."""
    if await organisaties_repo.get_dienst(session, dienst) is None:
        raise OnbekendeDienst(f"Dienst {dienst} bestaat niet; kies bijvoorbeeld OSO-SWV.")
    if await organisaties_repo.get_systeem(session, systeem) is None:
        raise OnbekendSysteem(f"Systeem {systeem} is niet bekend in het register.")


async def list_mandaten(session: AsyncSession, brin4: str, *, inclusief_ingetrokken: bool = False) -> list[MandaatUit]:
    """A school's mandates."""
    return [
        mandaat_uit(m) for m in await repository.list(session, [brin4], inclusief_ingetrokken=inclusief_ingetrokken)
    ]


async def verleen(session: AsyncSession, actor: Actor, school: School, paar: MandaatNieuw) -> tuple[MandaatUit, bool]:
    """Grant a mandate (idempotent: an active one is returned as is); returns (mandate, new?)."""
    await controleer_paar(session, paar.dienst, paar.systeem)
    nieuw = await repository.add(session, school.brin, paar.dienst, paar.systeem, actor.wie)
    if nieuw is None:
        bestaand = await repository.get_active(session, school.brin, paar.dienst, paar.systeem)
        assert bestaand is not None
        return mandaat_uit(bestaand), False
    await audit.add(
        session,
        actor,
        "mandaat_verleend",
        "mandaat",
        f"{school.brin}/{paar.dienst}/{paar.systeem}",
        na=_staat(nieuw),
        bestuur=school.bestuur_nummer,
        brin=school.brin,
    )
    return mandaat_uit(nieuw), True


async def trek_in(session: AsyncSession, actor: Actor, school: School, dienst: str, systeem: str) -> MandaatUit:
    """Revoke the active mandate (soft: who and when are kept); 404 when there is none."""
    mandaat = await repository.get_active(session, school.brin, dienst, systeem)
    if mandaat is None:
        raise MandaatNietGevonden(f"School {school.brin} heeft geen actief mandaat voor {dienst} met {systeem}.")
    voor = _staat(mandaat)
    mandaat.ingetrokken_op, mandaat.ingetrokken_door = utcnow(), actor.wie
    await audit.add(
        session,
        actor,
        "mandaat_ingetrokken",
        "mandaat",
        f"{school.brin}/{dienst}/{systeem}",
        voor=voor,
        na=_staat(mandaat),
        bestuur=school.bestuur_nummer,
        brin=school.brin,
    )
    return mandaat_uit(mandaat)


async def kopieer(session: AsyncSession, actor: Actor, bestuur_nummer: str, aanvraag: KopieAanvraag) -> KopieResultaat:
    """Copy a mandate to other schools of the same board: preview unless confirmed; idempotent.

    Every target is checked before anything is written, so a bad target leaves nothing half-done.
    """
    bron_brin = parse_brin4(aanvraag.bron.brin)
    doelen = list(dict.fromkeys(parse_brin4(b) for b in aanvraag.doelen))
    bron = await organisaties_repo.get_school(session, bron_brin)
    if bron is None:
        raise SchoolOnbekend(f"School {bron_brin} is niet bekend in het register.")
    if bron.bestuur_nummer != bestuur_nummer:
        raise SchoolVanAnderBestuur(f"School {bron_brin} hoort niet bij bestuur {bestuur_nummer}.")
    if await repository.get_active(session, bron_brin, aanvraag.bron.dienst, aanvraag.bron.systeem) is None:
        raise MandaatNietGevonden(
            f"School {bron_brin} heeft geen actief mandaat voor {aanvraag.bron.dienst} met {aanvraag.bron.systeem}."
        )
    scholen = {s.brin: s for s in await organisaties_repo.list_scholen(session, brins=doelen, met_vestigingen=True)}
    onbekend = [b for b in doelen if b not in scholen]
    if onbekend:
        raise SchoolOnbekend(f"Onbekende school: {', '.join(onbekend)}.", scholen=onbekend)
    ander = [b for b in doelen if scholen[b].bestuur_nummer != bestuur_nummer]
    if ander:
        raise SchoolVanAnderBestuur(
            f"Een mandaat kopiëren kan alleen naar scholen van hetzelfde bestuur; niet naar {', '.join(ander)}.",
            scholen=ander,
        )
    paren = await repository.list_active_pairs(session, doelen)
    paar = (aanvraag.bron.dienst, aanvraag.bron.systeem)
    resultaat: list[KopieDoel] = []
    for brin in doelen:
        if paar in paren.get(brin, set()):
            resultaat.append(KopieDoel(brin=brin, naam=scholen[brin].naam, resultaat="bestaat_al"))
            continue
        if aanvraag.bevestigen:
            _, nieuw = await verleen(session, actor, scholen[brin], MandaatNieuw(dienst=paar[0], systeem=paar[1]))
            status = "nieuw" if nieuw else "bestaat_al"
        else:
            status = "nieuw"
        resultaat.append(KopieDoel(brin=brin, naam=scholen[brin].naam, resultaat=status))
    return KopieResultaat(bron=aanvraag.bron, bevestigd=aanvraag.bevestigen, doelen=resultaat)


async def mandaatstatus(session: AsyncSession, bestuur_nummer: str) -> Mandaatstatus:
    """Per school of the board and per SWV that registered it, the state of the three steps."""
    bestuur = await organisaties_repo.get_bestuur(session, bestuur_nummer)
    if bestuur is None:
        raise BestuurOnbekend(f"Bestuur {bestuur_nummer} is niet bekend in het register.")
    brins = [s.brin for s in bestuur.scholen]
    scholen = {s.brin: s for s in await organisaties_repo.list_scholen(session, brins=brins, met_vestigingen=True)}
    mandaten = await repository.list(session, brins)
    paren = await repository.list_active_pairs(session, brins)
    regs = await swv_repo.list_registraties(session, brins=brins)
    swvs = {s.code: s for s in await swv_repo.list_swvs(session)}
    schoolsystemen = {s.naam for s in await organisaties_repo.list_systemen(session) if s.soort == SOORT_SCHOOL}
    uit: list[SchoolStatus] = []
    for brin in brins:
        school = scholen[brin]
        uit.append(
            SchoolStatus(
                brin=brin,
                naam=school.naam,
                mandaten=[mandaat_uit(m) for m in mandaten if m.brin == brin],
                swvs=[
                    SwvStatus(
                        swv=swv_uit(swvs[r.swv_code]),
                        registratie=r.brin + (r.vestigingscode or ""),
                        stappen=gereedheid(
                            school,
                            r.vestigingscode,
                            swvs[r.swv_code].systeem,
                            paren.get(brin, set()),
                            schoolsystemen,
                        ),
                    )
                    for r in sorted(regs, key=lambda r: (r.swv_code, r.vestigingscode or ""))
                    if r.brin == brin
                ],
            )
        )
    return Mandaatstatus(bestuur=bestuur_uit(bestuur), scholen=uit)


CSV_KOLOMMEN = (
    "bestuur",
    "brin",
    "school",
    "swv_code",
    "swv_naam",
    "registratie",
    "stap1_geregistreerd_bij_swv",
    "stap2_mandaat_schoolsysteem",
    "stap2_mandaat_swv_systeem",
    "stap3_brin_geregistreerd",
    "stap3_aanleverpunt_ingesteld",
    "gereed",
)


def _ja(value: bool) -> str:
    return "ja" if value else "nee"


def als_csv(status: Mandaatstatus) -> str:
    """The status as CSV (``;``-separated, one row per school × SWV; a school without SWV gets one row)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_KOLOMMEN)
    for school in status.scholen:
        if not school.swvs:
            writer.writerow([status.bestuur.nummer, school.brin, school.naam, "", "", "", "nee", "", "", "", "", "nee"])
        for s in school.swvs:
            st = s.stappen
            writer.writerow(
                [
                    status.bestuur.nummer,
                    school.brin,
                    school.naam,
                    s.swv.code,
                    s.swv.naam,
                    s.registratie,
                    _ja(st.stap1_geregistreerd_bij_swv),
                    _ja(st.stap2_mandaat_schoolsysteem),
                    _ja(st.stap2_mandaat_swv_systeem),
                    _ja(st.stap3_brin_geregistreerd),
                    _ja(st.stap3_aanleverpunt_ingesteld),
                    _ja(st.gereed),
                ]
            )
    return buffer.getvalue()
