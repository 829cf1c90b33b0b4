"""The app factory every service uses: problem+json, logging, body limit, health, metrics, OpenAPI."""

from __future__ import annotations

import hmac
import importlib
import re
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, TypeVar

import uvicorn
from fastapi import APIRouter, FastAPI, Request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from oso_shared.auth import TokenService
from oso_shared.db import Database
from oso_shared.health import router as health_router
from oso_shared.logs import RequestLogMiddleware, configure_logging
from oso_shared.problems import PayloadTooLarge, Unauthorized, install_problem_handlers, problem_response
from oso_shared.process import freeze_startup_heap
from oso_shared.settings import ServiceSettings, fail_closed, refuse_to_start, require_secrets
from oso_shared.tokensleutels import SleutelFout

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]
T = TypeVar("T")


def state_dependency(name: str, kind: type[T]) -> Callable[[Request], T]:
    """A ``Depends`` getter for ``app.state.<name>`` (checked to be a ``kind``), for a service's ``deps.py``.

    ``main.py`` puts the app's long-lived objects (settings, clients) on ``app.state``; routes get them through
    typed getters made here, so nothing else reads ``app.state``.
    """

    def get(request: Request) -> T:
        value = getattr(request.app.state, name)
        if not isinstance(value, kind):
            raise TypeError(f"app.state.{name} is no {kind.__name__}")
        return value

    get.__name__ = f"get_{name}"
    get.__doc__ = f"The app's {name} (``app.state.{name}``)."
    return get


class BodyLimitMiddleware:
    """Rejects bodies over ``max_bytes`` with 413 problem+json, also when streamed without Content-Length.

    Paths in ``exempt`` (prefixes) do their own streaming limit, e.g. bijlage uploads. ``limits`` are
    ``(path regex, max bytes)`` pairs, the first match wins; ``None`` means the route enforces its own limit.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        exempt: Sequence[str] = (),
        limits: Sequence[tuple[str, int | None]] = (),
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.exempt = tuple(exempt)
        self.limits = tuple((re.compile(pattern), limit) for pattern, limit in limits)

    def _limit(self, path: str) -> int | None:
        if self.exempt and path.startswith(self.exempt):
            return None
        for pattern, limit in self.limits:
            if pattern.match(path):
                return limit
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        max_bytes = self._limit(scope["path"]) if scope["type"] == "http" else None
        if max_bytes is None:
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > max_bytes:
                await self._reject(scope, receive, send, max_bytes)
                return
        seen = 0
        started = False
        rejected = False

        async def limited_receive() -> Message:
            nonlocal seen, rejected
            if rejected:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > max_bytes:
                    # Answer 413 now and let the app see a disconnect: raising here would be turned into a 400
                    # by the framework's body parser.
                    rejected = True
                    if not started:
                        await self._reject(scope, receive, send, max_bytes)
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if rejected:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except Exception:
            if not rejected:
                raise

    async def _reject(self, scope: Scope, receive: Receive, send: Send, max_bytes: int) -> None:
        detail = f"De aanvraag is groter dan de toegestane {max_bytes} bytes."
        response = problem_response(PayloadTooLarge(detail))
        await response(scope, receive, send)


class Metrics:
    """Per-app Prometheus registry with request count and latency by route template."""

    def __init__(self, service: str) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "http_requests_total", "HTTP requests", ["route", "method", "status"], registry=self.registry
        )
        self.latency = Histogram(
            "http_request_duration_seconds", "HTTP request latency", ["route"], registry=self.registry
        )
        self.service = service

    def observe(self, route: str, method: str, status: int, seconds: float) -> None:
        """Record one finished request."""
        self.requests.labels(route, method, str(status)).inc()
        self.latency.labels(route).observe(seconds)

    def render(self) -> Response:
        """The registry in the Prometheus text format."""
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)


def scrape_allowed(authorization: str, token: str | None) -> bool:
    """Whether an ``Authorization`` header value carries the scrape token (constant-time comparison).

    No token configured means open, which :func:`~oso_shared.settings.require_secrets` allows only in
    development.
    """
    if token is None:
        return True
    scheme, _, given = authorization.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def scrape_token(settings: ServiceSettings) -> str | None:
    """The configured ``OSO_METRICS_TOKEN`` (None: open, development only)."""
    return settings.metrics_token.get_secret_value() if settings.metrics_token else None


def create_app(
    *,
    title: str,
    service: str,
    settings: ServiceSettings,
    routers: Sequence[APIRouter],
    version: str = "0.1.0",
    description: str = "",
    database: Database | None = None,
    lifespan: Lifespan | None = None,
    body_limit_exempt: Sequence[str] = (),
    body_limits: Sequence[tuple[str, int | None]] = (),
    configure_logs: bool = True,
    **fastapi_kwargs: Any,
) -> FastAPI:
    """Build a FastAPI app with the project's cross-cutting pieces installed.

    Fails closed: raises :class:`~oso_shared.settings.OnveiligeInstelling` when a secret is missing or a
    development value outside development (``serve`` turns that into one log line and a non-zero exit).
    """
    require_secrets(settings)
    if configure_logs:
        configure_logging(settings.log_level, settings.log_json, service)
    # Before anything else: a service without usable token keys must not start (SleutelFout names the setting).
    tokens = TokenService.from_settings(settings, service)
    owns_db = database is None
    db = database or Database(
        settings.resolved_database_url(),
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
    )

    @asynccontextmanager
    async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            if lifespan is not None:
                async with lifespan(app):
                    freeze_startup_heap()
                    yield
            else:
                freeze_startup_heap()
                yield
        finally:
            if owns_db:
                await db.dispose()

    app = FastAPI(
        title=title,
        version=version,
        description=description,
        lifespan=_lifespan,
        openapi_url="/v1/openapi.json",
        docs_url="/v1/docs",
        redoc_url=None,
        **fastapi_kwargs,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.tokens = tokens
    metrics = Metrics(service)
    app.state.metrics = metrics
    install_problem_handlers(app)
    app.include_router(health_router)
    for router in routers:
        app.include_router(router)

    token = scrape_token(settings)

    @app.get("/metrics", include_in_schema=False)
    async def metrics_endpoint(request: Request) -> Response:
        if not scrape_allowed(request.headers.get("authorization", ""), token):
            raise Unauthorized("De metrics vragen het scrape-token (OSO_METRICS_TOKEN) als bearer-token.")
        return metrics.render()

    app.add_middleware(
        BodyLimitMiddleware, max_bytes=settings.max_body_bytes, exempt=body_limit_exempt, limits=body_limits
    )
    app.add_middleware(RequestLogMiddleware, observe=metrics.observe)
    return app


def serve(factory: str, settings: ServiceSettings) -> None:
    """Serve the app factory ``"<pkg>.main:create_app"`` with uvicorn on the settings' host and port.

    The one body behind every ``python -m <pkg>``: no access log (our middleware logs requests without PII) and
    no proxy headers (the services sit behind their own ingress, which terminates TLS). A missing or
    development secret outside development ends the process here with one log line (exit 78).
    """
    process = factory.split(".", maxsplit=1)[0]
    configure_logging(settings.log_level, settings.log_json, process)
    fail_closed(settings, process)
    module, _, name = factory.partition(":")
    try:
        # Built here rather than by uvicorn: a token key that cannot be used is one log line, not a traceback.
        application = getattr(importlib.import_module(module), name)()
    except SleutelFout as exc:
        refuse_to_start(process, str(exc))
    uvicorn.run(
        application,
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level.lower(),
        access_log=False,
        proxy_headers=False,
    )
