"""The leerling tabs read the pupil and the imported inrichting from the dossier service with the user's token."""

from __future__ import annotations

import json

import httpx
import pytest
import respx

from oso_shared.auth import Rol

from ..conftest import DOSSIER, Aanmelden
from ..helpers import LEERLING_ID, leerling, principal_van

INRICHTING = {
    "inschrijvingen": [
        {
            "schooljaar": "2026-2027",
            "vestigingscode": "00",
            "ilt_code": "00237",
            "leerjaar": "1",
            "klas": "1A",
            "email": "daan@school.example",
            "vertrekdatum": None,
            "uitgeschreven": False,
        }
    ],
    "mentoren": [
        {
            "soort": "klassementor",
            "volgnummer": 1,
            "schooljaar": "2026-2027",
            "nummer": "M1",
            "naam": "Jeroen Hoëvenaars",
            "email": "m1@school.example",
        },
        {
            "soort": "persoonlijk",
            "volgnummer": 1,
            "schooljaar": "2026-2027",
            "nummer": "P1",
            "naam": "Fatima el Amrani",
            "email": None,
        },
    ],
    "groepen": [{"code": "1A-wis", "schooljaar": "2026-2027", "vestigingscode": "00"}],
    "verzorgers": [
        {
            "volgnummer": 1,
            "schooljaar": "2026-2027",
            "voorletters": "A.",
            "tussenvoegsel": "van",
            "achternaam": "Dijk",
            "geslacht": "V",
            "email": None,
            "post_ontvangen": True,
        }
    ],
}


@pytest.fixture
def dossierdienst(backends: respx.MockRouter) -> respx.Route:
    data = leerling()
    gegevens = data["gegevens"]
    assert isinstance(gegevens, dict)
    verzorger = {"voorletters": "A.", "voorvoegsel": "van", "achternaam": "Dijk", "geslacht": "2"}
    communicatie = [{"soort": "e-mail", "nummer": "ouder@thuis.example"}]
    gegevens["verzorgers"] = [{**verzorger, "wettigevertegenwoordiger": True, "communicatie": communicatie}]
    backends.get(f"{DOSSIER}/v1/leerlingen/{LEERLING_ID}").respond(json=data)
    backends.get(f"{DOSSIER}/v1/leerlingen/{LEERLING_ID}/dossiers").respond(json=[])
    backends.get(f"{DOSSIER}/v1/dossiers", params={"leerling_id": LEERLING_ID}).respond(json=[])
    return backends.get(f"{DOSSIER}/v1/leerlingen/{LEERLING_ID}/inrichting").respond(json=INRICHTING)


@pytest.mark.parametrize(
    ("tab", "teksten"),
    [
        ("basisgegevens", ["99AA-1001", "00237", "1A", "Ingeschreven"]),
        ("ouders-verzorgers", ["A. van Dijk", "Vrouw", "ouder@thuis.example", "ouders/verzorgers van het OSO-dossier"]),
        ("contact", ["Klassementor 1: Jeroen Hoëvenaars", "Persoonlijke mentor: Fatima el Amrani", "1A-wis"]),
        ("vrije-info", ["geen vrije informatie"]),
        ("communicatie", ["E-mail (school, uit Magister): daan@school.example", "Toevoegen"]),
    ],
)
async def test_each_tab(
    client: httpx.AsyncClient, aanmelden: Aanmelden, dossierdienst: respx.Route, tab: str, teksten: list[str]
) -> None:
    await aanmelden()
    pagina = await client.get(f"/leerlingen/{LEERLING_ID}/{tab}")
    assert pagina.status_code == 200, pagina.text
    for tekst in teksten:
        assert tekst in pagina.text
    assert f'href="/leerlingen/{LEERLING_ID}/{tab}" aria-current="page"' in pagina.text
    assert principal_van(dossierdienst.calls.last.request).rol is Rol.ZORGCOORDINATOR


