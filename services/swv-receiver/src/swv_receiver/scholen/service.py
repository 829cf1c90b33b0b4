"""Registering schools at an SWV (Kindkans: Beheer > Organisatie, field Brin)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from swv_receiver.problems import SchoolAlAangemeld
from swv_receiver.scholen import repository
from swv_receiver.scholen.models import AangemeldeSchool
from swv_receiver.scholen.schemas import SchoolIn


async def list_scholen(session: AsyncSession, swv_code: str) -> Sequence[AangemeldeSchool]:
    """The schools registered at this SWV."""
    return await repository.list(session, swv_code)


async def meld_aan(session: AsyncSession, swv_code: str, school: SchoolIn) -> AangemeldeSchool:
    """Register a school (whole BRIN, or one vestiging) at this SWV."""
    nieuw = await repository.add(session, swv_code, school.brin, school.vestigingscode, school.naam)
    if nieuw is None:
        raise SchoolAlAangemeld("Deze school is al aangemeld bij jouw samenwerkingsverband.")
    aangemeld = await repository.get(session, nieuw)
    assert aangemeld is not None
    return aangemeld
