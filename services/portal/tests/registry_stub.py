"""Registry answers the bestuur and SWV page tests share."""

from __future__ import annotations


def gereed(*, schoolsystemen: list[str] | None = None) -> dict[str, object]:
    """The readiness of a school that has every step done (the registry's ``stappen``/``gereedheid``)."""
    return {
        "school_bekend": True,
        "stap1_geregistreerd_bij_swv": True,
        "stap2_mandaat_schoolsysteem": True,
        "stap2_mandaat_swv_systeem": True,
        "stap3_brin_geregistreerd": True,
        "stap3_aanleverpunt_ingesteld": True,
        "ontbrekende_aanleverpunten": [],
        "schoolsystemen_met_mandaat": schoolsystemen or [],
        "gereed": True,
    }
