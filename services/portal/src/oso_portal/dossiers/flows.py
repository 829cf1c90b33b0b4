"""Multi-step use cases of the dossier pages: loading a tab, saving (and completing) a draft, a correction."""

from __future__ import annotations

import uuid

from oso_portal.accounts.service import Aangemeld
from oso_portal.clients.dossier import Dossier, DossierClient, DossierIn, DossierWijziging
from oso_portal.dossiers.service import DossierPagina


async def laad(dossierdienst: DossierClient, gebruiker: Aangemeld, dossier_id: uuid.UUID) -> DossierPagina:
    """The dossier, its timeline and its leerling."""
    dossier = await dossierdienst.dossier(gebruiker, dossier_id)
    gebeurtenissen = await dossierdienst.tijdlijn(gebruiker, dossier_id)
    leerling = await dossierdienst.leerling(gebruiker, dossier.leerling_id)
    return DossierPagina(dossier, gebeurtenissen, leerling)


async def sla_op(
    dossierdienst: DossierClient,
    gebruiker: Aangemeld,
    dossier_id: uuid.UUID,
    wijziging: DossierWijziging,
    *,
    voltooien: bool,
) -> None:
    """Save the optional parts and opt-outs; with ``voltooien`` also complete (and so generate) the dossier."""
    await dossierdienst.wijzig(gebruiker, dossier_id, wijziging)
    if voltooien:
        await dossierdienst.actie(gebruiker, dossier_id, "voltooien")


async def maak_correctie(dossierdienst: DossierClient, gebruiker: Aangemeld, vorig: Dossier) -> Dossier:
    """A correction of an opvraagbaar dossier: a new dossier for the same leerling, school and SWV, referring back."""
    return await dossierdienst.maak(
        gebruiker,
        DossierIn(
            leerling_id=vorig.leerling_id,
            vestigingscode=vorig.vestigingscode,
            aanleverpunt_id=str((vorig.aanleverpunt or {}).get("id")),
            vorige_dossier_id=vorig.id,
        ),
    )
