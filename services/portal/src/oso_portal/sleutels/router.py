"""``GET /.well-known/jwks.json``: the public token keys (JWKS) the portal's tokens are verified with.

The services do not fetch it (each is configured with ``OSO_VERIFICATIE_SLEUTELS``, so none depends on the
portal being up); it is what an operator or an outside verifier compares that setting with.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from oso_portal.deps import TokensDep

router = APIRouter(prefix="/.well-known", tags=["sleutels"])


@router.get("/jwks.json")
async def jwks(tokens: TokensDep) -> dict[str, Any]:
    """Every public key this deployment verifies tokens with (rotation keeps old and new side by side)."""
    return tokens.sleutels.jwks()
