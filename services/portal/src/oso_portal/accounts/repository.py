"""SQL of the accounts resource: users, sessions and the sign-in attempts of the rate limits."""

from __future__ import annotations

import builtins
import datetime as dt
import uuid

from sqlalchemy import case, delete, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from oso_portal.accounts.models import Aanmeldpoging, Gebruiker, Sessie


async def get(
    session: AsyncSession, gebruiker_id: uuid.UUID, *, school: str | None = None, rol: str | None = None
) -> Gebruiker | None:
    """The user with this id; with ``school``/``rol`` only when it belongs there (no leak of existence)."""
    query = select(Gebruiker).where(Gebruiker.id == gebruiker_id)
    if school is not None:
        query = query.where(Gebruiker.school == school)
    if rol is not None:
        query = query.where(Gebruiker.rol == rol)
    result = await session.execute(query)
    return result.scalar_one_or_none()


async def get_by_gebruikersnaam(session: AsyncSession, gebruikersnaam: str) -> Gebruiker | None:
    """The user with this user name (case-insensitive input is normalised by the caller)."""
    result = await session.execute(select(Gebruiker).where(Gebruiker.gebruikersnaam == gebruikersnaam))
    return result.scalar_one_or_none()


async def list(session: AsyncSession, *, school: str, rol: str) -> builtins.list[Gebruiker]:
    """Users of one school with one role, by name."""
    result = await session.execute(
        select(Gebruiker).where(Gebruiker.school == school, Gebruiker.rol == rol).order_by(Gebruiker.naam)
    )
    return builtins.list(result.scalars())


def add(session: AsyncSession, gebruiker: Gebruiker) -> None:
    """Stage a new user."""
    session.add(gebruiker)


async def get_live_sessie(
    session: AsyncSession, token_hash: str, nu: dt.datetime, *, aangemaakt_na: dt.datetime
) -> tuple[Sessie, Gebruiker] | None:
    """The live session for this token hash (idle and absolute lifetime both unexpired) and its active user."""
    result = await session.execute(
        select(Sessie, Gebruiker)
        .join(Gebruiker, Gebruiker.id == Sessie.gebruiker_id)
        .where(
            Sessie.token_hash == token_hash,
            Sessie.verloopt_op > nu,
            Sessie.aangemaakt_op > aangemaakt_na,
            Gebruiker.actief.is_(True),
        )
    )
    row = result.one_or_none()
    return None if row is None else (row[0], row[1])


def add_sessie(session: AsyncSession, sessie: Sessie) -> None:
    """Stage a new session."""
    session.add(sessie)


async def remove_sessie(session: AsyncSession, token_hash: str) -> None:
    """End one session."""
    await session.execute(delete(Sessie).where(Sessie.token_hash == token_hash))


async def remove_sessies_of(session: AsyncSession, gebruiker_id: uuid.UUID) -> None:
    """End every session of a user (rights changed, account blocked)."""
    await session.execute(delete(Sessie).where(Sessie.gebruiker_id == gebruiker_id))


async def remove_expired_sessies(session: AsyncSession, nu: dt.datetime) -> None:
    """Drop expired sessions."""
    await session.execute(delete(Sessie).where(Sessie.verloopt_op <= nu))


async def count_mislukking(
    session: AsyncSession, gebruiker_id: uuid.UUID, nu: dt.datetime, *, max_pogingen: int, pauze: dt.timedelta
) -> tuple[int, dt.datetime | None]:
    """Count one wrong password in ONE statement and pause the account at ``max_pogingen``.

    The increment happens in the database (no read-modify-write), so concurrent wrong passwords each count;
    after an expired pause the count starts again at one. Returns the new count and the pause end.
    """
    pauze_voorbij = Gebruiker.geblokkeerd_tot.is_not(None) & (Gebruiker.geblokkeerd_tot <= nu)
    nieuw = case((pauze_voorbij, 1), else_=Gebruiker.mislukte_pogingen + 1)
    result = await session.execute(
        update(Gebruiker)
        .where(Gebruiker.id == gebruiker_id)
        .values(
            mislukte_pogingen=nieuw,
            geblokkeerd_tot=case(
                (nieuw >= max_pogingen, nu + pauze),
                (pauze_voorbij, None),
                else_=Gebruiker.geblokkeerd_tot,
            ),
        )
        .returning(Gebruiker.mislukte_pogingen, Gebruiker.geblokkeerd_tot)
        .execution_options(synchronize_session=False)
    )
    pogingen, tot = result.one()
    return int(pogingen), tot


async def lock_pogingen(session: AsyncSession, sleutel: str) -> None:
    """Serialise the rate-limit bookkeeping of one key until the end of the transaction (advisory lock)."""
    await session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:sleutel, 0))"), {"sleutel": sleutel})


async def count_pogingen(session: AsyncSession, sleutel: str, sinds: dt.datetime) -> int:
    """How many counted attempts ``sleutel`` made after ``sinds``."""
    result = await session.execute(
        select(func.count()).where(Aanmeldpoging.sleutel == sleutel, Aanmeldpoging.tijdstip > sinds)
    )
    return int(result.scalar_one())


def add_poging(session: AsyncSession, poging: Aanmeldpoging) -> None:
    """Stage one counted attempt."""
    session.add(poging)


async def remove_pogingen(session: AsyncSession, ids: builtins.list[uuid.UUID]) -> None:
    """Drop these attempts (the sign-in succeeded)."""
    await session.execute(delete(Aanmeldpoging).where(Aanmeldpoging.id.in_(ids)))


async def remove_expired_pogingen(session: AsyncSession, voor: dt.datetime) -> None:
    """Drop every attempt that left the window (of any key: expired rows never count again)."""
    await session.execute(delete(Aanmeldpoging).where(Aanmeldpoging.tijdstip <= voor))
