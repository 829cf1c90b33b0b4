"""``POST /v1/terugkoppelingen``: feedback from the SWV system (its aanleverpunt's JWT, Idempotency-Key)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from oso_gateway.deps import SessionDep, SwvDep
from oso_gateway.problems import IdempotencyKeyOntbreekt
from oso_gateway.terugkoppelingen import flows
from oso_shared.contracts.notificatie import TerugkoppelingIn, TerugkoppelingOut

router = APIRouter(prefix="/terugkoppelingen", tags=["terugkoppelingen"])


@router.post(
    "",
    status_code=201,
    response_model=TerugkoppelingOut,
    responses={200: {"model": TerugkoppelingOut, "description": "Herhaalde aanroep met dezelfde Idempotency-Key"}},
    summary="Ontvang een terugkoppeling van het SWV",
)
async def terugkoppelen(body: TerugkoppelingIn, request: Request, session: SessionDep, swv: SwvDep) -> JSONResponse:
    """201 the first time, 200 with the same body on a repeat; forwarded to the dossier service."""
    key = request.headers.get("idempotency-key", "").strip()
    if not key or len(key) > 200:
        raise IdempotencyKeyOntbreekt("Geef een Idempotency-Key van hoogstens 200 tekens mee.")
    antwoord, nieuw = await flows.ontvangen(session, swv, key, body)
    return JSONResponse(antwoord.model_dump(mode="json"), status_code=201 if nieuw else 200)
