"""What the backend clients make of the backends' answers: typed models, or one error the pages explain."""

from __future__ import annotations

import httpx
import respx

from oso_shared.auth import Rol

from ..conftest import DOSSIER, REGISTRY, Aanmelden
from ..helpers import LEERLING_ID, principal_van


async def test_elke_aanroep_draagt_het_token_van_de_gebruiker(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    leerlingen = backends.get(f"{DOSSIER}/v1/leerlingen").respond(json=[])
    await aanmelden(school="99AB")
    response = await client.get("/leerlingen")
    assert response.status_code == 200
    principal = principal_van(leerlingen.calls.last.request)
    assert (principal.rol, principal.school) == (Rol.ZORGCOORDINATOR, "99AB")
    assert principal.sub.startswith("portal:")


async def test_antwoord_dat_niet_past_geeft_foutpagina(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    backends.get(f"{DOSSIER}/v1/leerlingen/{LEERLING_ID}").respond(json={"onverwacht": True})
    await aanmelden()
    response = await client.get(f"/leerlingen/{LEERLING_ID}")
    assert response.status_code == 502
    assert "Er ging iets mis" in response.text
    assert "ONVERWACHT_ANTWOORD" in response.text


async def test_storing_van_de_dienst_toont_haar_eigen_uitleg(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    backends.get(f"{REGISTRY}/v1/scholen/99AA").respond(
        503, json={"status": 503, "code": "DATABASE_NIET_BEREIKBAAR", "detail": "Probeer het zo opnieuw."}
    )
    await aanmelden(Rol.SCHOOLBEHEERDER)
    response = await client.get("/school")
    assert response.status_code == 503
    assert "Dienst niet bereikbaar" in response.text
    assert "Probeer het zo opnieuw." in response.text
    assert "DATABASE_NIET_BEREIKBAAR" in response.text
