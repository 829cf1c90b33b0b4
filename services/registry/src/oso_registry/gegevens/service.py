"""Reading an ``oso-registry/1`` file (errors with line and field) and exporting the register in that format.

The import itself, which checks a whole file and then applies it, is the flow in ``gegevens.flows``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from oso_registry.gegevens import repository, schemas
from oso_registry.gegevens.locatie import pad_tekst, regel_van
from oso_registry.problems import ImportOngeldig

Pad = tuple[str | int, ...]

VESTIGING_VELDEN = (
    "naam",
    "eigen_omgeving",
    "aanleverpuntnummer",
    "aanleverpunt_ingesteld",
    "straat",
    "huisnummer",
    "postcode",
    "plaats",
    "telefoon",
    "email",
)


@dataclass
class Fout:
    """One problem in an import file."""

    pad: Pad
    melding: str
    regel: int | None = None

    def als_dict(self) -> dict[str, Any]:
        """For problem+json and the CLI."""
        return {"regel": self.regel, "veld": pad_tekst(self.pad), "melding": self.melding}

    def __str__(self) -> str:
        waar = f"regel {self.regel}, " if self.regel is not None else ""
        return f"{waar}{pad_tekst(self.pad) or '(bestand)'}: {self.melding}"


@dataclass
class Samenvatting:
    """What an import changed."""

    gewijzigd: dict[str, int] = field(default_factory=dict)

    def tel(self, soort: str) -> None:
        """Count one changed object of ``soort``."""
        self.gewijzigd[soort] = self.gewijzigd.get(soort, 0) + 1


def ongeldig(fouten: Sequence[Fout], tekst: str | None) -> ImportOngeldig:
    """The 422 for these errors, each with its line in ``tekst`` when that is known."""
    for f in fouten:
        if tekst is not None and f.regel is None and f.pad:
            f.regel = regel_van(tekst, f.pad)
    return ImportOngeldig(
        f"Het bestand bevat {len(fouten)} fout(en); er is niets ingelezen.",
        fouten=[f.als_dict() for f in fouten],
    )


def lees_bestand(tekst: str) -> schemas.RegistryData:
    """Parse and validate the JSON text; 422 ``IMPORT_ONGELDIG`` with line and field per error."""
    try:
        ruw = json.loads(tekst)
    except json.JSONDecodeError as exc:
        raise ongeldig([Fout((), f"geen geldige JSON: {exc.msg} (kolom {exc.colno})", exc.lineno)], None) from exc
    try:
        return schemas.RegistryData.model_validate(ruw)
    except ValidationError as exc:
        fouten = [Fout(tuple(e["loc"]), e["msg"]) for e in exc.errors()]
        raise ongeldig(fouten, tekst) from exc


async def exporteer(session: AsyncSession) -> schemas.RegistryData:
    """The whole register (active mandates only) in the import format, so export → import round-trips."""
    register = await repository.get_register(session)
    return schemas.RegistryData(
        systemen=[schemas.SysteemData(naam=s.naam, soort=s.soort) for s in register.systemen],
        besturen=[
            schemas.BestuurData(
                nummer=b.nummer,
                naam=b.naam,
                scholen=[
                    schemas.SchoolData(
                        brin=s.brin,
                        naam=s.naam,
                        oso_swv_geregistreerd=s.oso_swv_geregistreerd_op is not None,
                        vestigingen=[
                            schemas.VestigingData(
                                vestigingscode=v.vestigingscode,
                                **{k: getattr(v, k) for k in VESTIGING_VELDEN if k != "aanleverpunt_ingesteld"},
                                aanleverpunt_ingesteld=v.aanleverpunt_ingesteld_op is not None,
                            )
                            for v in s.vestigingen
                        ],
                        mandaten=[
                            schemas.MandaatData(dienst=m.dienst, systeem=m.systeem)
                            for m in register.mandaten
                            if m.brin == s.brin
                        ],
                    )
                    for s in b.scholen
                ],
            )
            for b in register.besturen
        ],
        samenwerkingsverbanden=[
            schemas.SwvData(
                code=w.code,
                naam=w.naam,
                systeem=w.systeem,
                regio=list(w.regio),
                aanleverpunten=[
                    schemas.AanleverpuntData(
                        id=a.id,
                        nummer=a.nummer,
                        label=a.label,
                        endpoint=a.endpoint,
                        oin=a.oin,
                        publieke_sleutel=a.publieke_sleutel,
                    )
                    for a in w.aanleverpunten
                ],
                registraties=[
                    r.brin + (r.vestigingscode or "")
                    for r in register.registraties
                    if r.swv_code == w.code and r.status == "actief"
                ],
            )
            for w in register.swvs
        ],
    )
