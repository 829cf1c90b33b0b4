"""The zorgcoördinator's whole VO-SWV flow in a real browser, from a new dossier to "Notificatie … is verstuurd"."""

from __future__ import annotations

import asyncio
import re

import httpx
import pytest
from playwright.async_api import FilePayload, Page, expect

from oso_dev.demo.world import SWV_RIJNMOND
from oso_shared.auth import Rol
from tests.browser.conftest import Omgeving, aanmelden, controleer
from tests.e2e.keten import wacht_tot

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


async def test_volledige_flow_tot_notificatie_verstuurd(page: Page, omgeving: Omgeving) -> None:
    await aanmelden(page, "zorg-99aa")
    await expect(page).to_have_url(re.compile(r"/leerlingen$"))
    await controleer(page, "01-leerlingen")

    # A demo pupil by name: the import test adds pupils (sorted first by leerlingnummer, without an address).
    await page.get_by_role("link", name="Daan van Dijk", exact=True).click()
    await expect(page.get_by_role("heading", name="Overdrachtsdossier", exact=True)).to_be_visible()
    await controleer(page, "02-leerling")

    await page.get_by_role("link", name="Nieuw overdrachtsdossier toevoegen").click()
    await expect(page.get_by_text("wordt direct verstuurd naar het samenwerkingsverband")).to_be_visible()
    await expect(page.get_by_label("Type")).to_have_value("VO-SWV")
    opties = await page.get_by_label("Aanleverpunt Doel").locator("option").all_inner_texts()
    assert all("500" in o for o in opties if o != "Kies een aanleverpunt"), opties
    await controleer(page, "03-nieuw-dossier")
    await page.get_by_label("Aanleverpunt Doel").select_option(
        label="2801 500 SWV VO Rijnmond — Samenwerkingsverband VO Rijnmond"
    )
    await page.get_by_role("button", name="Verder naar dossiergegevens").click()

    await expect(page.get_by_role("heading", name="Dossiergegevens", exact=True)).to_be_visible()
    await controleer(page, "04-dossiergegevens")

    await page.get_by_role("link", name="Optionele gegevens").first.click()
    await page.get_by_label("Contact nodig (mentor)").select_option("ja")
    await page.get_by_label("Contactpersoon", exact=True).fill("J. de Mentor")
    await page.get_by_label("Aandachtspunten").fill("Graag contact opnemen voor de intake.")
    await page.get_by_label("Cijferlijsten").uncheck()
    await controleer(page, "05-optionele-gegevens")
    await page.get_by_role("button", name="Voltooien").click()

    await expect(page.get_by_role("heading", name="Bijlagen", exact=True)).to_be_visible()
    bestand: FilePayload = {"name": "verslag.pdf", "mimeType": "application/pdf", "buffer": _pdf()}
    await page.get_by_label("Bestand").set_input_files(files=[bestand])
    await page.get_by_label("Omschrijving (optioneel)").fill("Verslag intake")
    await page.get_by_role("button", name="Toevoegen").click()
    await expect(page.get_by_role("cell", name="verslag.pdf", exact=True)).to_be_visible()
    await controleer(page, "06-bijlagen")

    await page.get_by_role("button", name="(Opnieuw) genereren dossier").click()
    await expect(page.get_by_text("opnieuw gegenereerd")).to_be_visible()

    await page.get_by_role("button", name="Valideren").click()
    await expect(page.get_by_role("status").filter(has_text="Het dossier is correct bevonden")).to_be_visible()

    await page.get_by_role("button", name="Opvraagbaar maken").click()
    await expect(page.locator("#status-melding")).to_have_text(
        "Notificatie aan samenwerkingsverband is verstuurd", timeout=30_000
    )
    await controleer(page, "07-notificatie-verstuurd")

    async with page.expect_download() as download_info:
        await page.get_by_role("link", name="PDF genereren").click()
    download = await download_info.value
    pdf_pad = await download.path()
    assert pdf_pad is not None
    assert (await asyncio.to_thread(pdf_pad.read_bytes)).startswith(b"%PDF-")

    # Frozen now: no edit actions; a correction would be a new dossier.
    await expect(page.get_by_role("button", name="Valideren")).to_have_count(0)
    await expect(page.get_by_role("button", name="Correctie maken (nieuw dossier)")).to_be_visible()

    # The SWV (our reference receiver) fetched it as a hulpvraag and sends terugkoppeling back to the school.
    await _swv_koppelt_terug(omgeving, "Aanvraag ontvangen; we nemen contact op met de mentor.")
    await page.get_by_role("link", name="Terugkoppeling SWV").click()
    await expect(page.get_by_role("heading", name="Terugkoppeling SWV", exact=True)).to_be_visible()

    async def teruggekoppeld() -> bool:
        await page.reload()
        return "we nemen contact op met de mentor" in await page.content()

    await wacht_tot(teruggekoppeld, timeout=60, interval=1.0, wat="terugkoppeling zichtbaar in het portaal")
    await expect(page.locator("#status-melding")).to_have_text("Notificatie aan samenwerkingsverband is verstuurd")
    await controleer(page, "08-terugkoppeling")
    await page.get_by_role("link", name="Tijdlijn", exact=True).click()
    await controleer(page, "09-tijdlijn")


async def _swv_koppelt_terug(omgeving: Omgeving, bericht: str) -> None:
    keten = omgeving.keten
    swv = keten.token(Rol.SWV_BEHEERDER, swv=SWV_RIJNMOND.code)
    async with httpx.AsyncClient(base_url=keten.url("swv-receiver"), headers=swv, timeout=30) as client:

        async def hulpvraag_er() -> bool:
            response = await client.get("/v1/hulpvragen")
            return any(h.get("brin") == "99AA" for h in response.json())

        await wacht_tot(hulpvraag_er, timeout=60, wat="hulpvraag bij het SWV")
        hulpvragen = [h for h in (await client.get("/v1/hulpvragen")).json() if h.get("brin") == "99AA"]
        hulpvraag = hulpvragen[-1]
        assert hulpvraag["titel"] == "Nog in te vullen…"
        assert (await client.post(f"/v1/hulpvragen/{hulpvraag['id']}/toekennen")).status_code == 200
        body = {"status": "in_behandeling", "bericht": bericht, "referentie": "HV-2026-001"}
        response = await client.post(f"/v1/hulpvragen/{hulpvraag['id']}/terugkoppeling", json=body)
        assert response.status_code == 202, response.text


def _pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
        b"3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
