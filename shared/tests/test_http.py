"""``ServiceClient``'s typed calls (contract models, typed errors, bearer forwarding) and ``is_transient``."""

from __future__ import annotations

import httpx
import pytest
from pydantic import BaseModel

from oso_dev.testing import test_sleutels
from oso_shared.auth import Rol
from oso_shared.http import (
    InvalidResponse,
    ServiceClient,
    ServiceUnavailable,
    UnexpectedStatus,
    is_transient,
)


class Echo(BaseModel):
    naam: str
    aantal: int


def _client(handler: httpx.MockTransport, attempts: int = 1) -> ServiceClient:
    return ServiceClient(
        "http://peer", test_sleutels().tokens("dossier"), "registry", attempts=attempts, transport=handler
    )


@pytest.mark.parametrize(
    ("status", "transient"),
    [
        *[(408, True), (425, True), (429, True), (500, True), (502, True), (503, True), (504, True)],
        *[(400, False), (401, False), (403, False), (404, False), (409, False), (410, False), (422, False)],
    ],
)
def test_is_transient(status: int, transient: bool) -> None:
    assert is_transient(status) is transient


async def test_post_model_sends_json_with_a_dienst_token_and_parses_the_answer() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"naam": "x", "aantal": 2, "extra": True})

    client = _client(httpx.MockTransport(handler))
    answer = await client.post_model("/v1/echo", Echo(naam="x", aantal=1), Echo)
    assert answer == Echo(naam="x", aantal=2)
    (request,) = seen
    assert request.headers["content-type"] == "application/json"
    assert request.content == b'{"naam":"x","aantal":1}'
    token = request.headers["authorization"].removeprefix("Bearer ")
    principal = test_sleutels().tokens("registry").verify(token)  # addressed to the target, from the caller
    assert (principal.sub, principal.rol, principal.dienst) == ("dienst:dossier", Rol.DIENST, "dossier")
    await client.aclose()


async def test_bearer_forwards_the_users_token() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["authorization"])
        return httpx.Response(200, json=[{"naam": "a", "aantal": 1}])

    client = _client(httpx.MockTransport(handler))
    assert await client.get_models("/v1/lijst", Echo, bearer="gebruiker-token") == [Echo(naam="a", aantal=1)]
    assert seen == ["Bearer gebruiker-token"]


async def test_unexpected_status_carries_the_problem() -> None:
    def handler(_: httpx.Request) -> httpx.Response:
        return httpx.Response(403, json={"code": "UITWISSELING_NIET_TOEGESTAAN", "ontbrekend": []})

    with pytest.raises(UnexpectedStatus) as caught:
        await _client(httpx.MockTransport(handler)).get_model("/v1/x", Echo)
    assert (caught.value.status, caught.value.code, caught.value.transient) == (
        403,
        "UITWISSELING_NIET_TOEGESTAAN",
        False,
    )
    assert caught.value.problem["ontbrekend"] == []


async def test_transient_status_and_transport_failure_are_unavailable() -> None:
    calls = 0

    def busy(_: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(503, json={"code": "DATABASE_NIET_BEREIKBAAR"})

    with pytest.raises(ServiceUnavailable) as caught:
        await _client(httpx.MockTransport(busy), attempts=2).get_model("/v1/x", Echo)
    assert (caught.value.status, caught.value.code, caught.value.transient, calls) == (
        503,
        "DATABASE_NIET_BEREIKBAAR",
        True,
        2,
    )

    def broken(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(ServiceUnavailable) as down:
        await _client(httpx.MockTransport(broken)).post_model("/v1/x", None, None)
    assert down.value.status is None


async def test_answer_that_does_not_fit_the_model_is_invalid() -> None:
    def handler(_: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"naam": "x"})

    with pytest.raises(InvalidResponse) as caught:
        await _client(httpx.MockTransport(handler)).get_model("/v1/x", Echo)
    assert caught.value.transient is False


async def test_post_model_without_answer_model_accepts_listed_statuses() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.content == b""
        return httpx.Response(202, text="niet json")

    client = _client(httpx.MockTransport(handler))
    await client.post_model("/v1/x", None, None, expect=(202,))  # no ValidationError for the non-JSON body
