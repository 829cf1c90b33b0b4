"""The whole chain over HTTP: compose → valideren → opvraagbaar → hulpvraag → terugkoppeling back at the school.

Also each missing setup step refused with its own code, a mandate revoked between opvraagbaar maken and
the fetch, the receiver down and coming back, and a dead letter retried by an admin.
"""

from __future__ import annotations

import re
import uuid

import httpx
import pytest

from oso_dev.demo.world import SWV_RIJNMOND, SWV_UTRECHT
from oso_dev.keten import Keten
from oso_shared.auth import Rol
from tests.e2e.keten import Schoolkant, Swvkant, wacht_tot

pytestmark = pytest.mark.e2e

RIJNMOND = SWV_RIJNMOND.aanleverpunt_id


def _uniek(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:8]}"


async def _status(school: Schoolkant, dossier_id: str) -> str:
    return str((await school.dossier(dossier_id))["status"])


async def _wacht_op_status(school: Schoolkant, dossier_id: str, status: str, timeout: float = 30.0) -> None:
    async def klaar() -> bool:
        return await _status(school, dossier_id) == status

    await wacht_tot(klaar, timeout=timeout, wat=f"dossierstatus {status}")


async def _wacht_op_hulpvraag(swv: Swvkant, achternaam: str, timeout: float = 30.0) -> dict[str, object]:
    async def er() -> bool:
        return await swv.hulpvraag_van(achternaam) is not None

    await wacht_tot(er, timeout=timeout, wat=f"hulpvraag voor {achternaam}")
    hulpvraag = await swv.hulpvraag_van(achternaam)
    assert hulpvraag is not None
    return hulpvraag


async def _gereed_dossier(school: Schoolkant, achternaam: str) -> str:
    leerling = await school.nieuwe_leerling(achternaam)
    dossier_id = await school.nieuw_dossier(leerling, RIJNMOND)
    await school.gereed_voor_verzending(dossier_id)
    return dossier_id


async def _metric(http: httpx.AsyncClient, keten: Keten, naam: str) -> float:
    tekst = (await http.get(f"{keten.url('oso-gateway')}/metrics")).text
    return sum(float(m) for m in re.findall(rf"^{naam}(?:{{[^}}]*}})? ([0-9.e+-]+)$", tekst, re.MULTILINE))


async def test_happy_path(keten: Keten, http: httpx.AsyncClient) -> None:
    school = Schoolkant(keten, http, "99AA")
    swv = Swvkant(keten, http, SWV_RIJNMOND.code)
    achternaam = _uniek("Happy")
    dossier_id = await _gereed_dossier(school, achternaam)
    gevalideerd = await school.dossier(dossier_id)
    assert gevalideerd["validatie"]["valid"] is True
    opvraagbaar = await school.actie(dossier_id, "opvraagbaar-maken")
    assert opvraagbaar.status_code == 200, opvraagbaar.text
    assert opvraagbaar.json()["status"] == "opvraagbaar"

    hulpvraag = await _wacht_op_hulpvraag(swv, achternaam)
    assert hulpvraag["titel"] == "Nog in te vullen…"
    assert (hulpvraag["brin"], hulpvraag["vestigingscode"]) == ("99AA", "00")
    await _wacht_op_status(school, dossier_id, "opgehaald")

    pad = f"/hulpvragen/{hulpvraag['id']}"
    assert (await swv.post(f"{pad}/toekennen")).status_code == 200
    wijziging = {"titel": f"TLV {achternaam}", "omschrijving": "Aanvraag toelaatbaarheidsverklaring"}
    patch = await http.patch(f"{swv.basis}{pad}", json=wijziging, headers=swv.headers)
    assert patch.status_code == 200
    terug = {"status": "toegekend", "bericht": "De TLV is afgegeven.", "referentie": f"REF-{achternaam}"}
    assert (await swv.post(f"{pad}/terugkoppeling", json=terug)).status_code == 202

    async def teruggekoppeld() -> bool:
        return (await school.dossier(dossier_id)).get("terugkoppeling") is not None

    await wacht_tot(teruggekoppeld, timeout=30, wat="terugkoppeling zichtbaar op het dossier")
    dossier = await school.dossier(dossier_id)
    assert dossier["terugkoppeling"]["bericht"] == "De TLV is afgegeven."
    assert dossier["terugkoppeling"]["status"] == "toegekend"
    assert keten.dood() == []


