"""Accounts logic: password hashing, sign-in with rate limits and a pause after repeated failures, sessions, rights."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.ext.asyncio import AsyncSession

from oso_portal.accounts import repository
from oso_portal.accounts.models import Aanmeldpoging, Gebruiker, Sessie
from oso_portal.problems import AanmeldenMislukt, GebruikersnaamBezet
from oso_shared.auth import Principal, Rol
from oso_shared.db import utcnow

RECHT_OVERDRACHTSDOSSIER = "overdrachtsdossier"

_hasher = PasswordHasher()
# Verifying against this when the user does not exist keeps the timing of both failures alike.
_DUMMY_HASH = _hasher.hash("geen-gebruiker")


@dataclass(frozen=True)
class Aangemeld:
    """The signed-in user of a request with the session's CSRF token."""

    gebruiker_id: uuid.UUID
    gebruikersnaam: str
    naam: str
    rol: Rol
    bestuur: str | None
    swv: str | None
    school: str | None
    rechten: frozenset[str]
    csrf_token: str
    token_hash: str

    def principal(self) -> Principal:
        """The identity the portal presents to the backends on this user's behalf."""
        return Principal(
            sub=f"portal:{self.gebruiker_id}",
            rol=self.rol,
            bestuur=self.bestuur,
            swv=self.swv,
            school=self.school,
            naam=self.naam,
            rechten=self.rechten,
        )

    @property
    def mag_overdrachtsdossier(self) -> bool:
        """Whether this zorgcoördinator may work on Overdrachtsdossiers."""
        return self.rol is Rol.ZORGCOORDINATOR and RECHT_OVERDRACHTSDOSSIER in self.rechten


async def hash_wachtwoord(wachtwoord: str) -> str:
    """Argon2id hash of a password, computed off the event loop."""
    return await asyncio.to_thread(_hasher.hash, wachtwoord)


async def _klopt(hash_: str, wachtwoord: str) -> bool:
    try:
        return await asyncio.to_thread(_hasher.verify, hash_, wachtwoord)
    except (VerificationError, InvalidHashError):
        return False


