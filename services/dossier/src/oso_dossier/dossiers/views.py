"""How a dossier looks in the API: the view of one dossier, its exchange sentence and its warnings."""

from __future__ import annotations

from collections.abc import Sequence

from oso_dossier.bijlagen.models import Bijlage
from oso_dossier.bijlagen.schemas import BijlageUit
from oso_dossier.dossiers.models import Dossier, Status
from oso_dossier.dossiers.oso_xml import categorie_waarden
from oso_dossier.dossiers.schemas import (
    MELDING_VERSTUURD,
    MELDING_WORDT_VERSTUURD,
    Categorieen,
    DossierUit,
    Opties,
    Validatie,
)


def melding(status: str) -> str | None:
    """The user-facing sentence for the exchange state."""
    if status == Status.OPVRAAGBAAR:
        return MELDING_WORDT_VERSTUURD
    if status in (Status.NOTIFICATIE_VERZONDEN, Status.OPGEHAALD, Status.TERUGGEKOPPELD):
        return MELDING_VERSTUURD
    return None


def waarschuwingen(dossier: Dossier, bijlagen: Sequence[Bijlage]) -> list[str]:
    """Choices that leave data the zorgcoördinator entered out of the dossier."""
    keuzes = Categorieen.model_validate(dossier.categorieen or {})
    result = []
    if not keuzes.cat_overstapadvies and any(v not in (None, "") for v in (dossier.opties or {}).values()):
        result.append(
            "Contact nodig, contactpersoon en aandachtspunten gaan niet mee: "
            "de categorie overstapadvies staat op OPT-UIT."
        )
    if not keuzes.cat_bijlagedocs and bijlagen:
        result.append("De bijlagen gaan niet mee: de categorie bijlagen staat op OPT-UIT.")
    return result


def dossier_uit(dossier: Dossier, bijlagen: Sequence[Bijlage], actueel: bool | None) -> DossierUit:
    """The API view of a dossier with its bijlagen; ``actueel`` says whether its XML still matches the data."""
    return DossierUit(
        id=dossier.id,
        leerling_id=dossier.leerling_id,
        brin=dossier.brin,
        vestigingscode=dossier.vestigingscode,
        status=dossier.status,
        melding=melding(dossier.status),
        school=dossier.school,
        aanleverpunt=dossier.aanleverpunt,
        opties=Opties.model_validate(dossier.opties or {}),
        categorieen=categorie_waarden(dossier.categorieen or {}),
        vorige_dossier_id=dossier.vorige_dossier_id,
        voltooid_op=dossier.voltooid_op,
        gegenereerd_op=dossier.gegenereerd_op,
        xml_grootte=dossier.xml_grootte,
        xml_sha256=dossier.xml_sha256,
        actueel=actueel,
        validatie=Validatie.model_validate(dossier.validatie) if dossier.validatie else None,
        aflevering_id=dossier.aflevering_id,
        mislukt_reden=dossier.mislukt_reden,
        terugkoppeling=dossier.terugkoppeling,
        bijlagen=[BijlageUit.model_validate(b) for b in bijlagen],
        waarschuwingen=waarschuwingen(dossier, bijlagen),
        aangemaakt_op=dossier.aangemaakt_op,
        gewijzigd_op=dossier.gewijzigd_op,
        opgeschoond_op=dossier.opgeschoond_op,
    )
