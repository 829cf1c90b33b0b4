"""``clients/registry.py``: contract models in, typed problems out, public keys cached."""

from __future__ import annotations

import uuid

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key

from oso_dev.testing import test_sleutels
from oso_gateway.clients.registry import RegistryClient
from oso_gateway.problems import OnbekendAanleverpunt, RegisterNietBereikbaar, VerstrekkerNietBekend

from ..helpers import SWV, aanleverpunt_json, route_json

PUNT = uuid.UUID(SWV.aanleverpunt_id)


def _client(handler: httpx.MockTransport) -> RegistryClient:
    return RegistryClient(
        "http://registry.test", test_sleutels().tokens("oso-gateway"), timeout=2, key_ttl=60, transport=handler
    )


async def test_route_of_an_allowed_exchange() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/v1/uitwisselcontroles"
        return httpx.Response(200, json=route_json())

    route = await _client(httpx.MockTransport(answer)).uitwisselcontrole("99AA", "02", "Magister", PUNT)
    assert (route.aanleverpunt.id, route.swv.code) == (PUNT, SWV.code)


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        (httpx.Response(500), RegisterNietBereikbaar),
        (httpx.Response(200, json={"toegestaan": True}), RegisterNietBereikbaar),  # not the contract's shape
        (httpx.Response(401, json={"code": "NIET_GEAUTHENTICEERD"}), RegisterNietBereikbaar),
        (httpx.Response(422, json={"code": "ONGELDIGE_BRIN"}), VerstrekkerNietBekend),
    ],
)
async def test_what_the_registry_cannot_answer_becomes_a_problem(
    answer: httpx.Response, problem: type[Exception]
) -> None:
    client = _client(httpx.MockTransport(lambda _: answer))
    with pytest.raises(problem):
        await client.uitwisselcontrole("99AA", "02", "Magister", PUNT)


async def test_a_system_name_the_registry_would_refuse_is_not_sent() -> None:
    calls: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(500)

    client = _client(httpx.MockTransport(answer))
    with pytest.raises(VerstrekkerNietBekend):
        await client.uitwisselcontrole("99AA", "02", "M" * 61, PUNT)
    assert calls == []


async def test_public_key_is_cached_and_must_be_ed25519() -> None:
    calls = 0

    def answer(_: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(200, json=aanleverpunt_json(SWV))

    client = _client(httpx.MockTransport(answer))
    first = await client.aanleverpunt(PUNT)
    assert await client.aanleverpunt(PUNT) is first
    assert (calls, first.swv_code) == (1, SWV.code)

    other_key = generate_private_key(SECP256R1()).public_key()
    pem = other_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    body = {**aanleverpunt_json(SWV), "publieke_sleutel": pem.decode()}
    client = _client(httpx.MockTransport(lambda _: httpx.Response(200, json=body)))
    with pytest.raises(OnbekendAanleverpunt):
        await client.aanleverpunt(PUNT)
