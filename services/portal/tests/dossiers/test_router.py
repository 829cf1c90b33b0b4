"""The zorgcoördinator's dossier pages against a stubbed dossier service and registry."""

from __future__ import annotations

import json

import httpx
import pytest
import respx

from oso_shared.auth import Rol

from ..conftest import DOSSIER, Aanmelden
from ..helpers import AANLEVERPUNT_ID, DOSSIER_ID, LEERLING_ID, dossier, leerling, principal_van

KEUZES = {
    "vestigingen": [
        {"vestigingscode": "00", "naam": "De Brug hoofdlocatie"},
        {"vestigingscode": "01", "naam": "De Brug Noord"},
    ],
    "aanleverpunten": [
        {"id": AANLEVERPUNT_ID, "nummer": "2801500", "label": "2801 500 SWV VO Rijnmond",
         "swv": {"code": "VO2801", "naam": "SWV"}},
    ],
    "optionele_categorieen": [{"naam": "cat_verzuim", "label": "Verzuim"}],
    "waarschuwing": "Een VO-SWV-dossier wordt na opvraagbaar maken direct naar het samenwerkingsverband gestuurd.",
}  # fmt: skip
MELDING_WORDT_VERSTUURD = "Notificatie aan samenwerkingsverband wordt verstuurd"
MELDING_VERSTUURD = "Notificatie aan samenwerkingsverband is verstuurd"


def _stub_dossier(backends: respx.MockRouter, body: dict[str, object], tijdlijn: list[object] | None = None) -> None:
    backends.get(f"{DOSSIER}/v1/dossiers/{DOSSIER_ID}").respond(json=body)
    backends.get(f"{DOSSIER}/v1/dossiers/{DOSSIER_ID}/tijdlijn").respond(json=tijdlijn or [])
    backends.get(f"{DOSSIER}/v1/leerlingen/{LEERLING_ID}").respond(json=leerling())


