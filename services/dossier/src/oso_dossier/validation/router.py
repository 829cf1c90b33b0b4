"""HTTP API of the validation (`POST /v1/validaties`): one dossier in, the validation report out."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from oso_dossier.deps import SettingsDep
from oso_dossier.problems import DossierTeGroot, GeenXml
from oso_dossier.validation import service
from oso_dossier.validation.schemas import ValidatieUit
from oso_shared.auth import PrincipalDep

router = APIRouter(prefix="/validaties", tags=["validaties"])
# The full path, which main.py exempts from the app body limit (this route streams with its own cap).
PATH = "/v1/validaties"

_XML_TYPES = ("application/xml", "text/xml")


async def _read_capped(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it passes ``limit`` (also without Content-Length)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    seen = 0
    async for chunk in request.stream():
        seen += len(chunk)
        if seen > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> DossierTeGroot:
    return DossierTeGroot(f"Het dossier is groter dan de toegestane {limit} bytes.")


@router.post(
    "",
    response_model=ValidatieUit,
    summary="Valideer een OSO-dossier",
    openapi_extra={"requestBody": {"required": True, "content": {"application/xml": {"schema": {"type": "string"}}}}},
    responses={413: {"description": "Dossier te groot"}, 415: {"description": "Geen XML"}},
)
async def valideer(request: Request, _principal: PrincipalDep, settings: SettingsDep) -> dict[str, Any]:
    """Validate the XML body like the official validation (XSD + PaO business rules)."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in _XML_TYPES and not media_type.endswith("+xml"):
        raise GeenXml("Stuur het dossier als application/xml.")
    body = await _read_capped(request, settings.validatie_max_body_bytes)
    return await service.valideer(body, settings)
