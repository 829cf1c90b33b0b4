"""SQL of the accounts resource: users and sessions."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from oso_portal.accounts.models import Gebruiker, Sessie


async def gebruiker_op_naam(session: AsyncSession, gebruikersnaam: str) -> Gebruiker | None:
    """The user with this user name (case-insensitive input is normalised by the caller)."""
    result = await session.execute(select(Gebruiker).where(Gebruiker.gebruikersnaam == gebruikersnaam))
    return result.scalar_one_or_none()


async def gebruiker_op_id(session: AsyncSession, gebruiker_id: uuid.UUID) -> Gebruiker | None:
    """The user with this id."""
    return await session.get(Gebruiker, gebruiker_id)


async def gebruikers_van_school(session: AsyncSession, school: str, rol: str) -> list[Gebruiker]:
    """Users of one school with one role, by name."""
    result = await session.execute(
        select(Gebruiker).where(Gebruiker.school == school, Gebruiker.rol == rol).order_by(Gebruiker.naam)
    )
    return list(result.scalars())


def voeg_toe(session: AsyncSession, gebruiker: Gebruiker) -> None:
    """Stage a new user."""
    session.add(gebruiker)


async def sessie_met_gebruiker(
    session: AsyncSession, token_hash: str, nu: dt.datetime
) -> tuple[Sessie, Gebruiker] | None:
    """The live session for this token hash and its active user."""
    result = await session.execute(
        select(Sessie, Gebruiker)
        .join(Gebruiker, Gebruiker.id == Sessie.gebruiker_id)
        .where(Sessie.token_hash == token_hash, Sessie.verloopt_op > nu, Gebruiker.actief.is_(True))
    )
    row = result.one_or_none()
    return None if row is None else (row[0], row[1])


def voeg_sessie_toe(session: AsyncSession, sessie: Sessie) -> None:
    """Stage a new session."""
    session.add(sessie)


async def verwijder_sessie(session: AsyncSession, token_hash: str) -> None:
    """End one session."""
    await session.execute(delete(Sessie).where(Sessie.token_hash == token_hash))


async def verwijder_sessies_van(session: AsyncSession, gebruiker_id: uuid.UUID) -> None:
    """End every session of a user (rights changed, account blocked)."""
    await session.execute(delete(Sessie).where(Sessie.gebruiker_id == gebruiker_id))


async def verwijder_verlopen_sessies(session: AsyncSession, nu: dt.datetime) -> None:
    """Drop expired sessions."""
    await session.execute(delete(Sessie).where(Sessie.verloopt_op <= nu))


async def gebruiker_van_school(
    session: AsyncSession, gebruiker_id: uuid.UUID, school: str, rol: str
) -> Gebruiker | None:
    """One user of this school with this role (None for another school: no leak of existence)."""
    result = await session.execute(
        select(Gebruiker).where(Gebruiker.id == gebruiker_id, Gebruiker.school == school, Gebruiker.rol == rol)
    )
    return result.scalar_one_or_none()
