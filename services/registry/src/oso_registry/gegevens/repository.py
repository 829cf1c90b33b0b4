"""SQL of import and export: the whole register read in one go, and new rows staged in the caller's transaction."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from oso_registry.mandaten.models import Mandaat
from oso_registry.organisaties.models import Bestuur, Dienst, School, Systeem, Vestiging
from oso_registry.swv.models import Aanleverpunt, Samenwerkingsverband, SwvRegistratie


@dataclass(frozen=True)
class Bestaand:
    """What the register holds before an import, keyed the way the file names things."""

    systemen: dict[str, Systeem]
    diensten: set[str]
    besturen: dict[str, Bestuur]
    scholen: dict[str, School]
    swvs: dict[str, Samenwerkingsverband]
    aanleverpunten: dict[uuid.UUID, Aanleverpunt]


@dataclass(frozen=True)
class Register:
    """The whole register in export order (active mandates only)."""

    systemen: Sequence[Systeem]
    besturen: Sequence[Bestuur]
    mandaten: Sequence[Mandaat]
    swvs: Sequence[Samenwerkingsverband]
    registraties: Sequence[SwvRegistratie]


async def get_bestaand(session: AsyncSession) -> Bestaand:
    """Every system, dienst, board, school (with vestigingen), SWV and aanleverpunt, for the import's checks."""
    scholen = (await session.scalars(select(School).options(selectinload(School.vestigingen)))).all()
    return Bestaand(
        systemen={x.naam: x for x in (await session.scalars(select(Systeem))).all()},
        diensten={x.code for x in (await session.scalars(select(Dienst))).all()},
        besturen={x.nummer: x for x in (await session.scalars(select(Bestuur))).all()},
        scholen={x.brin: x for x in scholen},
        swvs={x.code: x for x in (await session.scalars(select(Samenwerkingsverband))).all()},
        aanleverpunten={x.id: x for x in (await session.scalars(select(Aanleverpunt))).all()},
    )


async def get_register(session: AsyncSession) -> Register:
    """Everything the export writes, each kind in a stable order."""
    systemen = (await session.scalars(select(Systeem).order_by(Systeem.naam))).all()
    besturen = (
        await session.scalars(
            select(Bestuur)
            .order_by(Bestuur.nummer)
            .options(selectinload(Bestuur.scholen).selectinload(School.vestigingen))
        )
    ).all()
    mandaten = (
        await session.scalars(
            select(Mandaat)
            .where(Mandaat.ingetrokken_op.is_(None))
            .order_by(Mandaat.brin, Mandaat.dienst, Mandaat.systeem)
        )
    ).all()
    swvs = (
        await session.scalars(
            select(Samenwerkingsverband)
            .order_by(Samenwerkingsverband.code)
            .options(selectinload(Samenwerkingsverband.aanleverpunten))
        )
    ).all()
    registraties = (
        await session.scalars(
            select(SwvRegistratie).order_by(
                SwvRegistratie.swv_code, SwvRegistratie.brin, SwvRegistratie.vestigingscode.nulls_first()
            )
        )
    ).all()
    return Register(systemen, besturen, mandaten, swvs, registraties)


def add(
    session: AsyncSession, row: Systeem | Bestuur | School | Vestiging | Samenwerkingsverband | Aanleverpunt
) -> None:
    """Stage a new row in the caller's transaction (written at the next flush)."""
    session.add(row)
