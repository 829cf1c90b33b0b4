"""HTTP API of the validation (`POST /v1/validaties`): one dossier in, the validation report out."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from oso_dossier.settings import Settings
from oso_dossier.validation import service
from oso_dossier.validation.schemas import ValidatieUit
from oso_shared.auth import PrincipalDep
from oso_shared.problems import PayloadTooLarge, UnsupportedMediaType

PATH = "/v1/validaties"
router = APIRouter(prefix=PATH, tags=["validaties"])

_XML_TYPES = ("application/xml", "text/xml")


def _settings(request: Request) -> Settings:
    settings = request.app.state.settings
    assert isinstance(settings, Settings)
    return settings


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


def _too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(f"Het dossier is groter dan de toegestane {limit} bytes.", code="DOSSIER_TE_GROOT")


@router.post(
    "",
    response_model=ValidatieUit,
    summary="Valideer een OSO-dossier",
    openapi_extra={"requestBody": {"required": True, "content": {"application/xml": {"schema": {"type": "string"}}}}},
    responses={413: {"description": "Dossier te groot"}, 415: {"description": "Geen XML"}},
)
async def valideer(request: Request, _principal: PrincipalDep) -> dict[str, Any]:
    """Validate the XML body like the official validation (XSD + PaO business rules)."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in _XML_TYPES and not media_type.endswith("+xml"):
        raise UnsupportedMediaType("Stuur het dossier als application/xml.", code="GEEN_XML")
    settings = _settings(request)
    body = await _read_capped(request, settings.validatie_max_body_bytes)
    return await service.valideer(body, settings)
