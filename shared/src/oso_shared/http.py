"""Service-to-service HTTP: httpx clients on aiohttp's connection handling, and the ``dienst`` client.

Every outgoing call of the services goes through :func:`http_client`: the httpx interface (timeouts,
``MockTransport``/``ASGITransport`` in tests, respx with ``using="httpx"``) with aiohttp underneath.
httpcore, httpx's own transport, cost about 1.3 ms of CPU per request on this stack against 0.27 ms
through aiohttp (``bench/http_client.py``), and a dossier crosses eight service-to-service calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any, TypeVar, overload

import aiohttp
import httpx
import httpx_aiohttp
from aiohttp.abc import AbstractResolver
from pydantic import BaseModel, TypeAdapter, ValidationError
from tenacity import (
    AsyncRetrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from oso_shared.auth import TokenService
from oso_shared.egress import EgressRefused, GuardedConnector

DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)

M = TypeVar("M", bound=BaseModel)

# Worth trying again later: the peer may answer differently in a while (timeout, too early, rate limit) or is
# down/overloaded (any 5xx, e.g. a peer restarting its database). 409 and 423 are NOT transient: our peers
# answer 409 for a real conflict (an Idempotency-Key reused for another request, a state that will not change
# by itself), and a concurrent duplicate is serialised by the receiver's lock instead of refused.
_TRANSIENT_4XX = frozenset({408, 425, 429})
# Repeated inside one call (short backoff, see ``ServiceClient.attempts``): a proxy or peer that is restarting.
_RETRY_INLINE = frozenset({502, 503, 504})


def is_transient(status: int) -> bool:
    """True when an HTTP status is worth retrying later (408, 425, 429 and every 5xx); the one place that says so."""
    return status in _TRANSIENT_4XX or status >= 500


class ServiceError(Exception):
    """A service-to-service call did not give the expected answer; ``transient`` says whether to retry later."""

    transient: bool = True

    def __init__(self, message: str, *, status: int | None = None, problem: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.problem = problem or {}

    @property
    def code(self) -> str:
        """The peer's problem ``code`` (empty when it sent none)."""
        return str(self.problem.get("code") or "")


class ServiceUnavailable(ServiceError):
    """No usable answer: transport failure or timeout (``status`` None), or a transient status after retries."""


class UnexpectedStatus(ServiceError):
    """The peer answered a status the caller did not expect (``status``, ``problem`` hold its answer)."""

    def __init__(self, message: str, *, status: int, problem: dict[str, Any] | None = None) -> None:
        super().__init__(message, status=status, problem=problem)
        self.transient = is_transient(status)


class InvalidResponse(ServiceError):
    """The peer answered an expected status with a body that does not match the contract model."""

    transient = False


class EgressRefusedError(httpx.TransportError):
    """The egress guard refused the destination before any connection was made (see ``oso_shared.egress``)."""


class AiohttpTransport(httpx_aiohttp.AiohttpTransport):
    """httpx-aiohttp's transport without a cookie jar and with every aiohttp failure as an httpx error.

    ``egress_guard=True`` (calls to addresses chosen outside our control): resolved and literal addresses are
    checked at connect time and refused in the loopback, private, link-local, multicast, metadata and reserved
    ranges (``allow_loopback`` for the demo receiver in development); the refusal is :class:`EgressRefusedError`.
    """

    def __init__(
        self,
        limits: httpx.Limits = DEFAULT_LIMITS,
        *,
        egress_guard: bool = False,
        allow_loopback: bool = False,
        resolver: AbstractResolver | None = None,
    ) -> None:
        def session() -> aiohttp.ClientSession:
            options: dict[str, Any] = {
                "limit": limits.max_connections or 0,
                "keepalive_timeout": limits.keepalive_expiry or 5.0,
            }
            connector = (
                GuardedConnector(allow_loopback=allow_loopback, resolver=resolver, **options)
                if egress_guard
                else aiohttp.TCPConnector(resolver=resolver, **options)
            )
            # Service calls carry bearer tokens; cookies would only be state that leaks between calls.
            return aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())

        super().__init__(limits=limits, trust_env=False, client=session)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await super().handle_async_request(request)
        except EgressRefused as exc:
            raise EgressRefusedError(str(exc), request=request) from exc
        except httpx.HTTPError:
            raise
        except TimeoutError as exc:
            raise httpx.TimeoutException(str(exc) or "timeout", request=request) from exc
        except aiohttp.ClientError as exc:
            raise httpx.TransportError(str(exc) or type(exc).__name__, request=request) from exc


def http_client(
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    limits: httpx.Limits = DEFAULT_LIMITS,
    egress_guard: bool = False,
    allow_loopback: bool = False,
    **kwargs: Any,
) -> httpx.AsyncClient:
    """An ``httpx.AsyncClient`` on :class:`AiohttpTransport` unless a transport is given (tests).

    Redirects are never followed (httpx's default, kept explicit; aiohttp underneath is called without them).
    """
    transport = transport or AiohttpTransport(limits, egress_guard=egress_guard, allow_loopback=allow_loopback)
    return httpx.AsyncClient(transport=transport, trust_env=False, follow_redirects=False, **kwargs)


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, httpx.TransportError):
        return True
    return isinstance(exc, httpx.HTTPStatusError) and exc.response.status_code in _RETRY_INLINE


