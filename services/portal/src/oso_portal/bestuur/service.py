"""Bestuursbeheerder: readiness matrix, mandates and mandate copies via the registry API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from oso_portal.accounts.service import Aangemeld
from oso_portal.backend import Backend

DIENST = "OSO-SWV"
SYSTEEM_SCHOOL = "Magister"
SYSTEMEN = (SYSTEEM_SCHOOL, "Kindkans")


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


async def status(backend: Backend, gebruiker: Aangemeld) -> dict[str, Any]:
    """The board's mandate status (schools, their mandates and per SWV the three steps)."""
    result = await backend.get(gebruiker, "registry", f"/v1/besturen/{gebruiker.bestuur}/mandaatstatus")
    assert isinstance(result, dict)
    return result


async def status_csv(backend: Backend, gebruiker: Aangemeld) -> bytes:
    """The same status as CSV, as the registry renders it."""
    response = await backend.raw(
        gebruiker,
        "registry",
        "GET",
        f"/v1/besturen/{gebruiker.bestuur}/mandaatstatus",
        headers={"accept": "text/csv"},
    )
    return response.content


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


def matrix(status: dict[str, Any]) -> list[MatrixRij]:
    """Flatten the status into rows per (school, SWV), with the missing items in plain Dutch."""
    rijen: list[MatrixRij] = []
    for school in status.get("scholen", []):
        swvs = school.get("swvs") or []
        if not swvs:
            rijen.append(
                MatrixRij(
                    brin=school["brin"],
                    naam=school["naam"],
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
        for entry in swvs:
            stappen = entry.get("stappen") or {}
            rijen.append(
                MatrixRij(
                    brin=school["brin"],
                    naam=school["naam"],
                    swv=(entry.get("swv") or {}).get("naam"),
                    registratie=entry.get("registratie"),
                    stap1=bool(stappen.get("stap1_geregistreerd_bij_swv")),
                    stap2=bool(stappen.get("stap2_mandaat_schoolsysteem") and stappen.get("stap2_mandaat_swv_systeem")),
                    stap3=bool(stappen.get("stap3_brin_geregistreerd") and stappen.get("stap3_aanleverpunt_ingesteld")),
                    gereed=bool(stappen.get("gereed")),
                    ontbrekend=_ontbrekend(stappen),
                )
            )
    return rijen


async def verleen(backend: Backend, gebruiker: Aangemeld, brin: str, systeem: str) -> bool:
    """Grant the OSO-SWV mandate for ``systeem``; False when it existed already."""
    response = await backend.raw(
        gebruiker, "registry", "POST", f"/v1/scholen/{brin}/mandaten", json={"dienst": DIENST, "systeem": systeem}
    )
    return response.status_code == 201


async def trek_in(backend: Backend, gebruiker: Aangemeld, brin: str, systeem: str) -> None:
    """Revoke the active OSO-SWV mandate for ``systeem``."""
    await backend.raw(gebruiker, "registry", "DELETE", f"/v1/scholen/{brin}/mandaten/{DIENST}/{systeem}")


async def kopieer(
    backend: Backend, gebruiker: Aangemeld, bron: str, systeem: str, doelen: list[str], bevestigen: bool
) -> dict[str, Any]:
    """Preview (``bevestigen=False``) or carry out a mandate copy to other schools of the board."""
    result = await backend.post(
        gebruiker,
        "registry",
        f"/v1/besturen/{gebruiker.bestuur}/mandaatkopieen",
        json={"bron": {"brin": bron, "dienst": DIENST, "systeem": systeem}, "doelen": doelen, "bevestigen": bevestigen},
    )
    assert isinstance(result, dict)
    return result
