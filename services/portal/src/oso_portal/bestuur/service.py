"""Bestuursbeheerder: the readiness matrix and the mandates per school in plain Dutch."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from oso_portal.clients.registry import MandaatSchool, Mandaatstatus
from oso_shared.contracts import DIENST_SWV

DIENST = DIENST_SWV
# The school system and the SWV system of the exchange, in the order the matrix shows them.
SYSTEEM_SCHOOL = "Magister"
SYSTEEM_SWV = "Kindkans"
SYSTEMEN = (SYSTEEM_SCHOOL, SYSTEEM_SWV)


@dataclass(frozen=True)
class MatrixRij:
    """One row of the readiness matrix: a school and one SWV that registered it (or none yet)."""

    brin: str
    naam: str
    swv: str | None
    registratie: str | None
    stap1: bool
    stap2: bool
    stap3: bool
    gereed: bool
    ontbrekend: list[str]


def actieve(school: MandaatSchool) -> set[str]:
    """The systems with an active OSO-SWV mandate for this school."""
    return {m.systeem for m in school.mandaten if m.actief and m.dienst == DIENST}


def scholen(status: Mandaatstatus) -> list[tuple[MandaatSchool, set[str]]]:
    """Each school with its active OSO-SWV systems."""
    return [(school, actieve(school)) for school in status.scholen]


def _ontbrekend(stappen: dict[str, Any]) -> list[str]:
    items: list[str] = []
    if not stappen.get("stap1_geregistreerd_bij_swv"):
        items.append("Stap 1: het SWV moet de school registreren (SWV)")
    if not stappen.get("stap2_mandaat_schoolsysteem"):
        items.append(f"Stap 2: mandaat {DIENST} {SYSTEEM_SCHOOL} verlenen (bestuur)")
    if not stappen.get("stap2_mandaat_swv_systeem"):
        items.append(f"Stap 2: mandaat {DIENST} voor het SWV-systeem verlenen (bestuur)")
    if not stappen.get("stap3_brin_geregistreerd"):
        items.append("Stap 3: BRIN registreren voor OSO-SWV (school)")
    if not stappen.get("stap3_aanleverpunt_ingesteld"):
        missing = ", ".join(stappen.get("ontbrekende_aanleverpunten") or [])
        items.append(f"Stap 3: aanleverpunt instellen{f' voor {missing}' if missing else ''} (school)")
    return items


def matrix(status: Mandaatstatus) -> list[MatrixRij]:
    """Flatten the status into rows per (school, SWV), with the missing items in plain Dutch."""
    rijen: list[MatrixRij] = []
    for school in status.scholen:
        if not school.swvs:
            rijen.append(
                MatrixRij(
                    brin=school.brin,
                    naam=school.naam,
                    swv=None,
                    registratie=None,
                    stap1=False,
                    stap2=False,
                    stap3=False,
                    gereed=False,
                    ontbrekend=["Stap 1: nog door geen samenwerkingsverband geregistreerd (SWV)"],
                )
            )
            continue
        for entry in school.swvs:
            stappen = entry.stappen
            rijen.append(
                MatrixRij(
                    brin=school.brin,
                    naam=school.naam,
                    swv=(entry.swv or {}).get("naam"),
                    registratie=entry.registratie,
                    stap1=bool(stappen.get("stap1_geregistreerd_bij_swv")),
                    stap2=bool(stappen.get("stap2_mandaat_schoolsysteem") and stappen.get("stap2_mandaat_swv_systeem")),
                    stap3=bool(stappen.get("stap3_brin_geregistreerd") and stappen.get("stap3_aanleverpunt_ingesteld")),
                    gereed=bool(stappen.get("gereed")),
                    ontbrekend=_ontbrekend(stappen),
                )
            )
    return rijen
