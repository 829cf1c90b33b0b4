"""Text XML 1.0 cannot carry is refused at the edge (422 naming the field), so it is never stored nor sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from pydantic import BaseModel
from sqlalchemy import func, select

from oso_dev.demo.dossier_data import leerlingen
from oso_dossier.dossiers.schemas import DossierIn, DossierWijziging
from oso_dossier.leerlingen.models import Leerling
from oso_dossier.leerlingen.schemas import LeerlingIn
from oso_dossier.main import create_app
from oso_dossier.settings import Settings
from oso_shared.db import Database
from oso_shared.tekst import onbeschermde_aanvraagvelden, onbeschermde_tekstvelden

Auth = Callable[..., dict[str, str]]


@pytest.mark.parametrize("model", [LeerlingIn, DossierIn, DossierWijziging])
def test_every_text_field_of_every_request_body_has_the_check(model: type[BaseModel]) -> None:
    assert onbeschermde_tekstvelden(model) == []


def _body(**gegevens: Any) -> dict[str, Any]:
    d = leerlingen()[0]
    return {
        "vestigingscode": d.vestigingscode,
        "leerlingnummer": "tekst-1",
        "gegevens": {**d.gegevens.model_dump(mode="json", exclude_none=True), **gegevens},
    }


@pytest.mark.parametrize(
    ("gegevens", "veld"),
    [
        ({"achternaam": "de Vries\x00"}, "gegevens.achternaam"),
        ({"voornamen": ["Anna", "Bea\x07"]}, "gegevens.voornamen.1"),
        ({"roepnaam": "An\ufffe"}, "gegevens.roepnaam"),
        ({"adressen": [{"straat": "Dorp\x1bstraat", "nummer": "1", "postcode": "1234AB", "plaats": "X"}]},
         "gegevens.adressen.0.straat"),
    ],
)  # fmt: skip
async def test_leerling_with_control_characters_is_refused_and_not_stored(
    client: httpx.AsyncClient, auth: Auth, database: Database, gegevens: dict[str, Any], veld: str
) -> None:
    response = await client.post("/v1/leerlingen", json=_body(**gegevens), headers=auth())
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "VALIDATIEFOUT"
    assert [f["veld"] for f in problem["fouten"]] == [veld]
    assert problem["fouten"][0]["type"] == "xml_teken"
    async with database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Leerling)) == 0


async def test_voltooien_no_longer_meets_unstorable_text(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    dossier = await maak_dossier(0)
    did, lid = dossier["id"], dossier["leerling_id"]
    detail = (await client.get(f"/v1/leerlingen/{lid}", headers=auth())).json()
    body = {
        "vestigingscode": detail["vestigingscode"],
        "leerlingnummer": detail["leerlingnummer"],
        "gegevens": {**detail["gegevens"], "achternaam": "Jansen\x0c"},
    }
    assert (await client.put(f"/v1/leerlingen/{lid}", json=body, headers=auth())).status_code == 422
    opties = {"opties": {"contactpersoon": "Mentor\x00"}}
    wijziging = await client.patch(f"/v1/dossiers/{did}", json=opties, headers=auth())
    assert (wijziging.status_code, wijziging.json()["fouten"][0]["veld"]) == (422, "opties.contactpersoon")
    upload = await client.post(
        f"/v1/dossiers/{did}/bijlagen",
        content=b"gewone tekst\n",
        headers={
            **auth(),
            "content-disposition": "attachment; filename=notitie.txt",
            "content-description": quote("Verslag\x01"),
        },
    )
    assert (upload.status_code, upload.json()["fouten"][0]["veld"]) == (422, "omschrijving")
    assert (await client.post(f"/v1/dossiers/{did}/voltooien", headers=auth())).status_code == 200


def test_every_text_field_of_every_request_body_of_the_app_has_the_check(settings: Settings) -> None:
    assert onbeschermde_aanvraagvelden(create_app(settings)) == []


async def test_text_stored_before_the_check_is_a_422_at_voltooien_not_a_500(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], database: Database
) -> None:
    dossier = await maak_dossier(0)
    async with database.transaction() as session:
        leerling = (await session.scalars(select(Leerling))).one()
        leerling.gegevens = {**leerling.gegevens, "achternaam": "Jansen\u0007"}
    response = await client.post(f"/v1/dossiers/{dossier['id']}/voltooien", headers=auth())
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "ONGELDIGE_GEGEVENS"
    assert [f["veld"] for f in problem["fouten"]] == ["achternaam"]
