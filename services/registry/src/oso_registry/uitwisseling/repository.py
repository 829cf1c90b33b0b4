"""The one query behind the exchange check: every fact of the three setup steps in a single round trip."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from oso_shared.db import single_statement_connection

# One row always comes back (the LEFT JOINs hang off a constant), so a missing aanleverpunt, school or
# vestiging shows up as NULL columns instead of needing separate queries. For a BRIN4 the school's
# lowest vestigingscode (the hoofdvestiging, normally 00) stands for the school.
_CONTROLE_SQL = """
WITH ap AS (
    SELECT a.id, a.nummer, a.label, a.routeringskenmerk, a.endpoint, a.oin,
           s.code AS swv_code, s.naam AS swv_naam, s.systeem AS swv_systeem
    FROM aanleverpunten a JOIN samenwerkingsverbanden s ON s.code = a.swv_code
    WHERE {ap_filter}
),
ves AS (
    SELECT v.vestigingscode, v.eigen_omgeving, v.aanleverpunt_ingesteld_op IS NOT NULL AS ingesteld
    FROM vestigingen v
    WHERE v.brin = :brin AND (CAST(:vc AS varchar) IS NULL OR v.vestigingscode = CAST(:vc AS varchar))
    ORDER BY v.vestigingscode
    LIMIT 1
)
SELECT ap.id AS aanleverpunt_id, ap.nummer, ap.label, ap.routeringskenmerk, ap.endpoint, ap.oin,
       ap.swv_code, ap.swv_naam, ap.swv_systeem,
       sc.brin IS NOT NULL AS school_bekend,
       sc.oso_swv_geregistreerd_op IS NOT NULL AS brin_geregistreerd,
       ves.vestigingscode AS vestigingscode,
       COALESCE(ves.ingesteld, false) AS aanleverpunt_ingesteld,
       EXISTS (SELECT 1 FROM systemen y WHERE y.naam = :systeem AND y.soort = 'school') AS schoolsysteem_bekend,
       EXISTS (
           SELECT 1 FROM swv_registraties r
           WHERE r.swv_code = ap.swv_code AND r.brin = :brin AND r.status = 'actief'
             AND (r.vestigingscode IS NULL
                  OR (r.vestigingscode = CAST(:vc AS varchar) AND COALESCE(ves.eigen_omgeving, false)))
       ) AS geregistreerd_bij_swv,
       EXISTS (
           SELECT 1 FROM swv_registraties r
           WHERE r.swv_code = ap.swv_code AND r.brin = :brin AND r.status = 'aangevraagd'
       ) AS registratie_aangevraagd,
       EXISTS (
           SELECT 1 FROM mandaten m
           WHERE m.brin = :brin AND m.dienst = :dienst AND m.systeem = :systeem AND m.ingetrokken_op IS NULL
       ) AS mandaat_schoolsysteem,
       EXISTS (
           SELECT 1 FROM mandaten m
           WHERE m.brin = :brin AND m.dienst = :dienst AND m.systeem = ap.swv_systeem AND m.ingetrokken_op IS NULL
       ) AS mandaat_swv_systeem
FROM (SELECT 1) AS een
LEFT JOIN ap ON true
LEFT JOIN scholen sc ON sc.brin = :brin
LEFT JOIN ves ON true
"""
_OP_ID = text(_CONTROLE_SQL.format(ap_filter="a.id = :ap_id"))
_OP_NUMMER = text(_CONTROLE_SQL.format(ap_filter="a.nummer = :ap_nummer"))


@dataclass(frozen=True)
class Feiten:
    """Everything the exchange check needs to decide, as one row."""

    aanleverpunt_id: uuid.UUID | None
    nummer: str | None
    label: str | None
    routeringskenmerk: str | None
    endpoint: str | None
    oin: str | None
    swv_code: str | None
    swv_naam: str | None
    swv_systeem: str | None
    school_bekend: bool
    brin_geregistreerd: bool
    vestigingscode: str | None
    aanleverpunt_ingesteld: bool
    schoolsysteem_bekend: bool
    geregistreerd_bij_swv: bool
    registratie_aangevraagd: bool  # the SWV registered the school outside its region; the board has not decided
    mandaat_schoolsysteem: bool
    mandaat_swv_systeem: bool


async def get_feiten(
    session: AsyncSession,
    *,
    dienst: str,
    brin4: str,
    vestigingscode: str | None,
    systeem: str,
    aanleverpunt_id: uuid.UUID | None = None,
    aanleverpunt_nummer: str | None = None,
) -> Feiten:
    """Fetch the facts for one (school, system, aanleverpunt) in one statement."""
    params: dict[str, object] = {"brin": brin4, "vc": vestigingscode, "systeem": systeem, "dienst": dienst}
    if aanleverpunt_id is not None:
        stmt, params["ap_id"] = _OP_ID, aanleverpunt_id
    else:
        stmt, params["ap_nummer"] = _OP_NUMMER, aanleverpunt_nummer
    row = (await (await single_statement_connection(session)).execute(stmt, params)).one()
    return Feiten(**row._asdict())
