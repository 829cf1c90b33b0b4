"""Structured JSON logging (structlog) with a request id, and the access-log middleware.

Access lines carry the route *template* (``/v1/dossiers/{dossier_id}``), never the concrete path, so that
no identifier or personal data ends up in the logs. Exceptions are logged without their text: an exception's
message may carry input (a database error's statement and parameters, a validation error's value), so a log
line keeps the exception classes, the frames and a reference id (``fout_ref``), never the messages.
"""

from __future__ import annotations

import logging
import sys
import time
import traceback
import uuid
from collections.abc import Callable, MutableMapping
from types import TracebackType
from typing import Any

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = b"x-request-id"
# Probes and scrapes would drown the useful lines.
QUIET_ROUTES = frozenset({"/health/live", "/health/ready", "/metrics"})


ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def scrubbed_exception(exc: BaseException) -> str:
    """The exception chain as class names and frames (file, line, function), without any message text."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        # The innermost frames say where it went wrong; the framework's outer ones are the same every time.
        frames = traceback.extract_tb(current.__traceback__)[-8:]
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}")
        lines.extend(f"  {f.filename}:{f.lineno} in {f.name}" for f in frames)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        if current is not None:
            lines.append("caused by / during:")
    return "\n".join(lines)


def _exception_of(exc_info: Any) -> BaseException | None:
    if isinstance(exc_info, BaseException):
        return exc_info
    if isinstance(exc_info, tuple) and len(exc_info) == 3 and isinstance(exc_info[1], BaseException):
        return exc_info[1]
    if exc_info is True:
        return sys.exc_info()[1]
    return None


def scrub_exceptions(_logger: Any, _method: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """structlog processor: replace ``exc_info`` by the exception's classes and frames and a reference id.

    The reference id goes into the line so that an operator can match a user's report (or a problem answer)
    to it; the message text never does.
    """
    exc_info = event_dict.pop("exc_info", None)
    exc = _exception_of(exc_info) if exc_info else None
    if exc is not None:
        event_dict.setdefault("fout_ref", uuid.uuid4().hex[:12])
        event_dict["error_type"] = type(exc).__name__
        event_dict["exception"] = scrubbed_exception(exc)
    return event_dict


class ScrubbingFormatter(logging.Formatter):
    """Standard-library formatter with the same rule: tracebacks without messages (uvicorn, asyncio, libraries)."""

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's API
        exc = _exception_of(ei)
        return scrubbed_exception(exc) if exc is not None else ""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's API
        if record.exc_info and record.args:
            # A message with an exception attached often formats that exception's text in too ("%s", exc).
            record.message = record.msg if isinstance(record.msg, str) else type(record.msg).__name__
        return super().formatMessage(record)


def configure_logging(level: str = "INFO", json: bool = True, service: str = "oso") -> None:
    """Configure structlog and the standard library logging to write one line per event to stderr."""
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: Any = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    structlog.configure(
        processors=[*shared, scrub_exceptions, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=False,
    )
    structlog.contextvars.bind_contextvars(service=service)
    logging.basicConfig(level=level.upper(), stream=sys.stderr, format="%(levelname)s %(name)s %(message)s")
    for handler in logging.getLogger().handlers:
        if type(handler) is logging.StreamHandler:  # ours from basicConfig, not a test harness's capture
            handler.setFormatter(ScrubbingFormatter("%(levelname)s %(name)s %(message)s"))
    # uvicorn's own access log prints raw paths; ours prints route templates instead.
    logging.getLogger("uvicorn.access").disabled = True
    # httpx logs every outgoing request (full URL, plain text) at INFO: not our format, and a line per
    # service call costs CPU for nothing. Their warnings still come through; at DEBUG everything does.
    numeric = logging.getLevelName(level.upper())
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(numeric if numeric <= logging.DEBUG else max(logging.WARNING, numeric))


def route_template(scope: Scope) -> str:
    """The matched route's template with every router prefix, e.g. ``/v1/dossiers/{dossier_id}``.

    A router included in a router keeps its own path on the route (``/dossiers/{dossier_id}``): the prefixes in
    front of it have no parameters, so they are the concrete path's segments before the route's own ones.
    """
    template = str(getattr(scope.get("route"), "path", None) or "")
    if not template:
        return "<unmatched>"
    segments = str(scope.get("path", "")).rstrip("/").split("/")
    own = template.rstrip("/").split("/")
    if len(own) < len(segments) and ":path}" not in template:
        return "/".join(segments[: len(segments) - len(own) + 1]) + template
    return template


class RequestLogMiddleware:
    """Assigns a request id (or accepts a safe one from the caller) and logs one access line per request."""

    def __init__(self, app: ASGIApp, observe: Callable[[str, str, int, float], None] | None = None) -> None:
        self.app = app
        self.observe = observe
        self.log = structlog.get_logger("access")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_request_id(scope) or uuid.uuid4().hex
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((REQUEST_ID_HEADER, request_id.encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            template = route_template(scope)
            elapsed = time.perf_counter() - started
            if self.observe is not None:
                self.observe(template, str(scope.get("method")), status, elapsed)
            if template not in QUIET_ROUTES:
                self.log.info(
                    "request",
                    method=scope.get("method"),
                    route=template,
                    status=status,
                    duration_ms=round(elapsed * 1000, 2),
                )
            structlog.contextvars.unbind_contextvars("request_id")


def _incoming_request_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == REQUEST_ID_HEADER:
            candidate = str(value.decode("latin-1"))
            # Only accept ids that cannot smuggle data into logs.
            if 8 <= len(candidate) <= 64 and all(c.isalnum() or c in "-_" for c in candidate):
                return candidate
    return None