async def test_nieuw_dossier_biedt_de_keuzes_van_de_dossierdienst_en_waarschuwt(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    backends.get(f"{DOSSIER}/v1/leerlingen/{LEERLING_ID}").respond(json=leerling())
    keuzes = backends.get(f"{DOSSIER}/v1/dossierkeuzes").respond(json=KEUZES)
    await aanmelden()
    response = await client.get(f"/leerlingen/{LEERLING_ID}/dossiers/nieuw")
    assert response.status_code == 200
    assert principal_van(keuzes.calls.last.request).school == "99AA"
    assert "2801 500 SWV VO Rijnmond — SWV</option>" in response.text  # the label with the SWV's name
    assert "wordt direct verstuurd naar het samenwerkingsverband" in response.text
    assert "kan daarna niet meer worden verwijderd" in response.text
    assert '<label class="utrecht-form-label" for="aanleverpunt">Aanleverpunt Doel</label>' in response.text
    assert "99AA01 De Brug Noord" in response.text


async def test_dossier_aanmaken_stuurt_keuzes_door(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    maak = backends.post(f"{DOSSIER}/v1/dossiers").respond(201, json=dossier())
    csrf = await aanmelden()
    response = await client.post(
        f"/leerlingen/{LEERLING_ID}/dossiers",
        data={"csrf_token": csrf, "type": "VO-SWV", "vestigingscode": "01", "aanleverpunt": AANLEVERPUNT_ID},
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/dossiers/{DOSSIER_ID}/gegevens"
    assert json.loads(maak.calls.last.request.content) == {
        "leerling_id": LEERLING_ID,
        "vestigingscode": "01",
        "aanleverpunt_id": AANLEVERPUNT_ID,
        "vorige_dossier_id": None,
    }


async def test_geweigerd_aanmaken_toont_uitleg_met_de_gekozen_waarden(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    backends.post(f"{DOSSIER}/v1/dossiers").respond(
        422, json={"status": 422, "code": "VESTIGING_ONBEKEND", "detail": "Vestiging hoort niet bij deze school."}
    )
    backends.get(f"{DOSSIER}/v1/leerlingen/{LEERLING_ID}").respond(json=leerling())
    backends.get(f"{DOSSIER}/v1/dossierkeuzes").respond(json=KEUZES)
    csrf = await aanmelden()
    response = await client.post(
        f"/leerlingen/{LEERLING_ID}/dossiers",
        data={"csrf_token": csrf, "type": "VO-SWV", "vestigingscode": "01", "aanleverpunt": AANLEVERPUNT_ID},
    )
    assert response.status_code == 422
    assert "Vestiging hoort niet bij deze school." in response.text
    assert f'<option value="{AANLEVERPUNT_ID}" selected>' in response.text
    assert '<option value="01" selected>' in response.text


async def test_formulier_zonder_csrf_raakt_de_backend_niet(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    maak = backends.post(f"{DOSSIER}/v1/dossiers").respond(201, json=dossier())
    await aanmelden()
    response = await client.post(
        f"/leerlingen/{LEERLING_ID}/dossiers",
        data={"csrf_token": "vervalst", "type": "VO-SWV", "vestigingscode": "00", "aanleverpunt": AANLEVERPUNT_ID},
    )
    assert response.status_code == 403
    assert not maak.called


async def test_optionele_gegevens_en_voltooien(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    wijzig = backends.patch(f"{DOSSIER}/v1/dossiers/{DOSSIER_ID}").respond(json=dossier())
    voltooi = backends.post(f"{DOSSIER}/v1/dossiers/{DOSSIER_ID}/voltooien").respond(json=dossier())
    csrf = await aanmelden()
    response = await client.post(
        f"/dossiers/{DOSSIER_ID}/optioneel",
        data={
            "csrf_token": csrf,
            "contactnodig": "ja",
            "contactpersoon": "J. de Mentor",
            "aandachtspunten": "Intake plannen",
            "meesturen": ["cat_verzuim", "cat_overstapadvies"],
            "actie": "voltooien",
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/dossiers/{DOSSIER_ID}/bijlagen"
    body = json.loads(wijzig.calls.last.request.content)
    assert body["opties"]["contactnodig"] is True
    assert body["opties"]["contactpersoon"] == "J. de Mentor"
    assert body["categorieen"]["cat_verzuim"] is True
    assert body["categorieen"]["cat_cijferlijsten"] is False
    assert voltooi.called


async def test_valideren_geslaagd_toont_bekende_melding(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    melding = "Het dossier is correct bevonden"
    validatie = {"valid": True, "xsd_toegepast": True, "melding": melding, "op": "2026-11-23T10:06:00Z", "findings": []}
    backends.post(f"{DOSSIER}/v1/dossiers/{DOSSIER_ID}/valideren").respond(
        json=dossier("gevalideerd", validatie=validatie)
    )
    _stub_dossier(backends, dossier("gevalideerd", validatie=validatie))
    csrf = await aanmelden()
    response = await client.post(f"/dossiers/{DOSSIER_ID}/acties/valideren", data={"csrf_token": csrf})
    assert response.status_code == 303
    page = await client.get(response.headers["location"])
    # The dossier service's own sentence, in the flash message and in the validation block.
    assert page.text.count(melding) == 2


async def test_mislukte_validatie_noemt_veld_en_link_om_te_herstellen(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    validatie = {
        "valid": False,
        "xsd_toegepast": True,
        "melding": "Het dossier bevat 1 fout(en).",
        "op": "2026-11-23T10:06:00Z",
        "findings": [
            {
                "rule": "PaO.LL20",
                "severity": "fout",
                "path": "/dossier/huidigeschool/leerling/schoolloopbaanlijst",
                "message": "Er moet minstens één schoolloopbaan zijn.",
                "hint": "Vul de schoolloopbaan van de leerling aan.",
            }
        ],
    }
    _stub_dossier(backends, dossier("concept", validatie=validatie))
    await aanmelden()
    page = await client.get(f"/dossiers/{DOSSIER_ID}/gegevens")
    assert "Fout in Schoolloopbaan:" in page.text
    assert "Er moet minstens één schoolloopbaan zijn." in page.text
    assert f'href="/leerlingen/{LEERLING_ID}"' in page.text


@pytest.mark.parametrize("status", [403, 409])
async def test_weigering_register_noemt_stap_en_wie_moet_handelen(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter, status: int
) -> None:
    # The dossier service answers this refusal with 403 (earlier 409): the page is the same for both.
    ontbrekend = [
        {"stap": 2, "code": "MANDAAT_SWV_SYSTEEM_ONTBREEKT", "wie": "bestuur", "uitleg": "Het bestuur moet ..."},
        {"stap": 1, "code": "SCHOOL_NIET_GEREGISTREERD_BIJ_SWV", "wie": "swv", "uitleg": "Het SWV moet ..."},
    ]
    backends.post(f"{DOSSIER}/v1/dossiers/{DOSSIER_ID}/opvraagbaar-maken").respond(
        status,
        json={
            "status": status,
            "code": "UITWISSELING_NIET_TOEGESTAAN",
            "detail": "Nog niet.",
            "ontbrekend": ontbrekend,
        },
    )
    _stub_dossier(backends, dossier("gevalideerd"))
    csrf = await aanmelden()
    response = await client.post(f"/dossiers/{DOSSIER_ID}/acties/opvraagbaar-maken", data={"csrf_token": csrf})
    assert response.status_code == 409
    assert "<strong>Stap 2</strong> – actie nodig van <strong>het schoolbestuur (bestuursbeheerder)</strong>" in (
        response.text
    )
    assert "het samenwerkingsverband (SWV-beheerder)" in response.text
    assert "MANDAAT_SWV_SYSTEEM_ONTBREEKT" in response.text


async def test_opvraagbaar_dossier_toont_status_en_pollt(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    _stub_dossier(
        backends,
        dossier("opvraagbaar", melding=MELDING_WORDT_VERSTUURD),
        [{"soort": "opvraagbaar", "op": "2026-11-23T10:07:00Z", "door": "x", "reden": None, "gegevens": None}],
    )
    await aanmelden()
    page = await client.get(f"/dossiers/{DOSSIER_ID}/gegevens")
    assert MELDING_WORDT_VERSTUURD in page.text
    assert f'hx-get="/dossiers/{DOSSIER_ID}/status"' in page.text
    # Frozen: no edit actions any more.
    assert "acties/valideren" not in page.text
    backends.get(f"{DOSSIER}/v1/dossiers/{DOSSIER_ID}").respond(
        json=dossier("notificatie_verzonden", melding=MELDING_VERSTUURD)
    )
    fragment = await client.get(f"/dossiers/{DOSSIER_ID}/status", headers={"hx-request": "true"})
    assert MELDING_VERSTUURD in fragment.text
    assert "<html" not in fragment.text


async def test_upload_stroomt_bestand_door_met_naam_en_omschrijving(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    upload = backends.post(f"{DOSSIER}/v1/dossiers/{DOSSIER_ID}/bijlagen").respond(201, json={"id": "b"})
    csrf = await aanmelden()
    inhoud = b"%PDF-1.4 " + b"x" * 300_000
    response = await client.post(
        f"/uploads/dossiers/{DOSSIER_ID}/bijlagen",
        data={"csrf_token": csrf, "omschrijving": "Verslag één"},
        files={"bestand": ("verslag 1.pdf", inhoud, "application/pdf")},
    )
    assert response.status_code == 303
    request = upload.calls.last.request
    assert request.content == inhoud
    assert request.headers["content-type"] == "application/pdf"
    assert request.headers["content-disposition"] == "attachment; filename*=UTF-8''verslag%201.pdf"
    assert request.headers["content-description"] == "Verslag%20%C3%A9%C3%A9n"


async def test_upload_boven_limiet_wordt_niet_doorgestuurd(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    upload = backends.post(f"{DOSSIER}/v1/dossiers/{DOSSIER_ID}/bijlagen").respond(201, json={"id": "b"})
    csrf = await aanmelden()
    response = await client.post(
        f"/uploads/dossiers/{DOSSIER_ID}/bijlagen",
        data={"csrf_token": csrf},
        files={"bestand": ("groot.pdf", b"x" * 100, "application/pdf")},
        headers={"content-length": str(61 * 1024 * 1024)},
    )
    assert response.status_code == 303
    assert not upload.called


async def test_afgewezen_bijlagetype_wordt_gemeld(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    backends.post(f"{DOSSIER}/v1/dossiers/{DOSSIER_ID}/bijlagen").respond(
        415, json={"status": 415, "code": "BIJLAGETYPE_NIET_TOEGESTAAN", "detail": "Dit bestandstype mag niet."}
    )
    _stub_dossier(backends, dossier())
    csrf = await aanmelden()
    response = await client.post(
        f"/uploads/dossiers/{DOSSIER_ID}/bijlagen",
        data={"csrf_token": csrf},
        files={"bestand": ("virus.exe", b"MZ", "application/octet-stream")},
        follow_redirects=True,
    )
    assert "De bijlage is niet toegevoegd: Dit bestandstype mag niet." in response.text


async def test_pdf_wordt_doorgegeven(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    backends.get(f"{DOSSIER}/v1/dossiers/{DOSSIER_ID}/pdf").respond(
        content=b"%PDF-1.4", headers={"content-type": "application/pdf"}
    )
    await aanmelden(Rol.ZORGCOORDINATOR)
    response = await client.get(f"/dossiers/{DOSSIER_ID}/pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content == b"%PDF-1.4"


async def test_concept_verwijderen_vraagt_eerst_bevestiging(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    _stub_dossier(backends, dossier())
    delete = backends.delete(f"{DOSSIER}/v1/dossiers/{DOSSIER_ID}").respond(204)
    csrf = await aanmelden()
    vraag = await client.post(f"/dossiers/{DOSSIER_ID}/verwijderen", data={"csrf_token": csrf})
    assert vraag.status_code == 200
    assert "Weet je zeker dat je dit conceptdossier wilt verwijderen?" in vraag.text
    assert not delete.called
    klaar = await client.post(f"/dossiers/{DOSSIER_ID}/verwijderen", data={"csrf_token": csrf, "bevestigen": "ja"})
    assert klaar.status_code == 303
    assert klaar.headers["location"] == f"/leerlingen/{LEERLING_ID}"
    assert delete.called


async def test_correctie_is_nieuw_dossier_dat_verwijst_naar_het_eerdere(
    client: httpx.AsyncClient, aanmelden: Aanmelden, backends: respx.MockRouter
) -> None:
    _stub_dossier(backends, dossier("opgehaald"))
    nieuw_id = "33333333-3333-4333-8333-333333333333"
    maak = backends.post(f"{DOSSIER}/v1/dossiers").respond(201, json=dossier(id=nieuw_id))
    csrf = await aanmelden()
    pagina = await client.get(f"/dossiers/{DOSSIER_ID}/gegevens")
    assert "Correctie maken (nieuw dossier)" in pagina.text
    assert "Conceptdossier verwijderen" not in pagina.text
    response = await client.post(f"/dossiers/{DOSSIER_ID}/correctie", data={"csrf_token": csrf})
    assert response.status_code == 303
    assert response.headers["location"] == f"/dossiers/{nieuw_id}/gegevens"
    assert json.loads(maak.calls.last.request.content)["vorige_dossier_id"] == DOSSIER_ID
