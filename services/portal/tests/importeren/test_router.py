"""Beheer → Importeren: the form, testing and reading in through the dossier service, the filterable log."""

from __future__ import annotations

import re

import httpx
import respx

from oso_shared.auth import Rol

from ..conftest import DOSSIER, REGISTRY, Aanmelden
from ..helpers import principal_van

IMPORT_ID = "33333333-3333-4333-8333-333333333333"
SCHOOL = {"brin": "99AA", "naam": "De Brug", "vestigingen": [{"vestigingscode": "00", "naam": "Hoofdlocatie"}]}
IMPORT = {
    "id": IMPORT_ID,
    "status": "fouten_gevonden",
    "regels": 3,
    "aantallen": {"leerlingen_nieuw": 1, "fouten": 1, "waarschuwingen": 1, "info": 0},
    "log": [
        {"regel": 2, "kolom": "Administratieve eenheid", "soort": "waarschuwing", "melding": "Vestiging wijkt af."},
        {"regel": 3, "kolom": "Geslacht", "soort": "fout", "melding": "Geslacht 'x' is niet man, vrouw."},
    ],
}
SAMENVATTING = {
    "id": IMPORT_ID,
    "soort": "leerlingen",
    "modus": "testen",
    "schooljaar": "2026-2027",
    "vestigingscode": "00",
    "tekenset": "windows-1252",
    "status": "fouten_gevonden",
    "regels": 3,
    "aantallen": IMPORT["aantallen"],
    "bestand_sha256": "0" * 64,
    "door": "portal:x",
    "op": "2026-12-01T22:00:00Z",
}


def stub(backends: respx.MockRouter) -> respx.Route:
    backends.get(f"{REGISTRY}/v1/scholen/99AA").respond(json=SCHOOL)
    backends.get(f"{DOSSIER}/v1/leerlingimporten").respond(json=[SAMENVATTING])
    backends.get(f"{DOSSIER}/v1/leerlingimporten/{IMPORT_ID}").respond(json=IMPORT)
    return backends.post(f"{DOSSIER}/v1/leerlingimporten").respond(201, json=IMPORT)


async def test_form_then_test_a_file_and_read_the_log(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    post = stub(backends)
    csrf = await aanmelden(Rol.SCHOOLBEHEERDER, school="99AA")
    pagina = await client.get("/school/importeren")
    assert pagina.status_code == 200
    assert 'href="/school/importeren" aria-current="page">Importeren' in pagina.text
    assert "Bestand testen" in pagina.text
    assert "Bestand inlezen" in pagina.text
    assert "99AA00 Hoofdlocatie" in pagina.text
    assert "Eerdere imports" in pagina.text
    assert "Fouten gevonden (3 regels)" in pagina.text
    response = await client.post(
        "/uploads/importeren",
        data={
            "csrf_token": csrf,
            "soort": "leerlingen",
            "schooljaar": "2026-2027",
            "vestigingscode": "00",
            "tekenset": "windows-1252",
            "modus": "testen",
        },
        files={"bestand": ("export.csv", "Stamnr;Roepnaam\r\n".encode("cp1252"), "text/csv")},
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/school/importeren?import_id={IMPORT_ID}"
    verzoek = post.calls.last.request
    assert principal_van(verzoek).rol is Rol.SCHOOLBEHEERDER
    assert principal_van(verzoek).school == "99AA"
    body = verzoek.content
    for veld, waarde in (("soort", b"leerlingen"), ("tekenset", b"windows-1252"), ("modus", b"testen")):
        assert re.search(rb'name="' + veld.encode() + rb'"\r\n\r\n' + waarde, body)
    assert b"Stamnr;Roepnaam" in body
    log = await client.get(response.headers["location"])
    assert "1 fout(en); er is niets ingelezen" in log.text
    assert log.text.count('data-soort="') == 2
    alleen_fouten = await client.get(f"/school/importeren?import_id={IMPORT_ID}&log=fout")
    assert alleen_fouten.text.count('data-soort="') == 1
    assert "Geslacht &#39;x&#39; is niet man" in alleen_fouten.text


async def test_refusals_and_roles(client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter) -> None:
    post = stub(backends)
    csrf = await aanmelden(Rol.SCHOOLBEHEERDER, school="99AA")
    zonder = await client.post("/uploads/importeren", data={"csrf_token": csrf, "soort": "leerlingen"})
    assert zonder.status_code == 303
    assert not post.called
    fout = await client.post(
        "/uploads/importeren",
        data={"csrf_token": "vals", "soort": "leerlingen"},
        files={"bestand": ("x.csv", b"a", "text/csv")},
    )
    assert fout.status_code == 403
    await client.post("/afmelden", data={"csrf_token": csrf})
    await aanmelden(Rol.ZORGCOORDINATOR, school="99AA")
    assert (await client.get("/school/importeren")).status_code == 403


async def test_export_and_inrichting_verwijderen(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    export = backends.get(f"{DOSSIER}/v1/inrichtingen/2026-2027/export").respond(
        content=b"1A;00;10000\r\n", headers={"content-type": "text/csv"}
    )
    verwijder = backends.delete(f"{DOSSIER}/v1/inrichtingen/2026-2027").respond(json={"verwijderd": {}})
    csrf = await aanmelden(Rol.SCHOOLBEHEERDER, school="99AA")
    response = await client.get(
        "/school/importeren/export", params={"soort": "koppel", "schooljaar": "2026-2027", "vestigingscode": "00"}
    )
    assert response.status_code == 200
    assert response.content == b"1A;00;10000\r\n"
    assert export.calls.last.request.url.params["soort"] == "koppel"
    form = {"csrf_token": csrf, "schooljaar": "2026-2027", "vestigingscode": "00"}
    assert (await client.post("/school/importeren/inrichting-verwijderen", data=form)).status_code == 303
    assert not verwijder.called
    form["bevestig"] = "ja"
    assert (await client.post("/school/importeren/inrichting-verwijderen", data=form)).status_code == 303
    assert verwijder.calls.last.request.url.params["vestigingscode"] == "00"