def _problem(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


class ServiceClient:
    """Calls the service ``target`` as ``dienst:<name>`` (a token of ``tokens`` addressed to ``target``), or with a
    forwarded user token; retries transport errors and 502/503/504 inside the call.

    ``get_model``/``post_model`` are the typed way: they return a contract model and raise
    :class:`ServiceUnavailable` (transport failure, or a transient status), :class:`UnexpectedStatus` (any other
    status not in ``expect``) or :class:`InvalidResponse` (body does not fit the model). ``request`` stays for
    streaming, multipart and callers that branch on the status themselves.
    """

    def __init__(
        self,
        base_url: str,
        tokens: TokenService,
        target: str,
        *,
        timeout: float = 10.0,
        attempts: int = 3,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._tokens = tokens
        self._target = target
        self._token: str | None = None
        self._token_expires = dt.datetime.min.replace(tzinfo=dt.UTC)
        self.attempts = attempts
        self.client = http_client(base_url=base_url, timeout=timeout, transport=transport)

    def _auth_header(self) -> dict[str, str]:
        now = dt.datetime.now(dt.UTC)
        if self._token is None or now >= self._token_expires:
            ttl = dt.timedelta(minutes=10)
            self._token = self._tokens.dienst_token(self._target, ttl)
            self._token_expires = now + ttl - dt.timedelta(minutes=1)
        return {"authorization": f"Bearer {self._token}"}

    async def request(self, method: str, url: str, *, bearer: str | None = None, **kwargs: Any) -> httpx.Response:
        """Send with retries; returns the final response (4xx/5xx included) or raises on transport failure.

        ``bearer`` forwards that (user) token instead of this service's own ``dienst`` token.
        """
        auth = {"authorization": f"Bearer {bearer}"} if bearer is not None else self._auth_header()
        headers = {**kwargs.pop("headers", {}), **auth}
        response: httpx.Response | None = None
        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(self.attempts),
            wait=wait_exponential_jitter(multiplier=0.2, max=2.0, jitter=0.2),
            retry=retry_if_exception(_retryable),
            reraise=True,
        ):
            with attempt:
                response = await self.client.request(method, url, headers=headers, **kwargs)
                if response.status_code in _RETRY_INLINE:
                    response.raise_for_status()
        assert response is not None
        return response

    async def _typed(
        self,
        method: str,
        url: str,
        adapter: TypeAdapter[Any] | None,
        expect: Collection[int],
        bearer: str | None,
        **kwargs: Any,
    ) -> Any:
        try:
            response = await self.request(method, url, bearer=bearer, **kwargs)
        except httpx.HTTPStatusError as exc:  # still 502/503/504 after the inline retries
            status = exc.response.status_code
            raise ServiceUnavailable(
                f"{method} {url}: {status}", status=status, problem=_problem(exc.response)
            ) from exc
        except httpx.HTTPError as exc:
            raise ServiceUnavailable(f"{method} {url}: {type(exc).__name__}") from exc
        if response.status_code not in expect:
            status = response.status_code
            cls = ServiceUnavailable if status >= 500 else UnexpectedStatus
            raise cls(f"{method} {url}: unexpected status {status}", status=status, problem=_problem(response))
        if adapter is None:
            return None
        try:
            return adapter.validate_json(response.content)
        except ValidationError as exc:
            raise InvalidResponse(
                f"{method} {url}: answer does not fit the contract", status=response.status_code
            ) from exc

    async def get_model(
        self, url: str, model: type[M], *, expect: Collection[int] = (200,), bearer: str | None = None, **kwargs: Any
    ) -> M:
        """GET ``url`` and return its body as ``model``; raises a :class:`ServiceError` otherwise."""
        return await self._typed("GET", url, _adapter(model), expect, bearer, **kwargs)  # type: ignore[no-any-return]

    async def get_models(
        self, url: str, model: type[M], *, expect: Collection[int] = (200,), bearer: str | None = None, **kwargs: Any
    ) -> list[M]:
        """GET ``url`` whose body is a JSON list of ``model``."""
        return await self._typed("GET", url, _list_adapter(model), expect, bearer, **kwargs)  # type: ignore[no-any-return]

    @overload
    async def post_model(
        self,
        url: str,
        body: BaseModel | None,
        model: type[M],
        *,
        expect: Collection[int] = ...,
        bearer: str | None = ...,
        **kwargs: Any,
    ) -> M: ...

    @overload
    async def post_model(
        self,
        url: str,
        body: BaseModel | None,
        model: None,
        *,
        expect: Collection[int] = ...,
        bearer: str | None = ...,
        **kwargs: Any,
    ) -> None: ...

    async def post_model(
        self,
        url: str,
        body: BaseModel | None,
        model: type[M] | None,
        *,
        expect: Collection[int] = (200, 201),
        bearer: str | None = None,
        **kwargs: Any,
    ) -> M | None:
        """POST ``body`` as JSON (None: no body) and return the answer as ``model`` (None: ignore the body)."""
        if body is not None:
            kwargs["content"] = body.model_dump_json()
            kwargs["headers"] = {**kwargs.get("headers", {}), "content-type": "application/json"}
        adapter = _adapter(model) if model is not None else None
        return await self._typed("POST", url, adapter, expect, bearer, **kwargs)  # type: ignore[no-any-return]

    async def aclose(self) -> None:
        """Close the underlying connection pool."""
        await self.client.aclose()


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def _adapter(model: type[BaseModel]) -> TypeAdapter[Any]:
    adapter = _ADAPTERS.get(model)
    if adapter is None:
        adapter = _ADAPTERS[model] = TypeAdapter(model)
    return adapter


def _list_adapter(model: type[BaseModel]) -> TypeAdapter[Any]:
    key = ("list", model)
    adapter = _ADAPTERS.get(key)
    if adapter is None:
        adapter = _ADAPTERS[key] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return adapter
