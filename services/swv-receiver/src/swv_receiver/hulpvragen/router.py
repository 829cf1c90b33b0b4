"""``/v1/hulpvragen``: the SWV user's work list."""

from __future__ import annotations

import uuid
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Query, Response, UploadFile

from swv_receiver.deps import PrincipalSwvDep, SessionDep, SettingsDep, SwvDep
from swv_receiver.hulpvragen import service
from swv_receiver.hulpvragen.models import HulpvraagStatus
from swv_receiver.hulpvragen.schemas import (
    BijlageUit,
    HulpvraagDetail,
    HulpvraagKort,
    HulpvraagWijziging,
    TerugkoppelingIn,
    TerugkoppelingUit,
)
from swv_receiver.problems import BijlageTeGroot

router = APIRouter(prefix="/hulpvragen", tags=["hulpvragen"])

_CHUNK = 256 * 1024


@router.get("", response_model=list[HulpvraagKort])
async def lijst_hulpvragen(
    swv: SwvDep,
    session: SessionDep,
    response: Response,
    status: HulpvraagStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[HulpvraagKort]:
    """The caller's SWV's hulpvragen, newest first; the total is in ``X-Total-Count``."""
    rows, totaal = await service.list_hulpvragen(session, swv, status, limit, offset)
    response.headers["X-Total-Count"] = str(totaal)
    return [HulpvraagKort.model_validate(h) for h in rows]


@router.get("/{hulpvraag_id}", response_model=HulpvraagDetail)
async def haal_hulpvraag(hulpvraag_id: uuid.UUID, swv: SwvDep, session: SessionDep) -> HulpvraagDetail:
    """One hulpvraag with its bijlagen and terugkoppelingen."""
    return HulpvraagDetail.model_validate(await service.get_hulpvraag(session, swv, hulpvraag_id))


@router.post("/{hulpvraag_id}/toekennen", response_model=HulpvraagDetail)
async def ken_hulpvraag_toe(
    hulpvraag_id: uuid.UUID, swv: SwvDep, principal: PrincipalSwvDep, session: SessionDep
) -> HulpvraagDetail:
    """Assign the hulpvraag to the SWV (idempotent)."""
    return HulpvraagDetail.model_validate(await service.ken_toe(session, swv, hulpvraag_id, principal.sub))


@router.patch("/{hulpvraag_id}", response_model=HulpvraagDetail)
async def wijzig_hulpvraag(
    hulpvraag_id: uuid.UUID, body: HulpvraagWijziging, swv: SwvDep, session: SessionDep
) -> HulpvraagDetail:
    """Set titel and/or omschrijving."""
    return HulpvraagDetail.model_validate(await service.wijzig(session, swv, hulpvraag_id, body))


@router.post("/{hulpvraag_id}/bijlagen", status_code=201, response_model=BijlageUit)
async def voeg_bijlage_toe(
    hulpvraag_id: uuid.UUID,
    bestand: Annotated[UploadFile, File(description="Het bestand (PDF, JPG, PNG, DOC(X), ODF, XLS(X), TXT, PPT(X)).")],
    swv: SwvDep,
    principal: PrincipalSwvDep,
    session: SessionDep,
    settings: SettingsDep,
) -> BijlageUit:
    """Attach a file to the hulpvraag."""
    delen: list[bytes] = []
    grootte = 0
    while chunk := await bestand.read(_CHUNK):
        grootte += len(chunk)
        if grootte > settings.max_bijlage_bytes:
            raise BijlageTeGroot(f"Een bijlage mag hoogstens {settings.max_bijlage_bytes} bytes zijn.")
        delen.append(chunk)
    inhoud = b"".join(delen)
    # A ZIP container may inflate to ten times the upload limit, no more (a zip bomb).
    grens = 10 * settings.max_bijlage_bytes
    bijlage = await service.add_bijlage(
        session, swv, hulpvraag_id, bestand.filename, inhoud, principal.sub, max_uitgepakt=grens
    )
    return BijlageUit.model_validate(bijlage)


@router.get("/{hulpvraag_id}/bijlagen/{bijlage_id}", response_class=Response)
async def download_bijlage(
    hulpvraag_id: uuid.UUID, bijlage_id: uuid.UUID, swv: SwvDep, session: SessionDep
) -> Response:
    """The bijlage's content."""
    bijlage = await service.get_bijlage(session, swv, hulpvraag_id, bijlage_id)
    disposition = f"attachment; filename*=UTF-8''{quote(bijlage.bestandsnaam)}"
    return Response(
        bijlage.inhoud,
        media_type=bijlage.mediatype,
        headers={"Content-Disposition": disposition, "X-Content-Type-Options": "nosniff"},
    )


@router.get("/{hulpvraag_id}/dossier", response_class=Response)
async def download_dossier(hulpvraag_id: uuid.UUID, swv: SwvDep, session: SessionDep) -> Response:
    """The OSO dossier (XML) the hulpvraag was made from."""
    xml = await service.get_dossier(session, swv, hulpvraag_id)
    return Response(xml, media_type="application/xml", headers={"X-Content-Type-Options": "nosniff"})


@router.post("/{hulpvraag_id}/terugkoppeling", status_code=202, response_model=TerugkoppelingUit)
async def koppel_terug(
    hulpvraag_id: uuid.UUID, body: TerugkoppelingIn, swv: SwvDep, principal: PrincipalSwvDep, session: SessionDep
) -> TerugkoppelingUit:
    """Queue a terugkoppeling to the school; the worker delivers it to the gateway."""
    terugkoppeling = await service.koppel_terug(session, swv, hulpvraag_id, body, principal.sub)
    return TerugkoppelingUit.model_validate(terugkoppeling)
