"""HTTP API of leerlingimporten (``/v1/leerlingimporten``) and the inrichting (``/v1/inrichtingen``)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import asdict
from typing import Annotated, BinaryIO, Literal

from fastapi import APIRouter, File, Form, Query, Response, UploadFile, status

from oso_dossier.deps import LezerDep, RegistryDep, SchoolbeheerderDep, SessionDep
from oso_dossier.leerlingimporten import export, flows, service
from oso_dossier.leerlingimporten.parsing import Soort, Tekenset
from oso_dossier.leerlingimporten.schemas import (
    InrichtingVerwijderd,
    LeerlingImportSamenvatting,
    LeerlingImportUit,
    LeerlingInrichting,
    Logregel,
)
from oso_shared.tekst import XmlTekst

router = APIRouter(prefix="/leerlingimporten", tags=["leerlingimporten"])
# Body limit of this router's routes (main.py): the file limit plus room for the multipart envelope and the fields.
IMPORT_MAX_BODY_BYTES = 20 * 1024 * 1024 + 256 * 1024
inrichtingen_router = APIRouter(prefix="/inrichtingen", tags=["leerlingimporten"])
leerling_router = APIRouter(prefix="/leerlingen", tags=["leerlingimporten"])

CHUNK = 64 * 1024
SoortParam = Literal["leerlingen", "groepen", "koppel"]


def chunks(bestand: BinaryIO) -> Iterator[bytes]:
    """The upload in 64 KiB pieces (Starlette spools it to disk above 1 MB: memory stays bounded)."""
    while chunk := bestand.read(CHUNK):
        yield chunk


@router.post("", status_code=status.HTTP_201_CREATED, response_model=LeerlingImportUit)
async def importeer(
    session: SessionDep,
    principal: SchoolbeheerderDep,
    registry: RegistryDep,
    bestand: Annotated[UploadFile, File(description="Magister-export: CSV (;) of tekst (tab)")],
    soort: Annotated[SoortParam, Form()],
    schooljaar: Annotated[XmlTekst, Form(examples=["2026-2027"])],
    vestigingscode: Annotated[XmlTekst, Form(examples=["00"])],
    tekenset: Annotated[Literal["utf-8", "windows-1252", "iso-8859-1"], Form()] = "utf-8",
    modus: Annotated[Literal["testen", "inlezen"], Form()] = "testen",
) -> LeerlingImportUit:
    """Test (nothing written) or read in (all or nothing) one Magister export for one vestiging and schooljaar."""
    assert principal.school is not None
    opdracht = flows.Opdracht(
        brin=principal.school,
        soort=Soort(soort),
        schooljaar=service.controleer_schooljaar(schooljaar),
        vestigingscode=vestigingscode,
        tekenset=Tekenset(tekenset),
        modus=flows.Modus(modus),
    )
    vestigingen = await service.vestigingen(registry, principal.school, vestigingscode)
    uitkomst = await flows.importeer(session, principal, opdracht, chunks(bestand.file), vestigingen)
    return service.uit(uitkomst.leerlingimport, [Logregel(**asdict(m)) for m in uitkomst.log])


@router.get("", response_model=list[LeerlingImportSamenvatting])
async def lijst(
    session: SessionDep, principal: LezerDep, soort: Annotated[SoortParam | None, Query()] = None
) -> list[LeerlingImportSamenvatting]:
    """The school's earlier imports (tests included), newest first."""
    return await service.lijst(session, principal, soort)


@router.get("/{import_id}", response_model=LeerlingImportUit)
async def haal(session: SessionDep, principal: LezerDep, import_id: uuid.UUID) -> LeerlingImportUit:
    """One import with its full log."""
    return await service.haal(session, principal, import_id)


@inrichtingen_router.get(
    "/{schooljaar}/export",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "CSV (;) in the import layout of `soort`"}},
)
async def exporteer(
    session: SessionDep,
    principal: LezerDep,
    schooljaar: str,
    soort: Annotated[SoortParam, Query()],
    vestigingscode: Annotated[str, Query(pattern=r"^[0-9]{2}$")],
    tekenset: Annotated[Literal["utf-8", "windows-1252"], Query()] = "utf-8",
) -> Response:
    """The current inrichting of one vestiging and schooljaar in the import layout, to edit and re-import."""
    assert principal.school is not None
    rijen = await export.rijen(
        session,
        Soort(soort),
        brin=principal.school,
        schooljaar=service.controleer_schooljaar(schooljaar),
        vestigingscode=vestigingscode,
    )
    codec = "cp1252" if tekenset == "windows-1252" else "utf-8"
    inhoud = export.csv_tekst(rijen).encode(codec, errors="replace")
    naam = f"{soort}-{schooljaar}-{vestigingscode}.csv"
    return Response(
        inhoud,
        media_type=f"text/csv; charset={tekenset}",
        headers={"content-disposition": f'attachment; filename="{naam}"'},
    )


@inrichtingen_router.delete("/{schooljaar}", response_model=InrichtingVerwijderd)
async def verwijder(
    session: SessionDep,
    principal: SchoolbeheerderDep,
    schooljaar: str,
    vestigingscode: Annotated[str | None, Query(pattern=r"^[0-9]{2}$")] = None,
) -> InrichtingVerwijderd:
    """Inrichting verwijderen: the links of one schooljaar (optionally one vestiging); never leerlingen or dossiers."""
    return await service.verwijder_inrichting(session, principal, schooljaar, vestigingscode)


@leerling_router.get("/{leerling_id}/inrichting", response_model=LeerlingInrichting)
async def leerling_inrichting(session: SessionDep, principal: LezerDep, leerling_id: uuid.UUID) -> LeerlingInrichting:
    """What the imports say about one pupil: inschrijvingen, mentors (contactpersoon options), groepen, verzorgers."""
    return await service.inrichting(session, principal, leerling_id)
