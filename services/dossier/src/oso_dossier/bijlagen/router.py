"""HTTP API of bijlagen: raw streamed upload (`Content-Disposition` carries the name), list, delete."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Annotated
from urllib.parse import quote, unquote

from fastapi import APIRouter, Header, Request, Response, status
from fastapi.responses import StreamingResponse

from oso_dossier.bijlagen import repository, service
from oso_dossier.bijlagen.inpakken import LEES_BLOK
from oso_dossier.bijlagen.schemas import BijlageUit
from oso_dossier.deps import DatabaseDep, SessionDep, SettingsDep, ZorgcoordinatorDep
from oso_shared.tekst import controleer_xml_tekst

router = APIRouter(prefix="/dossiers/{dossier_id}/bijlagen", tags=["bijlagen"])

# The upload route does its own streaming limit; main.py exempts exactly this path from the app body limit.
UPLOAD_PATH_PATTERN = r"^/v1/dossiers/[^/]+/bijlagen/?$"


def bestandsnaam_uit_header(header: str | None) -> str | None:
    """File name from ``Content-Disposition`` (``filename*=UTF-8''...`` wins over ``filename="..."``)."""
    if not header:
        return None
    plain: str | None = None
    for deel in header.split(";")[1:]:
        key, _, value = deel.strip().partition("=")
        key = key.strip().lower()
        value = value.strip()
        if key == "filename*":
            charset, _, rest = value.partition("'")
            _, _, encoded = rest.partition("'")
            return unquote(encoded, encoding=charset or "utf-8", errors="strict")
        if key == "filename":
            plain = value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value
    return plain


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=BijlageUit,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def upload(
    request: Request,
    session: SessionDep,
    principal: ZorgcoordinatorDep,
    settings: SettingsDep,
    dossier_id: uuid.UUID,
    content_disposition: Annotated[str | None, Header(description="attachment; filename*=UTF-8''<naam>")] = None,
    content_description: Annotated[str | None, Header(description="Omschrijving (percent-encoded UTF-8)")] = None,
    content_length: Annotated[int | None, Header()] = None,
) -> BijlageUit:
    """Add a bijlage to a draft dossier; the body is the file itself, streamed."""
    omschrijving = controleer_xml_tekst(unquote(content_description), "omschrijving") if content_description else None
    bijlage = await service.upload(
        session,
        principal,
        dossier_id,
        bestandsnaam=bestandsnaam_uit_header(content_disposition),
        omschrijving=omschrijving,
        lengte=content_length,
        stroom=request.stream(),
        settings=settings,
    )
    return BijlageUit.model_validate(bijlage)


@router.get("", response_model=list[BijlageUit])
async def lijst(session: SessionDep, principal: ZorgcoordinatorDep, dossier_id: uuid.UUID) -> list[BijlageUit]:
    """Bijlagen of a dossier."""
    return [BijlageUit.model_validate(b) for b in await service.lijst(session, principal, dossier_id)]


@router.delete("/{bijlage_id}", status_code=status.HTTP_204_NO_CONTENT)
async def verwijder(
    session: SessionDep, principal: ZorgcoordinatorDep, dossier_id: uuid.UUID, bijlage_id: uuid.UUID
) -> Response:
    """Remove a bijlage from a draft dossier."""
    await service.verwijder(session, principal, dossier_id, bijlage_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{bijlage_id}/inhoud",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
async def inhoud(
    session: SessionDep, db: DatabaseDep, principal: ZorgcoordinatorDep, dossier_id: uuid.UUID, bijlage_id: uuid.UUID
) -> StreamingResponse:
    """The bijlage itself, streamed from the database in blocks."""
    bijlage = await service.haal(session, principal, dossier_id, bijlage_id)
    oid = bijlage.lo_oid

    async def blokken() -> AsyncIterator[bytes]:
        # The request transaction has ended by now; read in a short transaction of our own.
        async with db.transaction() as lees:
            offset = 0
            while data := await repository.lo_get(lees, oid, offset, LEES_BLOK):
                offset += len(data)
                yield data

    return StreamingResponse(
        blokken(),
        media_type=bijlage.mediatype,
        headers={
            "content-length": str(bijlage.grootte),
            "content-disposition": f"attachment; filename*=UTF-8''{quote(bijlage.bestandsnaam)}",
        },
    )
