"""``POST /v1/afleveringen``: the dossier service hands over a dossier made opvraagbaar (multipart meta + XML)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.datastructures import UploadFile
from starlette.types import Message

from oso_gateway.afleveringen import flows
from oso_gateway.deps import DienstDep, RegistryDep, SessionDep, SettingsDep, TokensDep
from oso_gateway.problems import DeelOntbreekt, IdempotencyKeyOntbreekt, MetaOngeldig
from oso_shared.contracts.aflevering import AfleveringMeta, AfleveringOut
from oso_shared.problems import PayloadTooLarge, UnsupportedMediaType

router = APIRouter(prefix="/afleveringen", tags=["afleveringen"])

# Schemas of the hand-parsed multipart body; main.py adds them to the OpenAPI components.
OPENAPI_SCHEMAS: dict[str, Any] = AfleveringMeta.model_json_schema(ref_template="#/components/schemas/{model}")
OPENAPI_SCHEMAS = {**OPENAPI_SCHEMAS.pop("$defs", {}), "AfleveringMeta": OPENAPI_SCHEMAS}


async def _read_multipart(request: Request, cap: int) -> tuple[bytes, bytes]:
    """The ``meta`` and ``dossier`` parts, counting bytes as they stream in (the app-wide limit is lifted here)."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise UnsupportedMediaType("Stuur multipart/form-data met de delen meta en dossier.")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > cap:
        raise PayloadTooLarge(f"Een aflevering mag hoogstens {cap} bytes zijn.")
    seen = 0
    receive = request.receive

    async def limited() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > cap:
                raise PayloadTooLarge(f"Een aflevering mag hoogstens {cap} bytes zijn.")
        return message

    limited_request = Request(request.scope, limited)
    form = await limited_request.form(max_files=2, max_fields=2, max_part_size=cap)
    try:
        parts = []
        for name in ("meta", "dossier"):
            value = form.get(name)
            if value is None:
                raise DeelOntbreekt(f"Het deel {name!r} ontbreekt.")
            parts.append(await value.read() if isinstance(value, UploadFile) else value.encode())
        return parts[0], parts[1]
    finally:
        await form.close()


@router.post(
    "",
    status_code=201,
    response_model=AfleveringOut,
    responses={200: {"model": AfleveringOut, "description": "Herhaalde aanroep met dezelfde Idempotency-Key"}},
    summary="Neem een opvraagbaar gemaakt dossier over en notificeer het SWV",
    # The body is parsed by hand (streamed, own size cap), so describe it for the OpenAPI document here.
    openapi_extra={
        "parameters": [{"name": "Idempotency-Key", "in": "header", "required": True, "schema": {"type": "string"}}],
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["meta", "dossier"],
                        "properties": {
                            "meta": {"$ref": "#/components/schemas/AfleveringMeta"},
                            "dossier": {"type": "string", "format": "binary", "description": "Het OSO-dossier (XML)"},
                        },
                    },
                    "encoding": {
                        "meta": {"contentType": "application/json"},
                        "dossier": {"contentType": "application/xml"},
                    },
                }
            },
        },
    },
)
async def aanleveren(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    registry: RegistryDep,
    tokens: TokensDep,
    _: DienstDep,
) -> JSONResponse:
    """Multipart ``meta`` (JSON) + ``dossier`` (XML); 201 the first time, 200 with the same body on a repeat."""
    key = request.headers.get("idempotency-key", "").strip()
    if not key or len(key) > 200:
        raise IdempotencyKeyOntbreekt("Geef een Idempotency-Key (de aflevering_id) van hoogstens 200 tekens mee.")
    meta_raw, xml = await _read_multipart(request, settings.max_dossier_bytes)
    try:
        meta = AfleveringMeta.model_validate(json.loads(meta_raw))
    except (ValueError, ValidationError) as exc:
        raise MetaOngeldig("Het deel meta is geen geldige JSON volgens het contract.") from exc
    antwoord, nieuw = await flows.aanleveren(session, registry, tokens, key, meta, xml)
    return JSONResponse(antwoord.model_dump(mode="json"), status_code=201 if nieuw else 200)
