"""The gateway and the receiver as real processes: notify, fetch, hulpvraag and terugkoppeling back."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest

from oso_dev.demo.world import SWV_RIJNMOND
from oso_dev.keten import Keten
from oso_shared.auth import Rol
from tests.e2e.keten import wacht_tot

pytestmark = pytest.mark.e2e

NS = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"


def _dossier(brin: str, vestigingscode: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<dossier xmlns="{NS}"><metadata><overstap>VOSWV</overstap></metadata><overdrachtsoort>swv-dossier</overdrachtsoort>
<huidigeschool><naam>De Brug</naam><brincode>{brin}</brincode><vestigingscode>{vestigingscode}</vestigingscode>
<leerling><roepnaam>Sam</roepnaam><achternaam>Jansen</achternaam></leerling></huidigeschool></dossier>""".encode()


async def test_aflevering_wordt_hulpvraag_en_terugkoppeling_komt_aan(keten: Keten, http: httpx.AsyncClient) -> None:
    aflevering_id = str(uuid.uuid4())
    meta = {
        "aflevering_id": aflevering_id,
        "dossier_id": str(uuid.uuid4()),
        "dienst": "OSO-SWV",
        "bron": {"brin": "99AA", "vestigingscode": "00", "systeem": "Magister"},
        "doel": {"aanleverpunt": SWV_RIJNMOND.aanleverpunt_id},
    }
    files: dict[str, tuple[str | None, bytes, str]] = {
        "meta": (None, json.dumps(meta).encode(), "application/json"),
        "dossier": ("dossier.xml", _dossier("99AA", "00"), "application/xml"),
    }
    dienst = keten.token(Rol.DIENST, dienst="dossier")
    response = await http.post(
        f"{keten.url('oso-gateway')}/v1/afleveringen",
        files=files,
        headers={**dienst, "Idempotency-Key": aflevering_id},
    )
    assert response.status_code == 201, response.text
    swv = keten.token(Rol.SWV_BEHEERDER, swv=SWV_RIJNMOND.code)
    receiver = keten.url("swv-receiver")

    async def hulpvraag_er() -> bool:
        return bool((await http.get(f"{receiver}/v1/hulpvragen", headers=swv)).json())

    await wacht_tot(hulpvraag_er, timeout=30, wat="hulpvraag bij de ontvanger")
    [hulpvraag] = (await http.get(f"{receiver}/v1/hulpvragen", headers=swv)).json()
    assert hulpvraag["titel"] == "Nog in te vullen…"
    assert (hulpvraag["brin"], hulpvraag["vestigingscode"]) == ("99AA", "00")
    url = f"{receiver}/v1/hulpvragen/{hulpvraag['id']}"
    assert (await http.post(f"{url}/toekennen", headers=swv)).status_code == 200
    body = {"status": "in_behandeling", "bericht": "Ontvangen, we nemen contact op.", "referentie": "HV-1"}
    assert (await http.post(f"{url}/terugkoppeling", json=body, headers=swv)).status_code == 202

    async def verzonden() -> bool:
        detail = (await http.get(url, headers=swv)).json()
        return bool(detail["terugkoppelingen"][0]["aflevering"] == "verzonden")

    await wacht_tot(verzonden, timeout=30, wat="terugkoppeling afgeleverd bij de gateway")
    assert keten.dood() == []
