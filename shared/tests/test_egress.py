"""``oso_shared.egress``: the address rules, and the guard at connect time (resolver and socket connect stubbed)."""

from __future__ import annotations

import socket
from typing import Any

import aiohappyeyeballs
import httpx
import pytest
from aiohttp.abc import AbstractResolver, ResolveResult

from oso_shared.egress import GEEN_HTTPS, address_refusal, endpoint_refusal
from oso_shared.http import AiohttpTransport, EgressRefusedError, http_client


@pytest.mark.parametrize(
    ("address", "refusal"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "privé"),
        ("172.16.5.4", "privé"),
        ("192.168.1.1", "privé"),
        ("fd12:3456::1", "privé"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("fd00:ec2::254", "privé"),
        ("100.64.1.1", "cgnat"),
        ("224.0.0.251", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "ongespecificeerd"),
        ("240.0.0.1", "privé"),
        ("::ffff:10.0.0.1", "privé"),
        ("64:ff9b::7f00:1", "loopback"),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_address_rules(address: str, refusal: str | None) -> None:
    assert address_refusal(address) == refusal


def test_loopback_only_when_allowed() -> None:
    assert address_refusal("127.0.0.1", allow_loopback=True) is None
    assert address_refusal("10.0.0.1", allow_loopback=True) == "privé"


def test_endpoint_rules() -> None:
    assert endpoint_refusal("http://swv.example/n", https_required=True) == GEEN_HTTPS
    assert endpoint_refusal("https://swv.example/n", https_required=True) is None
    assert endpoint_refusal("https://u:p@swv.example/n", https_required=True) is not None
    assert endpoint_refusal("https://localhost:8004/n", https_required=True) == "loopback"
    assert endpoint_refusal("http://127.0.0.1:8004/n", https_required=False, allow_loopback=True) is None
    assert endpoint_refusal("ftp://swv.example/n", https_required=False) is not None


class StubResolver(AbstractResolver):
    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.asked.append(host)
        return [
            {"hostname": host, "host": a, "port": port, "family": socket.AF_INET, "proto": 0, "flags": 0}
            for a in self.answers[host].split(",")
        ]

    async def close(self) -> None:
        return None


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    seen: list[Any] = []

    async def start_connection(addr_infos: Any, **_: Any) -> socket.socket:
        seen.append([info[4][0] for info in addr_infos])
        raise OSError("de test maakt geen verbindingen")

    monkeypatch.setattr(aiohappyeyeballs, "start_connection", start_connection)
    return seen


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://10.0.0.1/", "http://169.254.169.254/", "http://[::1]/"])
async def test_connector_refuses_ip_literals(url: str, connects: list[Any]) -> None:
    """aiohttp never asks the resolver for an IP literal: the connector's own check refuses it."""
    async with http_client(egress_guard=True) as client:
        with pytest.raises(EgressRefusedError):
            await client.get(url)
    assert connects == []


async def test_resolver_drops_refused_addresses(connects: list[Any]) -> None:
    resolver = StubResolver({"loop.example": "127.0.0.1", "mixed.example": "10.0.0.1,93.184.216.34"})
    async with httpx.AsyncClient(transport=AiohttpTransport(egress_guard=True, resolver=resolver)) as client:
        with pytest.raises(EgressRefusedError):
            await client.get("http://loop.example/")
        assert connects == []
        with pytest.raises(httpx.TransportError):
            await client.get("http://mixed.example/")
    assert resolver.asked == ["loop.example", "mixed.example"]
    assert connects == [["93.184.216.34"]]  # only the public address was tried


async def test_redirects_are_not_followed() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(307, headers={"location": "http://169.254.169.254/"})

    async with http_client(transport=httpx.MockTransport(answer)) as client:
        response = await client.post("https://swv.example/n")
    assert response.status_code == 307
