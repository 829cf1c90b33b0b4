"""Demo data for `make run`: leerlingen at 99AA, 99AB and 99BA and one draft VO-SWV dossier (idempotent)."""

from __future__ import annotations

import uuid

from sqlalchemy.dialects.postgresql import insert

from oso_dev.demo import world as demo
from oso_dev.demo.dossier_data import SCHOOL_GEGEVENS, leerlingen
from oso_dossier.crypto import PgnVersleuteling
from oso_dossier.dossiers.models import Dossier, Gebeurtenis, Status
from oso_dossier.dossiers.schemas import Categorieen
from oso_dossier.leerlingen.models import Leerling
from oso_dossier.settings import Settings
from oso_shared.db import Database

DEMO_NS = uuid.UUID("6f1c9a52-0d7e-4d7e-9a35-4f1f0d5d0a11")


def leerling_id(leerlingnummer: str) -> uuid.UUID:
    """Stable id of a demo leerling, so every load yields the same ids."""
    return uuid.uuid5(DEMO_NS, f"leerling:{leerlingnummer}")


async def load(url: str) -> None:
    """Insert the demo leerlingen and a draft dossier unless they already exist."""
    settings = Settings()
    crypto = PgnVersleuteling(settings.pgn_sleutels)
    db = Database(url, pool_size=1, max_overflow=0)
    try:
        async with db.transaction() as session:
            for d in leerlingen():
                await session.execute(
                    insert(Leerling)
                    .values(
                        id=leerling_id(d.leerlingnummer),
                        brin=d.brin,
                        vestigingscode=d.vestigingscode,
                        leerlingnummer=d.leerlingnummer,
                        bsn_versleuteld=crypto.versleutel(d.bsn) if d.bsn else None,
                        gegevens=d.gegevens.model_dump(mode="json", exclude_none=True),
                    )
                    .on_conflict_do_nothing()
                )
            eerste = leerlingen()[0]
            swv = demo.SWV_RIJNMOND
            dossier_id = uuid.uuid5(DEMO_NS, "dossier:1")
            nieuw = await session.execute(
                insert(Dossier)
                .values(
                    id=dossier_id,
                    leerling_id=leerling_id(eerste.leerlingnummer),
                    brin=eerste.brin,
                    vestigingscode=eerste.vestigingscode,
                    status=Status.CONCEPT.value,
                    school={
                        **SCHOOL_GEGEVENS[eerste.brin],
                        "brin": eerste.brin,
                        "vestigingscode": eerste.vestigingscode,
                        "aanleverpunt": "0",
                    },
                    aanleverpunt={
                        "id": swv.aanleverpunt_id,
                        "nummer": swv.aanleverpunt_nummer,
                        "label": swv.aanleverpunt_label,
                        "swv": {"code": swv.code, "naam": swv.naam},
                    },
                    opties={"contactnodig": True, "contactpersoon": "Mevr. J. de Wit (mentor)"},
                    categorieen=Categorieen().model_dump(),
                    aangemaakt_door="demo",
                )
                .on_conflict_do_nothing()
                .returning(Dossier.id)
            )
            if nieuw.scalar_one_or_none() is not None:
                session.add(Gebeurtenis(dossier_id=dossier_id, soort=Status.CONCEPT.value, door="demo"))
    finally:
        await db.dispose()
