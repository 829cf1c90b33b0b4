"""``POST /v1/ophalen``: the SWV system fetches a dossier with its koppelsleutel and its aanleverpunt's JWT."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from oso_gateway.clients import RegistryClient
from oso_gateway.ophalen import service
from oso_gateway.ophalen.schemas import OphaalVerzoek
from oso_gateway.sessies.service import SwvDep
from oso_gateway.settings import Settings
from oso_shared.db import SessionDep, get_database
from oso_shared.problems import PROBLEM_JSON

router = APIRouter(prefix="/v1", tags=["ophalen"])

_PROBLEMS: dict[int | str, dict[str, Any]] = {
    status: {"content": {PROBLEM_JSON: {}}, "description": description}
    for status, description in (
        (401, "Token ongeldig of al gebruikt"),
        (403, "SESSIE_AFWIJKEND, VERSTREKKER_NIET_BEKEND, ONBEKEND_AANLEVERPUNT, UITWISSELING_NIET_TOEGESTAAN"),
        (404, "ONBEKENDE_KOPPELSLEUTEL"),
        (410, "SESSIE_REEDS_AFGEMELD"),
    )
}


@router.post(
    "/ophalen",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/xml": {}}, "description": "Het OSO-dossier"}, **_PROBLEMS},
    summary="Haal een dossier op met de koppelsleutel",
)
async def ophalen(body: OphaalVerzoek, request: Request, session: SessionDep, swv: SwvDep) -> StreamingResponse:
    """Stream the dossier XML after the checks; the fetch is recorded before the first byte goes out."""
    settings: Settings = request.app.state.settings
    registry: RegistryClient = request.app.state.registry
    ophaling = await service.ophalen(session, registry, settings, swv, body.koppelsleutel)
    chunks = service.stream_content(
        get_database(request), ophaling.aflevering_id, settings.stream_chunk_bytes, ophaling.eerste_deel
    )
    return StreamingResponse(
        chunks,
        media_type="application/xml",
        headers={"content-length": str(ophaling.grootte), "cache-control": "no-store"},
    )
