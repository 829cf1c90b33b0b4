"""Body limit for `/v1/dossiers/...` except the streamed bijlage upload, which enforces its own limits.

The shared :class:`BodyLimitMiddleware` exempts by path prefix; the upload path has the dossier id in the
middle, so the app exempts the whole ``/v1/dossiers/`` prefix there and this middleware re-applies the
limit to every path under it except the upload route.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Receive, Scope, Send

from oso_shared.app import BodyLimitMiddleware

DOSSIERS_PREFIX = "/v1/dossiers/"


class DossierBodyLimit:
    """Applies the shared body limit under ``/v1/dossiers/`` except on paths matching ``upload_pattern``."""

    def __init__(self, app: ASGIApp, max_bytes: int, upload_pattern: str) -> None:
        self.app = app
        self.limited = BodyLimitMiddleware(app, max_bytes)
        self.upload = re.compile(upload_pattern)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path = scope["path"]
            if path.startswith(DOSSIERS_PREFIX) and not self.upload.match(path):
                await self.limited(scope, receive, send)
                return
        await self.app(scope, receive, send)
