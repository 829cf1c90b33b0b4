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
    gegevens["communicatie"] = [{"soort": "telefoon", "nummer": "0101234567"}]
    data["vrije_info"] = "Broer in groep 6.\nGesprek gepland."
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
        ("vrije-info", ["Broer in groep 6.\nGesprek gepland.</textarea>", "gaat niet mee in\n      een OSO-dossier"]),
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
    assert body["gegevens"]["communicatie"][1] == {
        "soort": "telefoon",
        "aanduiding": "prive",
        "nummer": "0612345678",
        "geheim": False,
    }
    assert body["gegevens"]["verzorgers"][0]["achternaam"] == "Dijk"
    leeg = await client.post(f"/leerlingen/{LEERLING_ID}/communicatie", data={**form, "nummer": " "})
    assert leeg.status_code == 303
    assert put.call_count == 1
    verwijder = {"csrf_token": csrf, "actie": "verwijderen", "index": "0"}
    assert (await client.post(f"/leerlingen/{LEERLING_ID}/communicatie", data=verwijder)).status_code == 303
    assert json.loads(put.calls.last.request.content)["gegevens"]["communicatie"] == []  # the fixture's one


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


BASIS = {
    "voornamen": "Daan  Pieter",
    "roepnaam": "Daan",
    "voorvoegsel": "van",
    "achternaam": "Dijk",
    "geboortedatum": "14-03-2011",  # typed by hand: a browser without a date picker
    "geslacht": "1",
    "geboorteplaats": "Rotterdam",
    "onderwijssinds": "2015-08-20",
    "pgn_soort": "onderwijsnummer",
    "pgn": "100000009",
    "adres_straat": "Kerkstraat",
    "adres_nummer": "12",
    "adres_postcode": "3011 AB",
    "adres_plaats": "Rotterdam",
    "adresgeheim": "ja",
}


async def test_basisgegevens_form_shows_the_data_and_the_magister_note_but_never_the_pgn(
    client: httpx.AsyncClient, aanmelden: Aanmelden, dossierdienst: respx.Route
) -> None:
    await aanmelden()
    pagina = (await client.get(f"/leerlingen/{LEERLING_ID}/basisgegevens")).text
    assert 'action="/leerlingen/11111111-1111-4111-8111-111111111111/basisgegevens"' in pagina
    assert 'id="bg-achternaam" name="achternaam" type="text"' in pagina
    assert 'value="Dijk" required' in pagina
    assert 'type="date" autocomplete="off" maxlength="500" value="2011-03-14" required' in pagina
    assert "Achternaam (uit Magister)" in pagina
    assert "Geboorteplaats</label>" in pagina  # not delivered by Magister: no mark
    assert "overschrijft een volgende\n    Magister-import" in pagina
    assert "BSN vastgelegd" in pagina
    assert "123456782" not in pagina  # the PGN is replaced, never shown


async def test_basisgegevens_saved_put_the_whole_record_back(
    client: httpx.AsyncClient, aanmelden: Aanmelden, dossierdienst: respx.Route, backends: respx.MockRouter
) -> None:
    put = backends.put(f"{DOSSIER}/v1/leerlingen/{LEERLING_ID}").respond(json=leerling())
    csrf = await aanmelden()
    response = await client.post(f"/leerlingen/{LEERLING_ID}/basisgegevens", data={"csrf_token": csrf, **BASIS})
    assert response.status_code == 303
    assert response.headers["location"] == f"/leerlingen/{LEERLING_ID}/basisgegevens"
    body = json.loads(put.calls.last.request.content)
    assert (body["vestigingscode"], body["leerlingnummer"]) == ("00", "99AA-1001")
    assert (body["bsn"], body["onderwijsnummer"]) == (None, "100000009")
    gegevens = body["gegevens"]
    assert gegevens["voornamen"] == ["Daan", "Pieter"]
    assert gegevens["geboortedatum"] == "2011-03-14"
    assert (gegevens["geslacht"], gegevens["geboorteplaats"], gegevens["onderwijssinds"]) == (
        "1",
        "Rotterdam",
        "2015-08-20",
    )
    assert gegevens["adresgeheim"] is True
    assert gegevens["adressen"] == [
        {"soortadres": "bezoek", "straat": "Kerkstraat", "nummer": "12", "postcode": "3011 AB", "plaats": "Rotterdam"}
    ]
    # Data of the other tabs goes back as it was read.
    assert gegevens["verzorgers"][0]["achternaam"] == "Dijk"
    assert gegevens["communicatie"] == [{"soort": "telefoon", "nummer": "0101234567"}]
    assert "vrije_info" not in body

    # An empty PGN field keeps the PGN; empty fields are removed, the address too when all its fields are empty.
    leeg = {k: v for k, v in BASIS.items() if not k.startswith("adres") and k not in ("pgn", "geboorteplaats")}
    response = await client.post(f"/leerlingen/{LEERLING_ID}/basisgegevens", data={"csrf_token": csrf, **leeg})
    assert response.status_code == 303
    body = json.loads(put.calls.last.request.content)
    assert (body["bsn"], body["onderwijsnummer"]) == ("123456782", None)
    assert "geboorteplaats" not in body["gegevens"]
    assert body["gegevens"]["adressen"] == []
    assert body["gegevens"]["adresgeheim"] is False