async def test_mentors_as_contactpersoon_options_and_unknown_tab(
    client: httpx.AsyncClient, aanmelden: Aanmelden, dossierdienst: respx.Route
) -> None:
    await aanmelden()
    opties = await client.get(f"/leerlingen/{LEERLING_ID}/mentoren-opties")
    assert opties.status_code == 200
    assert '<option value="Jeroen Hoëvenaars">Klassementor 2026-2027</option>' in opties.text
    assert (await client.get(f"/leerlingen/{LEERLING_ID}/cijfers")).status_code in (404, 422)


async def test_communicatie_add_and_remove_puts_the_whole_record_back(
    client: httpx.AsyncClient, aanmelden: Aanmelden, dossierdienst: respx.Route, backends: respx.MockRouter
) -> None:
    put = backends.put(f"{DOSSIER}/v1/leerlingen/{LEERLING_ID}").respond(json=leerling())
    csrf = await aanmelden()
    pagina = await client.get(f"/leerlingen/{LEERLING_ID}/communicatie")
    assert 'for="com-nummer"' in pagina.text
    form = {
        "csrf_token": csrf,
        "actie": "toevoegen",
        "soort": "telefoon",
        "aanduiding": "prive",
        "nummer": "0612345678",
    }
    response = await client.post(f"/leerlingen/{LEERLING_ID}/communicatie", data=form)
    assert response.status_code == 303
    body = json.loads(put.calls.last.request.content)
    assert body["bsn"] == "123456782"  # a PUT replaces the record: the PGN goes back as it was read
    assert body["leerlingnummer"] == "99AA-1001"
    assert body["gegevens"]["communicatie"] == [
        {"soort": "telefoon", "aanduiding": "prive", "nummer": "0612345678", "geheim": False}
    ]
    assert body["gegevens"]["verzorgers"][0]["achternaam"] == "Dijk"
    leeg = await client.post(f"/leerlingen/{LEERLING_ID}/communicatie", data={**form, "nummer": " "})
    assert leeg.status_code == 303
    assert put.call_count == 1
    verwijder = {"csrf_token": csrf, "actie": "verwijderen", "index": "0"}
    assert (await client.post(f"/leerlingen/{LEERLING_ID}/communicatie", data=verwijder)).status_code == 303
    assert json.loads(put.calls.last.request.content)["gegevens"]["communicatie"] == []


async def test_verzorger_add_and_remove(
    client: httpx.AsyncClient, aanmelden: Aanmelden, dossierdienst: respx.Route, backends: respx.MockRouter
) -> None:
    put = backends.put(f"{DOSSIER}/v1/leerlingen/{LEERLING_ID}").respond(json=leerling())
    csrf = await aanmelden()
    assert 'for="vz-achternaam"' in (await client.get(f"/leerlingen/{LEERLING_ID}/ouders-verzorgers")).text
    form = {"csrf_token": csrf, "actie": "toevoegen", "voorletters": "K.", "achternaam": "Bos", "geslacht": "1"}
    response = await client.post(f"/leerlingen/{LEERLING_ID}/verzorgers", data={**form, "email": "k@bos.example"})
    assert response.status_code == 303
    body = json.loads(put.calls.last.request.content)
    assert body["bsn"] == "123456782"
    assert [v["achternaam"] for v in body["gegevens"]["verzorgers"]] == ["Dijk", "Bos"]
    assert body["gegevens"]["verzorgers"][1] == {
        "voorletters": "K.",
        "geslacht": "1",
        "achternaam": "Bos",
        "wettigevertegenwoordiger": False,
        "communicatie": [{"soort": "e-mail", "nummer": "k@bos.example"}],
    }
    assert (
        await client.post(f"/leerlingen/{LEERLING_ID}/verzorgers", data={**form, "achternaam": ""})
    ).status_code == 303
    assert put.call_count == 1
    verwijder = {"csrf_token": csrf, "actie": "verwijderen", "index": "0"}
    assert (await client.post(f"/leerlingen/{LEERLING_ID}/verzorgers", data=verwijder)).status_code == 303
    assert json.loads(put.calls.last.request.content)["gegevens"]["verzorgers"] == []
