"""Leerlingen pages: the list and a leerling, fetched from the dossier service with the user's own token."""

from __future__ import annotations

import httpx
import respx

from oso_portal.accounts.service import RECHT_OVERDRACHTSDOSSIER
from oso_shared.auth import Rol

from ..conftest import DOSSIER, Aanmelden
from ..helpers import LEERLING_ID, dossier, leerling, principal_van


async def test_lijst_toont_leerlingen_met_nederlandse_datum(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    route = backends.get(f"{DOSSIER}/v1/leerlingen").respond(
        json=[{"id": LEERLING_ID, "vestigingscode": "00", "leerlingnummer": "99AA-1001", "naam": "Daan van Dijk",
               "geboortedatum": "2011-03-14"}]
    )  # fmt: skip
    await aanmelden(Rol.ZORGCOORDINATOR, school="99AA")
    response = await client.get("/leerlingen")
    assert response.status_code == 200
    assert "Daan van Dijk" in response.text
    assert "14 maart 2011" in response.text
    principal = principal_van(route.calls.last.request)
    assert principal.rol is Rol.ZORGCOORDINATOR
    assert principal.school == "99AA"
    assert RECHT_OVERDRACHTSDOSSIER in principal.rechten


async def test_leerling_toont_overdrachtsdossiers_en_plusknop(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    backends.get(f"{DOSSIER}/v1/leerlingen/{LEERLING_ID}").respond(json=leerling())
    lijst = backends.get(f"{DOSSIER}/v1/dossiers").respond(json=[dossier("notificatie_verzonden")])
    await aanmelden()
    response = await client.get(f"/leerlingen/{LEERLING_ID}")
    assert response.status_code == 200
    assert lijst.calls.last.request.url.params["leerling_id"] == LEERLING_ID
    assert "Nieuw overdrachtsdossier toevoegen" in response.text
    assert "2801 500 SWV VO Rijnmond" in response.text
    assert "Notificatie verstuurd" in response.text
    # The BSN is the school's own data: the portal never shows it.
    assert "123456782" not in response.text


async def test_zorgcoordinator_zonder_recht_krijgt_geen_toegang(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    route = backends.get(f"{DOSSIER}/v1/leerlingen").respond(json=[])
    await aanmelden(Rol.ZORGCOORDINATOR, rechten=frozenset())
    response = await client.get("/leerlingen")
    assert response.status_code == 403
    assert not route.called


async def test_onbereikbare_dossierdienst_geeft_nette_pagina(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    backends.get(f"{DOSSIER}/v1/leerlingen").mock(side_effect=httpx.ConnectError("weg"))
    await aanmelden()
    response = await client.get("/leerlingen")
    assert response.status_code == 503
    assert "De dossierdienst is nu niet bereikbaar" in response.text
    assert "Afmelden" in response.text


async def test_leerling_van_andere_school_is_niet_gevonden(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    backends.get(f"{DOSSIER}/v1/leerlingen/{LEERLING_ID}").respond(
        404, json={"status": 404, "code": "LEERLING_NIET_GEVONDEN", "detail": "Leerling niet gevonden."}
    )
    await aanmelden()
    response = await client.get(f"/leerlingen/{LEERLING_ID}")
    assert response.status_code == 404
    assert "Niet gevonden" in response.text