def token_hash(token: str) -> str:
    """SHA-256 of a session token: the table never holds the cookie value itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def poging_sleutels(gebruikersnaam: str, adres: str) -> tuple[str, str]:
    """The rate-limit keys of an attempt: hashed account name and hashed client address."""
    account = hashlib.sha256(f"account:{gebruikersnaam.strip().lower()}".encode()).hexdigest()
    return account, hashlib.sha256(f"adres:{adres}".encode()).hexdigest()


async def tel_poging(
    session: AsyncSession,
    gebruikersnaam: str,
    adres: str,
    *,
    venster: dt.timedelta,
    max_per_account: int,
    max_per_adres: int,
) -> list[uuid.UUID] | None:
    """Count a sign-in attempt against both sliding windows; None when either is full (refuse unchecked).

    Meant for a short transaction of its own that commits before the password is checked: the advisory locks
    make concurrent attempts on one key count one after the other, and nobody waits on another's hash.
    """
    nu = utcnow()
    sinds = nu - venster
    account, adres_sleutel = poging_sleutels(gebruikersnaam, adres)
    limieten = sorted({account: max_per_account, adres_sleutel: max_per_adres}.items())
    # Always the same order, so two attempts holding one key each never wait on each other.
    for sleutel, _ in limieten:
        await repository.lock_pogingen(session, sleutel)
    await repository.remove_expired_pogingen(session, sinds)
    for sleutel, limiet in limieten:
        if await repository.count_pogingen(session, sleutel, sinds) >= limiet:
            return None
    ids = []
    for sleutel, _ in limieten:
        poging = Aanmeldpoging(id=uuid.uuid4(), sleutel=sleutel, tijdstip=nu)
        repository.add_poging(session, poging)
        ids.append(poging.id)
    return ids


async def aanmelden(
    session: AsyncSession,
    gebruikersnaam: str,
    wachtwoord: str,
    *,
    pogingen: list[uuid.UUID],
    sessie_uren: int,
    max_pogingen: int,
    pauze_minuten: int,
) -> str:
    """Check the password and open a session; returns the new session token for the cookie.

    ``pogingen`` are this attempt's rate-limit rows (:func:`tel_poging`); a successful sign-in removes them.
    """
    nu = utcnow()
    gebruiker = await repository.get_by_gebruikersnaam(session, gebruikersnaam.strip().lower())
    if gebruiker is None or not gebruiker.actief:
        await _klopt(_DUMMY_HASH, wachtwoord)
        raise AanmeldenMislukt
    if gebruiker.geblokkeerd_tot is not None and gebruiker.geblokkeerd_tot > nu:
        raise AanmeldenMislukt
    if not await _klopt(gebruiker.wachtwoord_hash, wachtwoord):
        pauze = dt.timedelta(minutes=pauze_minuten)
        await repository.count_mislukking(session, gebruiker.id, nu, max_pogingen=max_pogingen, pauze=pauze)
        raise AanmeldenMislukt
    gebruiker.mislukte_pogingen = 0
    gebruiker.geblokkeerd_tot = None
    await repository.remove_pogingen(session, pogingen)
    if _hasher.check_needs_rehash(gebruiker.wachtwoord_hash):
        gebruiker.wachtwoord_hash = await hash_wachtwoord(wachtwoord)
    await repository.remove_expired_sessies(session, nu)
    token = secrets.token_urlsafe(32)
    repository.add_sessie(
        session,
        Sessie(
            token_hash=token_hash(token),
            gebruiker_id=gebruiker.id,
            csrf_token=secrets.token_urlsafe(32),
            aangemaakt_op=nu,
            verloopt_op=nu + dt.timedelta(hours=sessie_uren),
        ),
    )
    return token


async def huidige(session: AsyncSession, token: str, *, sessie_uren: int, max_uren: int) -> Aangemeld | None:
    """The signed-in user for a session token, extending the idle expiry up to the absolute lifetime."""
    nu = utcnow()
    hashed = token_hash(token)
    found = await repository.get_live_sessie(session, hashed, nu, aangemaakt_na=nu - dt.timedelta(hours=max_uren))
    if found is None:
        return None
    sessie, gebruiker = found
    # Extend at most once a minute so ordinary page views do not all write; never past the absolute end.
    nieuw = min(nu + dt.timedelta(hours=sessie_uren), sessie.aangemaakt_op + dt.timedelta(hours=max_uren))
    if nieuw - sessie.verloopt_op > dt.timedelta(minutes=1) or nieuw < sessie.verloopt_op:
        sessie.verloopt_op = nieuw
    return Aangemeld(
        gebruiker_id=gebruiker.id,
        gebruikersnaam=gebruiker.gebruikersnaam,
        naam=gebruiker.naam,
        rol=Rol(gebruiker.rol),
        bestuur=gebruiker.bestuur,
        swv=gebruiker.swv,
        school=gebruiker.school,
        rechten=frozenset(gebruiker.rechten or ()),
        csrf_token=sessie.csrf_token,
        token_hash=hashed,
    )


async def afmelden(session: AsyncSession, token: str) -> None:
    """End the session of this token."""
    await repository.remove_sessie(session, token_hash(token))


async def maak_gebruiker(
    session: AsyncSession,
    *,
    gebruikersnaam: str,
    naam: str,
    wachtwoord: str,
    rol: Rol,
    bestuur: str | None = None,
    swv: str | None = None,
    school: str | None = None,
    rechten: frozenset[str] = frozenset(),
) -> Gebruiker:
    """Create an account with a hashed password."""
    gebruiker = Gebruiker(
        id=uuid.uuid4(),
        gebruikersnaam=gebruikersnaam.strip().lower(),
        naam=naam.strip(),
        wachtwoord_hash=await hash_wachtwoord(wachtwoord),
        rol=rol.value,
        bestuur=bestuur,
        swv=swv,
        school=school,
        rechten=sorted(rechten),
        actief=True,
        mislukte_pogingen=0,
        aangemaakt_op=utcnow(),
    )
    repository.add(session, gebruiker)
    await session.flush()
    return gebruiker


async def zorgcoordinatoren(session: AsyncSession, school: str) -> list[Gebruiker]:
    """The zorgcoördinator accounts of one school."""
    return await repository.list(session, school=school, rol=Rol.ZORGCOORDINATOR.value)


async def maak_zorgcoordinator(
    session: AsyncSession, school: str, gebruikersnaam: str, naam: str, wachtwoord: str, overdrachtsdossier: bool
) -> Gebruiker:
    """A schoolbeheerder creates a zorgcoördinator account for their own school."""
    if await repository.get_by_gebruikersnaam(session, gebruikersnaam.strip().lower()) is not None:
        raise GebruikersnaamBezet
    rechten = frozenset({RECHT_OVERDRACHTSDOSSIER}) if overdrachtsdossier else frozenset()
    return await maak_gebruiker(
        session,
        gebruikersnaam=gebruikersnaam,
        naam=naam,
        wachtwoord=wachtwoord,
        rol=Rol.ZORGCOORDINATOR,
        school=school,
        rechten=rechten,
    )


async def zet_recht_overdrachtsdossier(
    session: AsyncSession, school: str, gebruiker_id: uuid.UUID, aan: bool
) -> Gebruiker | None:
    """Grant or withdraw the right on Overdrachtsdossier; the user's sessions end so the change applies now."""
    gebruiker = await repository.get(session, gebruiker_id, school=school, rol=Rol.ZORGCOORDINATOR.value)
    if gebruiker is None:
        return None
    rechten = set(gebruiker.rechten or ())
    if aan:
        rechten.add(RECHT_OVERDRACHTSDOSSIER)
    else:
        rechten.discard(RECHT_OVERDRACHTSDOSSIER)
    gebruiker.rechten = sorted(rechten)
    if not aan:
        await repository.remove_sessies_of(session, gebruiker.id)
    return gebruiker
