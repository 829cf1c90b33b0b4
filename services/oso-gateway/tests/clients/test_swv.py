"""``clients/swv.py``: the notification goes out as the contract's JSON; failures say whether to retry."""

from __future__ import annotations

import json

import httpx
import pytest

from oso_gateway.clients.swv import OngeldigEndpoint, SwvClient
from oso_shared.contracts.notificatie import NotificatieBron, NotificatieDoel, NotificatieIn
from oso_shared.http import ServiceError, ServiceUnavailable, UnexpectedStatus

NOTIFICATIE = NotificatieIn(
    koppelsleutel="k" * 43,
    bron=NotificatieBron(brin="99AA", vestigingscode="02"),
    doel=NotificatieDoel(aanleverpunt="punt", nummer="2801500", routeringskenmerk="R"),
    ophaal_url="http://gateway.test/v1/ophalen",
)


async def test_sends_the_contract_json_without_a_token() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(202)

    await SwvClient(timeout=2, transport=httpx.MockTransport(answer)).notificeer("https://swv.test/n", NOTIFICATIE)
    (request,) = seen
    assert json.loads(request.content) == NOTIFICATIE.model_dump(mode="json")
    assert "authorization" not in request.headers


def _refused(request: httpx.Request) -> httpx.Response:
    if request.url.host == "down.test":
        raise httpx.ConnectError("refused", request=request)
    return httpx.Response(int(request.url.path.strip("/")))


@pytest.mark.parametrize(
    ("endpoint", "error", "transient"),
    [
        ("https://down.test/n", ServiceUnavailable, True),
        ("https://swv.test/503", UnexpectedStatus, True),
        ("https://swv.test/429", UnexpectedStatus, True),
        ("https://swv.test/400", UnexpectedStatus, False),
    ],
)
async def test_failures_say_whether_to_retry(endpoint: str, error: type[ServiceError], transient: bool) -> None:
    client = SwvClient(timeout=2, transport=httpx.MockTransport(_refused))
    with pytest.raises(error) as caught:
        await client.notificeer(endpoint, NOTIFICATIE)
    assert caught.value.transient is transient


async def test_an_endpoint_we_can_never_reach_is_permanent() -> None:
    client = SwvClient(timeout=2)  # the real transport: it refuses the scheme before any connection
    with pytest.raises(OngeldigEndpoint) as caught:
        await client.notificeer("ftp://swv.test/n", NOTIFICATIE)
    assert caught.value.transient is False
    await client.aclose()
