"""Egress proof: endpoints naming loopback, private or metadata addresses are refused before any connection.

The resolver and the socket connect are stubbed (``connects`` records every attempt): no test sends traffic.
"""

from __future__ import annotations

import socket
from typing import Any

import aiohappyeyeballs
import aiohttp
import pytest
from aiohttp.abc import ResolveResult

from oso_gateway.clients.swv import EndpointGeweigerd, OngeldigEndpoint, SwvClient
from oso_shared.http import ServiceUnavailable

from .test_swv import NOTIFICATIE

# What the stubbed DNS answers; a name not listed does not exist.
DNS = {
    "rebind.swv.example": "127.0.0.1",
    "intern.swv.example": "10.1.2.3",
    "metadata.swv.example": "169.254.169.254",
    "ipv6-metadata.swv.example": "fd00:ec2::254",
    "publiek.swv.example": "93.184.216.34",
}


class Attempts:
    def __init__(self) -> None:
        self.resolved: list[str] = []
        self.connects: list[Any] = []


@pytest.fixture
def attempts(monkeypatch: pytest.MonkeyPatch) -> Attempts:
    seen = Attempts()

    async def resolve(
        self: aiohttp.ThreadedResolver, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        seen.resolved.append(host)
        if host not in DNS:
            raise OSError(f"{host} bestaat niet")
        address = DNS[host]
        fam = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [{"hostname": host, "host": address, "port": port, "family": fam, "proto": 0, "flags": 0}]

    async def start_connection(addr_infos: Any, **_: Any) -> socket.socket:
        seen.connects.append(addr_infos)
        raise OSError("de test maakt geen verbindingen")

    def connect(self: socket.socket, address: Any) -> None:
        seen.connects.append(address)
        raise OSError("de test maakt geen verbindingen")

    monkeypatch.setattr(aiohttp.ThreadedResolver, "resolve", resolve)
    monkeypatch.setattr(aiohappyeyeballs, "start_connection", start_connection)
    monkeypatch.setattr(socket.socket, "connect", connect)
    return seen


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://127.0.0.1/v1/notificaties",
        "https://10.0.0.1/v1/notificaties",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/n",
        "https://[::ffff:127.0.0.1]/n",
        "https://100.64.0.1/n",
        "https://224.0.0.1/n",
        "https://0.0.0.0/n",
        "https://localhost/n",
        "https://rebind.swv.example/v1/notificaties",
        "https://intern.swv.example/n",
        "https://metadata.swv.example/n",
        "https://ipv6-metadata.swv.example/n",
    ],
)
async def test_refused_before_any_connection(endpoint: str, attempts: Attempts) -> None:
    client = SwvClient(timeout=2)
    with pytest.raises(EndpointGeweigerd) as caught:
        await client.notificeer(endpoint, NOTIFICATIE)
    await client.aclose()
    assert caught.value.transient is False
    assert attempts.connects == []


async def test_the_guard_sits_at_connect_time_not_only_on_the_url(attempts: Attempts) -> None:
    """A name passes the URL check; the refusal comes from what it resolves to when we connect (rebinding)."""
    client = SwvClient(timeout=2)
    with pytest.raises(EndpointGeweigerd):
        await client.notificeer("https://rebind.swv.example/n", NOTIFICATIE)
    await client.aclose()
    assert attempts.resolved == ["rebind.swv.example"]
    assert attempts.connects == []


async def test_a_public_address_reaches_the_stubbed_connect(attempts: Attempts) -> None:
    """Control: the stubs are what the guard would let through, so the refusals above are the guard's."""
    client = SwvClient(timeout=2)
    with pytest.raises(ServiceUnavailable):
        await client.notificeer("https://publiek.swv.example/n", NOTIFICATIE)
    await client.aclose()
    assert len(attempts.connects) == 1


async def test_plain_http_is_refused_outside_development(attempts: Attempts) -> None:
    client = SwvClient(timeout=2)
    with pytest.raises(OngeldigEndpoint):
        await client.notificeer("http://publiek.swv.example/n", NOTIFICATIE)
    await client.aclose()
    assert attempts.resolved == []
    assert attempts.connects == []


async def test_development_allows_loopback_for_the_demo_receiver(attempts: Attempts) -> None:
    client = SwvClient(timeout=2, https_required=False, allow_loopback=True)
    with pytest.raises(ServiceUnavailable):  # reached the (stubbed) connect
        await client.notificeer("http://127.0.0.1:8004/v1/notificaties", NOTIFICATIE)
    with pytest.raises(EndpointGeweigerd):  # private ranges stay refused in development too
        await client.notificeer("http://10.0.0.1/n", NOTIFICATIE)
    await client.aclose()
    assert len(attempts.connects) == 1