async def test_basisgegevens_errors_show_the_form_again_and_put_nothing(
    client: httpx.AsyncClient, aanmelden: Aanmelden, dossierdienst: respx.Route, backends: respx.MockRouter
) -> None:
    put = backends.put(f"{DOSSIER}/v1/leerlingen/{LEERLING_ID}").respond(json=leerling())
    csrf = await aanmelden()
    fout = {**BASIS, "achternaam": " ", "geboortedatum": "31-02-2011", "pgn": "12345", "adres_plaats": ""}
    response = await client.post(f"/leerlingen/{LEERLING_ID}/basisgegevens", data={"csrf_token": csrf, **fout})
    assert response.status_code == 422
    for tekst in (
        "Niet opgeslagen: verbeter de gemarkeerde velden.",
        "Vul de achternaam in.",
        "Geboortedatum is geen datum: gebruik dd-mm-jjjj.",
        "Een BSN of onderwijsnummer heeft 9 cijfers.",
        "Vul de plaats in (of maak alle adresvelden leeg).",
        'value="Daan  Pieter"',  # what was typed stays
        'aria-invalid="true" aria-describedby="achternaam-fout"',
        '<details class="portal-kader" open>',
    ):
        assert tekst in response.text
    assert 'value="12345"' not in response.text  # a PGN is never echoed into the page
    geen_csrf = await client.post(f"/leerlingen/{LEERLING_ID}/basisgegevens", data={"csrf_token": "vals", **BASIS})
    assert geen_csrf.status_code == 403
    assert not put.called


async def test_basisgegevens_refused_by_the_dossier_show_its_field_errors(
    client: httpx.AsyncClient, aanmelden: Aanmelden, dossierdienst: respx.Route, backends: respx.MockRouter
) -> None:
    probleem = {
        "status": 422,
        "code": "ONGELDIGE_INVOER",
        "detail": "De invoer is ongeldig.",
        "fouten": [{"veld": "gegevens.adressen.0.postcode", "melding": "Postcode is te lang."}],
    }
    backends.put(f"{DOSSIER}/v1/leerlingen/{LEERLING_ID}").respond(422, json=probleem)
    csrf = await aanmelden()
    response = await client.post(f"/leerlingen/{LEERLING_ID}/basisgegevens", data={"csrf_token": csrf, **BASIS})
    assert response.status_code == 422
    assert "Niet opgeslagen: De invoer is ongeldig." in response.text
    assert '<div class="utrecht-form-field-error-message" id="adres_postcode-fout">Postcode is te lang.</div>' in (
        response.text
    )


async def test_vrije_info_saved_cleared_and_kept_when_too_long(
    client: httpx.AsyncClient, aanmelden: Aanmelden, dossierdienst: respx.Route, backends: respx.MockRouter
) -> None:
    put = backends.put(f"{DOSSIER}/v1/leerlingen/{LEERLING_ID}/vrije-info").respond(json={"vrije_info": "x"})
    csrf = await aanmelden()
    url = f"/leerlingen/{LEERLING_ID}/vrije-info"
    response = await client.post(url, data={"csrf_token": csrf, "tekst": " Regel 1\r\nRegel 2\r\n"})
    assert response.status_code == 303
    assert response.headers["location"] == url
    assert json.loads(put.calls.last.request.content) == {"vrije_info": "Regel 1\nRegel 2"}
    assert principal_van(put.calls.last.request).rol is Rol.ZORGCOORDINATOR
    assert "opgeslagen" in (await client.get(url)).text
    assert (await client.post(url, data={"csrf_token": csrf, "tekst": "  "})).status_code == 303
    assert json.loads(put.calls.last.request.content) == {"vrije_info": None}
    assert "leeggemaakt" in (await client.get(url)).text

    # 4000 characters with CRLF line breaks fit; one more does not, and the text typed stays in the form.
    past = "\r\n".join(["x" * 99] * 40)
    assert (await client.post(url, data={"csrf_token": csrf, "tekst": past})).status_code == 303
    assert len(json.loads(put.calls.last.request.content)["vrije_info"]) == 3999
    te_lang = await client.post(url, data={"csrf_token": csrf, "tekst": past + "yy"})
    assert te_lang.status_code == 422
    assert "Vrije info mag hoogstens 4000 tekens zijn (nu 4001)." in te_lang.text
    assert "yy</textarea>" in te_lang.text
    assert 'aria-describedby="vrije-info-uitleg vrije-info-fout" aria-invalid="true"' in te_lang.text
    assert (await client.post(url, data={"csrf_token": "vals", "tekst": "x"})).status_code == 403
    assert put.call_count == 3


async def test_vrije_info_refused_by_the_dossier(
    client: httpx.AsyncClient, aanmelden: Aanmelden, dossierdienst: respx.Route, backends: respx.MockRouter
) -> None:
    probleem = {"status": 422, "code": "ONGELDIGE_INVOER", "detail": "Vrije info bevat een ongeldig teken."}
    backends.put(f"{DOSSIER}/v1/leerlingen/{LEERLING_ID}/vrije-info").respond(422, json=probleem)
    csrf = await aanmelden()
    response = await client.post(f"/leerlingen/{LEERLING_ID}/vrije-info", data={"csrf_token": csrf, "tekst": "a"})
    assert response.status_code == 422
    assert "Niet opgeslagen: Vrije info bevat een ongeldig teken." in response.text
