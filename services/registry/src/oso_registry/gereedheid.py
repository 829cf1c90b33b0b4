"""Readiness of a (school, SWV) pair: the three setup steps, as shown to SWV and board admins."""

from __future__ import annotations

from collections.abc import Collection

from oso_registry.organisaties.models import School
from oso_registry.swv.schemas import Gereedheid

DIENST_SWV = "OSO-SWV"


def gereedheid(
    school: School | None,
    vestigingscode: str | None,
    swv_systeem: str,
    mandaten: Collection[tuple[str, str]],
    schoolsystemen: Collection[str],
    *,
    geregistreerd: bool = True,
) -> Gereedheid:
    """Steps for a registration (BRIN4: every vestiging must have its aanleverpunt; BRIN6: that one).

    ``mandaten`` are the school's active (dienst, systeem) pairs; ``schoolsystemen`` the systems of kind school.
    """
    if school is None:
        return Gereedheid(
            school_bekend=False,
            stap1_geregistreerd_bij_swv=geregistreerd,
            stap2_mandaat_schoolsysteem=False,
            stap2_mandaat_swv_systeem=False,
            stap3_brin_geregistreerd=False,
            stap3_aanleverpunt_ingesteld=False,
            ontbrekende_aanleverpunten=[],
            schoolsystemen_met_mandaat=[],
            gereed=False,
        )
    met_mandaat = sorted(s for d, s in mandaten if d == DIENST_SWV and s in schoolsystemen)
    swv_mandaat = (DIENST_SWV, swv_systeem) in mandaten
    vestigingen = [v for v in school.vestigingen if vestigingscode is None or v.vestigingscode == vestigingscode]
    ontbrekend = [v.brin + v.vestigingscode for v in vestigingen if v.aanleverpunt_ingesteld_op is None]
    brin_ok = school.oso_swv_geregistreerd_op is not None
    aanleverpunt_ok = bool(vestigingen) and not ontbrekend
    return Gereedheid(
        school_bekend=True,
        stap1_geregistreerd_bij_swv=geregistreerd,
        stap2_mandaat_schoolsysteem=bool(met_mandaat),
        stap2_mandaat_swv_systeem=swv_mandaat,
        stap3_brin_geregistreerd=brin_ok,
        stap3_aanleverpunt_ingesteld=aanleverpunt_ok,
        ontbrekende_aanleverpunten=ontbrekend,
        schoolsystemen_met_mandaat=met_mandaat,
        gereed=geregistreerd and bool(met_mandaat) and swv_mandaat and brin_ok and aanleverpunt_ok,
    )
