"""What a zorgcoördinator chooses from for a new VO-SWV dossier, and the school snapshot taken from the registry."""

from __future__ import annotations

from typing import Any

from oso_dossier.clients.registry import RegistryClient, School
from oso_dossier.dossiers.schemas import Categoriekeuze, Keuzes, Vestigingkeuze
from oso_shared.auth import Principal
from oso_shared.contracts.categorieen import CATEGORIE_LABELS

WAARSCHUWING_VO_SWV = (
    "Een VO-SWV-dossier wordt na opvraagbaar maken direct naar het samenwerkingsverband gestuurd "
    "en kan daarna niet meer worden verwijderd of gewijzigd."
)


def school_snapshot(school: School, vestigingscode: str) -> dict[str, Any] | None:
    """The huidigeschool data of one vestiging from the registry's school document (None: not this school's)."""
    vestiging = next((v for v in school.vestigingen if v.vestigingscode == vestigingscode), None)
    if vestiging is None:
        return None
    adres = None
    bron = vestiging.adres
    if bron is not None and bron.straat and bron.huisnummer and bron.postcode and bron.plaats:
        adres = {
            "straat": bron.straat[:24],
            "nummer": bron.huisnummer,
            "postcode": bron.postcode.replace(" ", ""),
            "plaats": bron.plaats,
        }
    return {
        "naam": vestiging.naam or school.naam,
        "brin": school.brin[:4],
        "vestigingscode": vestigingscode,
        "aanleverpunt": str(vestiging.aanleverpuntnummer),
        "adres": adres,
        "telefoon": vestiging.telefoon,
        "email": vestiging.email,
    }


async def keuzes(principal: Principal, registry: RegistryClient) -> Keuzes:
    """Vestigingen of the caller's school and the SWV aanleverpunten (ending in 500) it may choose from."""
    assert principal.school is not None
    school = await registry.school(principal.school)
    punten = await registry.aanleverpunten(principal.school)
    return Keuzes(
        vestigingen=[
            Vestigingkeuze(vestigingscode=v.vestigingscode, naam=str(v.naam or school.naam)) for v in school.vestigingen
        ],
        aanleverpunten=punten,
        optionele_categorieen=[Categoriekeuze(naam=k, label=v) for k, v in CATEGORIE_LABELS.items()],
        waarschuwing=WAARSCHUWING_VO_SWV,
    )
