"""How the registry client turns the registry's answers into the dossier service's problems."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx

Auth = Callable[..., dict[str, str]]


@pytest.mark.parametrize(
    ("antwoord", "status", "code"),
    [
        (httpx.Response(404), 404, "SCHOOL_ONBEKEND_IN_REGISTER"),
        (httpx.Response(400, json={"code": "X"}), 502, "REGISTRY_ONVERWACHT_ANTWOORD"),
        (httpx.Response(200, json={"vestigingen": "geen lijst"}), 502, "REGISTRY_ONVERWACHT_ANTWOORD"),
    ],
)
async def test_school_answers(
    client: httpx.AsyncClient, auth: Auth, registry: respx.MockRouter, antwoord: httpx.Response, status: int, code: str
) -> None:
    registry.routes["school"].mock(return_value=antwoord)
    response = await client.get("/v1/dossierkeuzes", headers=auth())
    assert (response.status_code, response.json()["code"]) == (status, code)


async def test_no_aanleverpunten_for_an_unknown_school_list(
    client: httpx.AsyncClient, auth: Auth, registry: respx.MockRouter
) -> None:
    registry.routes["punten"].respond(404)
    response = await client.get("/v1/dossierkeuzes", headers=auth())
    assert response.status_code == 200
    assert response.json()["aanleverpunten"] == []


async def test_unknown_aanleverpunt_at_the_check_is_422(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], registry: respx.MockRouter
) -> None:
    did = (await maak_dossier())["id"]
    registry.routes["controle"].respond(404)
    response = await client.post(f"/v1/dossiers/{did}/opvraagbaar-maken", headers=auth())
    assert (response.status_code, response.json()["code"]) == (422, "AANLEVERPUNT_ONBEKEND")
    sent = registry.routes["controle"].calls.last.request
    assert b'"bron":{"brin":"99AA00","systeem":"Magister"}' in sent.content.replace(b" ", b"")
