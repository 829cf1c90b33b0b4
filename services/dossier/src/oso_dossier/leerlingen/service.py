"""Leerlingen: create, update, read; PGNs are encrypted before they reach the database."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from oso_dossier.audit import repository as audit
from oso_dossier.crypto import PgnVersleuteling
from oso_dossier.leerlingen import repository
from oso_dossier.leerlingen.models import Leerling
from oso_dossier.leerlingen.schemas import (
    LeerlingDetail,
    LeerlingGegevens,
    LeerlingIn,
    LeerlingSamenvatting,
    LeerlingUit,
    VrijeInfo,
)
from oso_dossier.problems import LeerlingNietGevonden, LeerlingnummerBestaat, PgnDubbel
from oso_shared.auth import Principal
from oso_shared.db import utcnow


def naam(gegevens: LeerlingGegevens) -> str:
    """Display name: roepnaam (or first voornaam), voorvoegsel, achternaam."""
    delen = [gegevens.roepnaam or gegevens.voornamen[0], gegevens.voorvoegsel, gegevens.achternaam]
    return " ".join(d for d in delen if d)


def to_uit(leerling: Leerling) -> LeerlingUit:
    """Public shape without the PGN."""
    return LeerlingUit(
        id=leerling.id,
        brin=leerling.brin,
        vestigingscode=leerling.vestigingscode,
        leerlingnummer=leerling.leerlingnummer,
        heeft_bsn=leerling.bsn_versleuteld is not None,
        heeft_onderwijsnummer=leerling.onderwijsnummer_versleuteld is not None,
        gegevens=LeerlingGegevens.model_validate(leerling.gegevens),
        aangemaakt_op=leerling.aangemaakt_op,
        gewijzigd_op=leerling.gewijzigd_op,
    )


def _apply(leerling: Leerling, data: LeerlingIn, crypto: PgnVersleuteling) -> None:
    if data.bsn and data.onderwijsnummer:
        raise PgnDubbel("Een leerling heeft een BSN of een onderwijsnummer, niet allebei.")
    leerling.vestigingscode = data.vestigingscode
    leerling.leerlingnummer = data.leerlingnummer
    leerling.bsn_versleuteld = crypto.versleutel(data.bsn) if data.bsn else None
    leerling.onderwijsnummer_versleuteld = crypto.versleutel(data.onderwijsnummer) if data.onderwijsnummer else None
    leerling.gegevens = data.gegevens.model_dump(mode="json", exclude_none=True)
    leerling.gewijzigd_op = utcnow()


async def maak(session: AsyncSession, principal: Principal, data: LeerlingIn, crypto: PgnVersleuteling) -> Leerling:
    """Create a leerling at the caller's school."""
    assert principal.school is not None
    if await repository.get_by_nummer(session, principal.school, data.leerlingnummer) is not None:
        raise LeerlingnummerBestaat("Er is al een leerling met dit leerlingnummer op deze school.")
    leerling = Leerling(id=uuid.uuid4(), brin=principal.school)
    _apply(leerling, data, crypto)
    repository.add(session, leerling)
    await session.flush()
    await audit.add(session, principal, "leerling_aangemaakt", leerling_id=leerling.id)
    return leerling


async def wijzig(
    session: AsyncSession, principal: Principal, leerling_id: uuid.UUID, data: LeerlingIn, crypto: PgnVersleuteling
) -> Leerling:
    """Replace a leerling's data (dossiers notice the change through their content hash)."""
    leerling = await haal(session, principal, leerling_id, for_update=True)
    if data.leerlingnummer != leerling.leerlingnummer:
        other = await repository.get_by_nummer(session, leerling.brin, data.leerlingnummer)
        if other is not None:
            raise LeerlingnummerBestaat("Er is al een leerling met dit leerlingnummer op deze school.")
    _apply(leerling, data, crypto)
    await session.flush()
    await audit.add(session, principal, "leerling_gewijzigd", leerling_id=leerling.id)
    return leerling


async def haal(
    session: AsyncSession, principal: Principal, leerling_id: uuid.UUID, *, for_update: bool = False
) -> Leerling:
    """The leerling if it belongs to the caller's school; otherwise 404 (no existence leak)."""
    assert principal.school is not None
    leerling = await repository.get(session, leerling_id, principal.school, for_update=for_update)
    if leerling is None:
        raise LeerlingNietGevonden()
    return leerling


async def bekijk(
    session: AsyncSession, principal: Principal, leerling_id: uuid.UUID, crypto: PgnVersleuteling
) -> LeerlingDetail:
    """The school's own view of one leerling, audited: who read which leerling when (never the BSN itself)."""
    leerling = await haal(session, principal, leerling_id)
    await audit.add(session, principal, "leerling_bekeken", leerling_id=leerling.id)
    return detail(leerling, crypto)


def detail(leerling: Leerling, crypto: PgnVersleuteling) -> LeerlingDetail:
    """The school's own view including the decrypted PGN."""
    uit = to_uit(leerling)
    return LeerlingDetail(
        **uit.model_dump(),
        bsn=crypto.ontsleutel(leerling.bsn_versleuteld) if leerling.bsn_versleuteld else None,
        onderwijsnummer=(
            crypto.ontsleutel(leerling.onderwijsnummer_versleuteld) if leerling.onderwijsnummer_versleuteld else None
        ),
        vrije_info=leerling.vrije_info,
    )


async def wijzig_vrije_info(
    session: AsyncSession, principal: Principal, leerling_id: uuid.UUID, data: VrijeInfo
) -> VrijeInfo:
    """Replace the school's vrije info on a pupil (audited without its text)."""
    leerling = await haal(session, principal, leerling_id, for_update=True)
    # ``gewijzigd_op`` stays: it dates the dossier data, and vrije info is no part of any dossier.
    leerling.vrije_info = data.vrije_info
    await session.flush()
    await audit.add(session, principal, "leerling_vrije_info_gewijzigd", leerling_id=leerling.id)
    return VrijeInfo(vrije_info=leerling.vrije_info)


async def lijst(
    session: AsyncSession, principal: Principal, vestigingscode: str | None
) -> Sequence[LeerlingSamenvatting]:
    """Leerlingen of the caller's school."""
    assert principal.school is not None
    rows = await repository.list(session, brin=principal.school, vestigingscode=vestigingscode)
    result = []
    for row in rows:
        gegevens = LeerlingGegevens.model_validate(row.gegevens)
        result.append(
            LeerlingSamenvatting(
                id=row.id,
                vestigingscode=row.vestigingscode,
                leerlingnummer=row.leerlingnummer,
                naam=naam(gegevens),
                geboortedatum=gegevens.geboortedatum,
            )
        )
    return result