@pytest.mark.parametrize(
    ("brin", "aanleverpunt", "codes"),
    [
        ("99AB", SWV_RIJNMOND.aanleverpunt_id, {"MANDAAT_SWV_SYSTEEM_ONTBREEKT"}),
        ("99BB", SWV_UTRECHT.aanleverpunt_id, {"MANDAAT_SCHOOLSYSTEEM_ONTBREEKT"}),
        ("99BA", SWV_UTRECHT.aanleverpunt_id, {"BRIN_NIET_GEREGISTREERD_VOOR_OSO_SWV", "AANLEVERPUNT_NIET_INGESTELD"}),
    ],
)
async def test_ontbrekende_stap_geweigerd(
    keten: Keten, http: httpx.AsyncClient, brin: str, aanleverpunt: str, codes: set[str]
) -> None:
    school = Schoolkant(keten, http, brin)
    leerling = await school.nieuwe_leerling(_uniek("Stap"))
    dossier_id = await school.nieuw_dossier(leerling, aanleverpunt)
    await school.gereed_voor_verzending(dossier_id)
    response = await school.actie(dossier_id, "opvraagbaar-maken")
    assert response.status_code == 403, response.text  # the registry refuses: 403 as in the gateway (contracts.md)
    probleem = response.json()
    assert probleem["code"] == "UITWISSELING_NIET_TOEGESTAAN"
    assert {o["code"] for o in probleem["ontbrekend"]} == codes
    assert all(o["uitleg"] for o in probleem["ontbrekend"])
    assert await _status(school, dossier_id) == "gevalideerd"


async def test_school_niet_geregistreerd_bij_swv(keten: Keten, http: httpx.AsyncClient) -> None:
    # 99AC is only registered at Rijnmond with its own vestiging 02; vestiging 00 is not.
    school = Schoolkant(keten, http, "99AC")
    leerling = await school.nieuwe_leerling(_uniek("Reg"), vestigingscode="00")
    response = await http.post(
        f"{school.basis}/dossiers",
        json={"leerling_id": leerling, "vestigingscode": "00", "aanleverpunt_id": RIJNMOND},
        headers=school.headers,
    )
    if response.status_code == 201:
        dossier_id = response.json()["id"]
        await school.gereed_voor_verzending(dossier_id)
        response = await school.actie(dossier_id, "opvraagbaar-maken")
        assert response.status_code == 403, response.text
        assert "SCHOOL_NIET_GEREGISTREERD_BIJ_SWV" in {o["code"] for o in response.json()["ontbrekend"]}
    else:
        assert response.status_code == 422, response.text
        assert response.json()["code"] == "AANLEVERPUNT_NIET_TOEGESTAAN"


