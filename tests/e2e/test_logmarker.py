"""No pupil data in any log line: a full chain run with a marker in every free-text field, error paths included.

Every process of the chain writes its output to ``<werkmap>/logs/<name>.log`` (``oso_dev.keten``); after the run
the marker and the pupil's BSN must appear in none of them.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from oso_dev.demo.world import SWV_RIJNMOND
from oso_dev.keten import Keten
from tests.e2e.keten import Schoolkant, Swvkant, wacht_tot

pytestmark = pytest.mark.e2e

MARKER = "ZZMARKERZZ"
BSN = "123456782"
# The free-text fields of a leerling; codes, dates and patterned fields cannot carry a marker and stay valid.
VRIJE_TEKST = {"voornamen", "achternaam", "roepnaam", "geboorteplaats", "plaats", "naam", "toetsnaam", "opmerking"}


def _met_marker(waarde: Any, sleutel: str = "") -> Any:
    if isinstance(waarde, dict):
        return {k: _met_marker(v, k) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_met_marker(v, sleutel) for v in waarde]
    if isinstance(waarde, str) and sleutel in VRIJE_TEKST:
        return f"{waarde}{MARKER}"
    return waarde


def _zip_bom() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        zf.writestr("word/document.xml", b"\x00" * (64 << 20))
    return buffer.getvalue()


async def _upload(school: Schoolkant, dossier_id: str, naam: str, inhoud: bytes) -> httpx.Response:
    headers = {
        **school.headers,
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(naam)}",
        "Content-Description": quote(f"Verslag {MARKER}"),
    }
    return await school.http.post(f"{school.basis}/dossiers/{dossier_id}/bijlagen", content=inhoud, headers=headers)


async def test_marker_in_no_log_line(keten: Keten, http: httpx.AsyncClient) -> None:
    school = Schoolkant(keten, http, "99AA")
    swv = Swvkant(keten, http, SWV_RIJNMOND.code)
    gegevens = _met_marker(await school._template())
    achternaam = gegevens["achternaam"]
    body = {"vestigingscode": "00", "leerlingnummer": f"M-{MARKER}", "bsn": BSN, "gegevens": gegevens}

    # Error paths first: a NUL in the surname, a value too long, unknown fields.
    nul = {**body, "gegevens": {**gegevens, "achternaam": f"de Vries\u0000{MARKER}"}}
    assert (await http.post(f"{school.basis}/leerlingen", json=nul, headers=school.headers)).status_code == 422
    lang = {**body, "gegevens": {**gegevens, "roepnaam": MARKER * 60}, "extra": MARKER}
    assert (await http.post(f"{school.basis}/leerlingen", json=lang, headers=school.headers)).status_code == 422

    aangemaakt = await http.post(f"{school.basis}/leerlingen", json=body, headers=school.headers)
    assert aangemaakt.status_code == 201, aangemaakt.text
    leerling_id = aangemaakt.json()["id"]
    assert (await http.get(f"{school.basis}/leerlingen/{leerling_id}", headers=school.headers)).json()["bsn"] == BSN
    dossier_id = await school.nieuw_dossier(leerling_id, SWV_RIJNMOND.aanleverpunt_id)
    opties = {"opties": {"contactpersoon": f"Mentor {MARKER}", "aandachtspunten": f"Let op {MARKER}"}}
    wijziging = await http.patch(f"{school.basis}/dossiers/{dossier_id}", json=opties, headers=school.headers)
    assert wijziging.status_code == 200, wijziging.text

    # Invalid bijlagen: HTML named .txt, a zip bomb named .docx, a bidi override in the name; then a good one.
    html = f"<html><body>{MARKER}<script>x()</script></body></html>".encode()
    assert (await _upload(school, dossier_id, f"{MARKER}.txt", html)).status_code == 415
    assert (await _upload(school, dossier_id, f"{MARKER}.docx", _zip_bom())).status_code == 415
    goed = await _upload(school, dossier_id, f"{MARKER}\u202etxt.pdf", f"Gesprek met {MARKER}.\n".encode())
    assert goed.status_code == 415  # the content is text, the name says pdf
    goed = await _upload(school, dossier_id, f"verslag {MARKER}\u202e.txt", f"Gesprek met {MARKER}.\n".encode())
    assert goed.status_code == 201, goed.text
    assert "\u202e" not in goed.json()["bestandsnaam"]

    await school.gereed_voor_verzending(dossier_id)
    opvraagbaar = await school.actie(dossier_id, "opvraagbaar-maken")
    assert opvraagbaar.status_code == 200, opvraagbaar.text

    async def er() -> bool:
        return await swv.hulpvraag_van(achternaam) is not None

    await wacht_tot(er, timeout=60, wat="hulpvraag")
    hulpvraag = await swv.hulpvraag_van(achternaam)
    assert hulpvraag is not None
    pad = f"/hulpvragen/{hulpvraag['id']}"
    assert (await swv.post(f"{pad}/toekennen")).status_code == 200
    terug = {"status": "toegekend", "bericht": f"TLV voor {MARKER}", "referentie": f"REF-{MARKER}"}
    assert (await swv.post(f"{pad}/terugkoppeling", json=terug)).status_code == 202
    fout = {"status": "toegekend", "bericht": f"\u0000{MARKER}"}
    assert (await swv.post(f"{pad}/terugkoppeling", json=fout)).status_code == 422

    async def teruggekoppeld() -> bool:
        return (await school.dossier(dossier_id)).get("terugkoppeling") is not None

    await wacht_tot(teruggekoppeld, timeout=60, wat="terugkoppeling op het dossier")

    regels = [
        (pad.name, regel)
        for pad in sorted(keten.logmap.glob("*.log"))
        for regel in pad.read_text(errors="replace").splitlines()
    ]
    assert len(regels) > 20  # the processes did log (requests, outbox)
    lekken = [f"{naam}: {regel[:300]}" for naam, regel in regels if MARKER in regel or BSN in regel]
    assert lekken == [], "\n".join(lekken)
    assert keten.dood() == []
