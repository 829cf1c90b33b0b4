"""Generated XML of every demo leerling passes the official XSD and every PaO rule with zero findings."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from lxml import etree

from oso_dev.demo.dossier_data import SCHOOL_GEGEVENS, leerlingen
from oso_dossier.dossiers.oso_xml import OPTIONELE_CATEGORIEEN, Document, DossierInvoer, bouw
from oso_dossier.validation import validate

Auth = Callable[..., dict[str, str]]
NS = {"o": "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"}
ALLES_UIT = dict.fromkeys(OPTIONELE_CATEGORIEEN, False)
DEMO = leerlingen()


def _invoer(index: int, categorieen: dict[str, bool]) -> DossierInvoer:
    d = DEMO[index]
    school = {**SCHOOL_GEGEVENS[d.brin], "brin": d.brin, "vestigingscode": d.vestigingscode, "aanleverpunt": "0"}
    opties = {"contactnodig": True, "contactpersoon": "Mevr. J. de Wit", "aandachtspunten": "Heeft baat bij structuur."}
    docs = [Document(f"bijlage{i}.pdf", "Verslag", base64.b64encode(b"PK\x03\x04zip").decode()) for i in range(3)]
    return DossierInvoer(
        d.gegevens, d.leerlingnummer, school, opties, categorieen, docs, dt.date(2026, 11, 23), "OSO", "1"
    )


@pytest.mark.parametrize("index", range(len(DEMO)))
@pytest.mark.parametrize("categorieen", [{}, ALLES_UIT], ids=["alles-mee", "alles-opt-uit"])
def test_every_demo_leerling_is_valid(index: int, categorieen: dict[str, bool]) -> None:
    xml = bouw(_invoer(index, categorieen))
    report = validate(xml)
    assert report.xsd_toegepast
    assert report.findings == []
    assert report.valid


def test_opt_uit_blocks_are_absent_and_forbidden_data_never_present() -> None:
    root = etree.fromstring(bouw(_invoer(3, ALLES_UIT)))
    leerling = root.find(".//o:leerling", NS)
    assert leerling is not None
    for block in (
        "overstapadvies",
        "verzuim",
        "toetslijst",
        "cijferlijstlijst",
        "overigdocumentlijst",
        "resultaatvakkenvo",
    ):
        assert leerling.find(f"o:{block}", NS) is None, block
    assert root.find(".//o:handelingsplan", NS) is None
    assert root.findtext(".//o:cat_verzuim", namespaces=NS) == "OPT-UIT"
    assert root.findtext(".//o:cat_vve", namespaces=NS) == "VERBODEN"
    # Leerling 3 has a secret address and secret phone/e-mail: no address, placeholders only.
    assert leerling.find("o:adreslijst", NS) is None
    nummers = [
        c.findtext("o:nummer", namespaces=NS) for c in leerling.findall("o:communicatielijst/o:communicatie", NS)
    ]
    assert nummers == ["9999999999", "geheim@geheim.geheim"]
    xml = etree.tostring(root)
    for forbidden in (
        b"bsn",
        b"onderwijsnummer",
        b"geboorteplaats",
        b"nationaliteit",
        b"banknummer",
        b"postcode4adres",
    ):
        assert b"<" + forbidden not in xml


@pytest.mark.parametrize("index", [i for i, d in enumerate(DEMO) if d.brin == "99AA"])
@pytest.mark.parametrize("uit", [False, True], ids=["alles-mee", "alles-opt-uit"])
async def test_generated_via_api_validates_with_zero_findings(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any], index: int, uit: bool
) -> None:
    categorieen = ALLES_UIT if uit else {}
    dossier = await maak_dossier(index, categorieen=categorieen, opties={"contactnodig": True})
    did = dossier["id"]
    headers = {**auth(), "content-disposition": 'attachment; filename="verslag.txt"'}
    await client.post(f"/v1/dossiers/{did}/bijlagen", content=b"Verslag van het gesprek.", headers=headers)
    await client.post(f"/v1/dossiers/{did}/voltooien", headers=auth())
    response = await client.post(f"/v1/dossiers/{did}/valideren", headers=auth())
    body = response.json()
    assert body["validatie"]["findings"] == []
    assert body["validatie"]["melding"] == "Het dossier is correct bevonden"
    assert body["status"] == "gevalideerd"
