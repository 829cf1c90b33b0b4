"""Body limit of ``/v1/leerlingimporten``: a Magister export may be 20 MB, more than the app-wide limit."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from oso_shared.app import BodyLimitMiddleware

IMPORT_PREFIX = "/v1/leerlingimporten"
# The file limit plus room for the multipart envelope and the other form fields.
IMPORT_MAX_BODY_BYTES = 20 * 1024 * 1024 + 256 * 1024


class ImportBodyLimit:
    """Applies ``max_bytes`` to requests under ``/v1/leerlingimporten`` (the app exempts that prefix)."""

    def __init__(self, app: ASGIApp, max_bytes: int = IMPORT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.limited = BodyLimitMiddleware(app, max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(IMPORT_PREFIX):
            await self.limited(scope, receive, send)
        else:
            await self.app(scope, receive, send)
