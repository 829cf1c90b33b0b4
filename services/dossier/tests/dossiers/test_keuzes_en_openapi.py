"""Choices for a new dossier (from the registry) and the published OpenAPI document."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import respx

Auth = Callable[..., dict[str, str]]


async def test_keuzes_lists_vestigingen_and_swv_points_only(
    client: httpx.AsyncClient, auth: Auth, registry: respx.MockRouter
) -> None:
    punten = [
        {
            "id": "00000000-0000-4000-8000-00000000000a",
            "nummer": "2801500",
            "label": "2801 500 SWV VO Rijnmond",
            "swv": {"code": "VO2801", "naam": "R"},
        },
        {
            "id": "00000000-0000-4000-8000-00000000000b",
            "nummer": "0",
            "label": "LAS",
            "swv": {"code": "X", "naam": "X"},
        },
    ]
    registry.routes["punten"].respond(json=punten)
    response = await client.get("/v1/dossierkeuzes", headers=auth())
    assert response.status_code == 200
    body = response.json()
    assert [v["vestigingscode"] for v in body["vestigingen"]] == ["00", "01"]
    assert [p["nummer"] for p in body["aanleverpunten"]] == ["2801500"]
    assert "cat_verzuim" in [c["naam"] for c in body["optionele_categorieen"]]
    assert "niet meer worden verwijderd" in body["waarschuwing"]
    assert registry.routes["punten"].calls.last.request.url.params["dienst"] == "OSO-SWV"


async def test_openapi_lists_the_lifecycle(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/v1/openapi.json")).json()["paths"]
    for path in (
        "/v1/leerlingen",
        "/v1/leerlingen/{leerling_id}/vrije-info",
        "/v1/dossiers/{dossier_id}/opvraagbaar-maken",
        "/v1/dossiers/{dossier_id}/bijlagen",
        "/v1/dossiers/{dossier_id}/tijdlijn",
        "/v1/dossiers/{dossier_id}/pdf",
        "/v1/intern/gebeurtenissen",
    ):
        assert path in paths
