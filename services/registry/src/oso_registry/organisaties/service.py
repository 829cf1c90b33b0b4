"""Reading besturen and scholen, and the school's own OSO-SWV setup (step 3), with audit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from oso_registry.audit import repository as audit
from oso_registry.audit.service import iso
from oso_registry.brin import Brin
from oso_registry.organisaties import repository
from oso_registry.organisaties.models import Bestuur, School, Vestiging
from oso_registry.organisaties.schemas import (
    Adres,
    BestuurDetail,
    BestuurUit,
    SchoolKort,
    SchoolUit,
    VestigingUit,
)
from oso_registry.problems import BestuurOnbekend, SchoolOnbekend, VestigingOnbekend
from oso_registry.toegang import Actor
from oso_shared.db import utcnow

ROUTERING_PREFIX = "00000007000"


def routeringskenmerk(prefix4: str, punt: int) -> str:
    """``00000007000`` + a four-character prefix (BRIN4, or the SWV number) + the point in five digits."""
    return f"{ROUTERING_PREFIX}{prefix4}{punt:05d}"


def bestuur_uit(bestuur: Bestuur) -> BestuurUit:
    """Board as returned by the API."""
    return BestuurUit(nummer=bestuur.nummer, naam=bestuur.naam)


def vestiging_uit(v: Vestiging) -> VestigingUit:
    """Vestiging as returned by the API (also the huidigeschool block of a dossier)."""
    return VestigingUit(
        brin=v.brin,
        vestigingscode=v.vestigingscode,
        brin6=v.brin + v.vestigingscode,
        naam=v.naam,
        eigen_omgeving=v.eigen_omgeving,
        aanleverpuntnummer=v.aanleverpuntnummer,
        aanleverpunt_ingesteld=v.aanleverpunt_ingesteld_op is not None,
        routeringskenmerk=routeringskenmerk(v.brin, v.aanleverpuntnummer),
        adres=Adres(straat=v.straat, huisnummer=v.huisnummer, postcode=v.postcode, plaats=v.plaats),
        telefoon=v.telefoon,
        email=v.email,
    )


def school_uit(school: School, vestigingscode: str | None = None) -> SchoolUit:
    """School with its vestigingen (only the one asked for when a BRIN6 was given)."""
    vestigingen = [v for v in school.vestigingen if vestigingscode is None or v.vestigingscode == vestigingscode]
    return SchoolUit(
        brin=school.brin,
        naam=school.naam,
        bestuur=bestuur_uit(school.bestuur),
        oso_swv_geregistreerd=school.oso_swv_geregistreerd_op is not None,
        oso_swv_geregistreerd_op=school.oso_swv_geregistreerd_op,
        vestigingen=[vestiging_uit(v) for v in vestigingen],
    )


async def get_school(session: AsyncSession, brin4: str, *, voor_wijziging: bool = False) -> School:
    """The school or 404 ``SCHOOL_ONBEKEND``."""
    school = await repository.get_school(session, brin4, voor_wijziging=voor_wijziging)
    if school is None:
        raise SchoolOnbekend(f"School {brin4} is niet bekend in het register.")
    return school


async def school_detail(session: AsyncSession, brin: Brin, school: School) -> SchoolUit:
    """School detail; a BRIN6 must name an existing vestiging."""
    if brin.vestigingscode is not None and all(v.vestigingscode != brin.vestigingscode for v in school.vestigingen):
        raise VestigingOnbekend(f"Vestiging {brin} is niet bekend in het register.")
    return school_uit(school, brin.vestigingscode)


async def list_besturen(session: AsyncSession, alleen: str | None) -> list[BestuurUit]:
    """Boards, limited to one for a board admin."""
    return [bestuur_uit(b) for b in await repository.list_besturen(session, alleen)]


async def bestuur_detail(session: AsyncSession, nummer: str) -> BestuurDetail:
    """Board with its schools."""
    bestuur = await repository.get_bestuur(session, nummer)
    if bestuur is None:
        raise BestuurOnbekend(f"Bestuur {nummer} is niet bekend in het register.")
    return BestuurDetail(
        nummer=bestuur.nummer,
        naam=bestuur.naam,
        scholen=[SchoolKort(brin=s.brin, naam=s.naam, bestuur_nummer=s.bestuur_nummer) for s in bestuur.scholen],
    )


async def list_scholen(session: AsyncSession, *, bestuur: str | None, brin: str | None) -> Sequence[SchoolKort]:
    """Schools as a short list."""
    return [
        SchoolKort(brin=s.brin, naam=s.naam, bestuur_nummer=s.bestuur_nummer)
        for s in await repository.list_scholen(session, bestuur=bestuur, brin=brin)
    ]


def _vestiging_staat(v: Vestiging) -> dict[str, Any]:
    return {
        "aanleverpuntnummer": v.aanleverpuntnummer,
        "aanleverpunt_ingesteld_op": iso(v.aanleverpunt_ingesteld_op),
    }


async def stel_aanleverpunt_in(
    session: AsyncSession, actor: Actor, school: School, vestigingscode: str, nummer: int
) -> VestigingUit:
    """Step 3: set the OSO aanleverpunt of one location (idempotent when unchanged)."""
    vestiging = await repository.get_vestiging(session, school.brin, vestigingscode)
    if vestiging is None:
        raise VestigingOnbekend(f"Vestiging {school.brin}{vestigingscode} is niet bekend in het register.")
    voor = _vestiging_staat(vestiging)
    if vestiging.aanleverpunt_ingesteld_op is None or vestiging.aanleverpuntnummer != nummer:
        vestiging.aanleverpuntnummer = nummer
        vestiging.aanleverpunt_ingesteld_op = utcnow()
        vestiging.gewijzigd_op = utcnow()
        await audit.add(
            session,
            actor,
            "aanleverpunt_ingesteld",
            "vestiging",
            school.brin + vestigingscode,
            voor=voor,
            na=_vestiging_staat(vestiging),
            bestuur=school.bestuur_nummer,
            brin=school.brin,
        )
    return vestiging_uit(vestiging)


async def registreer_oso_swv(session: AsyncSession, actor: Actor, school: School, aan: bool) -> SchoolUit:
    """Step 3: (de)register the school's BRIN for OSO-SWV (idempotent)."""
    voor = {"oso_swv_geregistreerd_op": iso(school.oso_swv_geregistreerd_op)}
    if aan and school.oso_swv_geregistreerd_op is None:
        school.oso_swv_geregistreerd_op, school.oso_swv_geregistreerd_door = utcnow(), actor.wie
    elif not aan and school.oso_swv_geregistreerd_op is not None:
        school.oso_swv_geregistreerd_op, school.oso_swv_geregistreerd_door = None, None
    else:
        return school_uit(school)
    await audit.add(
        session,
        actor,
        "oso_swv_geregistreerd" if aan else "oso_swv_afgemeld",
        "school",
        school.brin,
        voor=voor,
        na={"oso_swv_geregistreerd_op": iso(school.oso_swv_geregistreerd_op)},
        bestuur=school.bestuur_nummer,
        brin=school.brin,
    )
    return school_uit(school)
