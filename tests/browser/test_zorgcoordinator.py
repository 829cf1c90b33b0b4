"""The zorgcoördinator's whole VO-SWV flow in a real browser, from a new dossier to "Notificatie … is verstuurd"."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import FilePayload, Page, expect

from tests.browser.conftest import aanmelden, controleer

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


async def test_volledige_flow_tot_notificatie_verstuurd(page: Page) -> None:
    await aanmelden(page, "zorg-99aa")
    await expect(page).to_have_url(re.compile(r"/leerlingen$"))
    await controleer(page, "01-leerlingen")

    await page.locator("table a").first.click()
    await expect(page.get_by_role("heading", name="Overdrachtsdossier", exact=True)).to_be_visible()
    await controleer(page, "02-leerling")

    await page.get_by_role("link", name="Nieuw overdrachtsdossier toevoegen").click()
    await expect(page.get_by_text("wordt direct verstuurd naar het samenwerkingsverband")).to_be_visible()
    await expect(page.get_by_label("Type")).to_have_value("VO-SWV")
    opties = await page.get_by_label("Aanleverpunt Doel").locator("option").all_inner_texts()
    assert all("500" in o for o in opties if o != "Kies een aanleverpunt"), opties
    await controleer(page, "03-nieuw-dossier")
    await page.get_by_label("Aanleverpunt Doel").select_option(label="2801 500 SWV VO Rijnmond")
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

    await page.get_by_role("link", name="Terugkoppeling SWV").click()
    await expect(page.get_by_role("heading", name="Terugkoppeling SWV", exact=True)).to_be_visible()
    await controleer(page, "08-terugkoppeling")
    await page.get_by_role("link", name="Tijdlijn", exact=True).click()
    await controleer(page, "09-tijdlijn")


def _pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
        b"3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