async def test_mandaat_ingetrokken_voor_ophalen(keten: Keten, http: httpx.AsyncClient) -> None:
    school = Schoolkant(keten, http, "99AA")
    swv = Swvkant(keten, http, SWV_RIJNMOND.code)
    bestuur = keten.token(Rol.BESTUURSBEHEERDER, bestuur="41234")
    mandaat = f"{keten.url('registry')}/v1/scholen/99AA/mandaten"
    achternaam = _uniek("Mandaat")
    dossier_id = await _gereed_dossier(school, achternaam)
    worker = keten.proces("swv-receiver-w1")
    worker.stop()
    try:
        assert (await school.actie(dossier_id, "opvraagbaar-maken")).status_code == 200
        await _wacht_op_status(school, dossier_id, "notificatie_verzonden")
        ingetrokken = await http.delete(f"{mandaat}/OSO-SWV/Kindkans", headers=bestuur)
        assert ingetrokken.status_code == 200, ingetrokken.text
        keten.start_proces("swv-receiver-w1")

        async def geweigerd() -> bool:
            response = await http.get(f"{swv.basis}/notificaties", headers=swv.headers)
            return any(n["reden"] == "UITWISSELING_NIET_TOEGESTAAN" for n in response.json())

        await wacht_tot(geweigerd, timeout=30, wat="ophalen geweigerd door de gateway")
        assert await swv.hulpvraag_van(achternaam) is None
        assert await _status(school, dossier_id) == "notificatie_verzonden"
    finally:
        if not worker.leeft():
            keten.start_proces("swv-receiver-w1")
        hersteld = await http.post(mandaat, json={"dienst": "OSO-SWV", "systeem": "Kindkans"}, headers=bestuur)
        assert hersteld.status_code in (200, 201), hersteld.text
    # With the mandate back, the SWV retries its refused fetch and the dossier arrives after all.
    notificaties = (await http.get(f"{swv.basis}/notificaties", headers=swv.headers)).json()
    [geweigerde] = [n for n in notificaties if n["reden"] == "UITWISSELING_NIET_TOEGESTAAN"]
    assert (await swv.post(f"/notificaties/{geweigerde['id']}/opnieuw")).status_code == 202
    await _wacht_op_hulpvraag(swv, achternaam)
    await _wacht_op_status(school, dossier_id, "opgehaald")


async def test_ontvanger_even_weg(keten: Keten, http: httpx.AsyncClient) -> None:
    school = Schoolkant(keten, http, "99AA")
    swv = Swvkant(keten, http, SWV_RIJNMOND.code)
    achternaam = _uniek("Weg")
    dossier_id = await _gereed_dossier(school, achternaam)
    ontvanger = keten.proces("swv-receiver")
    fouten_voor = await _metric(http, keten, "gateway_outbox_failures")
    ontvanger.stop()
    try:
        assert (await school.actie(dossier_id, "opvraagbaar-maken")).status_code == 200

        async def mislukte_poging() -> bool:
            return await _metric(http, keten, "gateway_outbox_failures") > fouten_voor

        await wacht_tot(mislukte_poging, timeout=30, wat="mislukte notificatiepoging")
        assert await _status(school, dossier_id) == "opvraagbaar"
    finally:
        keten.start_proces("swv-receiver")
    await keten.wacht_tot_gereed(["swv-receiver"])
    await _wacht_op_hulpvraag(swv, achternaam)
    await _wacht_op_status(school, dossier_id, "opgehaald")


async def test_dead_letter_opnieuw_door_beheerder(keten: Keten, http: httpx.AsyncClient) -> None:
    school = Schoolkant(keten, http, "99AA")
    swv = Swvkant(keten, http, SWV_RIJNMOND.code)
    achternaam = _uniek("Dood")
    dossier_id = await _gereed_dossier(school, achternaam)
    ontvanger = keten.proces("swv-receiver")
    ontvanger.stop()
    try:
        assert (await school.actie(dossier_id, "opvraagbaar-maken")).status_code == 200
        await _wacht_op_status(school, dossier_id, "mislukt", timeout=60)
        lijst = keten.admin("afleveringen", "lijst")
        assert lijst.returncode == 0, lijst.stderr
        assert "notificatie" in lijst.stdout
    finally:
        keten.start_proces("swv-receiver")
    await keten.wacht_tot_gereed(["swv-receiver"])
    aflevering_id = (await school.dossier(dossier_id))["aflevering_id"]
    assert aflevering_id is not None
    opnieuw = keten.admin("afleveringen", "opnieuw", str(aflevering_id))
    assert opnieuw.returncode == 0, opnieuw.stderr
    await _wacht_op_hulpvraag(swv, achternaam)
    await _wacht_op_status(school, dossier_id, "opgehaald")
