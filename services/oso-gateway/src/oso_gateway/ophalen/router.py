"""``POST /v1/ophalen``: the SWV system fetches a dossier with its koppelsleutel and its aanleverpunt's JWT."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from oso_gateway.deps import DatabaseDep, RegistryDep, SessionDep, SettingsDep, SwvDep
from oso_gateway.ophalen import flows
from oso_shared.contracts.notificatie import OphaalVerzoek
from oso_shared.problems import PROBLEM_JSON

router = APIRouter(prefix="/ophalen", tags=["ophalen"])

_PROBLEMS: dict[int | str, dict[str, Any]] = {
    status: {"content": {PROBLEM_JSON: {}}, "description": description}
    for status, description in (
        (401, "Token ongeldig of al gebruikt"),
        (403, "SESSIE_AFWIJKEND, UITWISSELING_NIET_TOEGESTAAN"),
        (404, "ONBEKENDE_KOPPELSLEUTEL, VERSTREKKER_NIET_BEKEND, ONBEKEND_AANLEVERPUNT"),
        (410, "SESSIE_REEDS_AFGEMELD"),
    )
}


@router.post(
    "",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/xml": {}}, "description": "Het OSO-dossier"}, **_PROBLEMS},
    summary="Haal een dossier op met de koppelsleutel",
)
async def ophalen(
    body: OphaalVerzoek,
    session: SessionDep,
    database: DatabaseDep,
    settings: SettingsDep,
    registry: RegistryDep,
    swv: SwvDep,
) -> StreamingResponse:
    """Stream the dossier XML after the checks; the fetch is recorded before the first byte goes out."""
    ophaling = await flows.ophalen(session, registry, settings, swv, body.koppelsleutel)
    chunks = flows.stream_content(database, ophaling.aflevering_id, settings.stream_chunk_bytes, ophaling.eerste_deel)
    return StreamingResponse(
        chunks,
        media_type="application/xml",
        headers={"content-length": str(ophaling.grootte), "cache-control": "no-store"},
    )
