"""Keyboard use and the core forms without JavaScript (WCAG 2.1 AA, progressive enhancement)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, FilePayload, Page, expect

from tests.browser.conftest import SCREENSHOTS, Omgeving, aanmelden

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


@pytest.fixture
async def zonder_js(browser: Browser, omgeving: Omgeving) -> AsyncIterator[Page]:
    context = await browser.new_context(base_url=omgeving.portaal, locale="nl-NL", java_script_enabled=False)
    context.set_default_timeout(15_000)
    page = await context.new_page()
    try:
        yield page
    finally:
        await context.close()


async def test_overslaanlink_en_toetsenbordvolgorde(page: Page) -> None:
    await aanmelden(page, "zorg-99aa")
    await page.keyboard.press("Tab")
    focus = await page.evaluate("document.activeElement.textContent.trim()")
    assert focus == "Direct naar de inhoud"
    await page.keyboard.press("Enter")
    assert await page.evaluate("document.activeElement.id") == "inhoud"
    # From the content start, the next Tab reaches the first leerling; Enter opens it.
    eerste = (await page.locator("table a").first.inner_text()).strip()
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent.trim()") == eerste
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("heading", level=1)).to_have_text(eerste)


async def test_kernformulieren_werken_zonder_javascript(zonder_js: Page) -> None:
    page = zonder_js
    await aanmelden(page, "zorg-99aa")
    # A demo pupil by name: the import test adds pupils to the list (their dossiers lack an address).
    await page.get_by_role("link", name="Sanne Jansen", exact=True).click()
    await page.get_by_role("link", name="Nieuw overdrachtsdossier toevoegen").click()
    punten = page.get_by_label("Aanleverpunt Doel")
    await expect(punten).to_be_visible()
    waarden = await punten.locator("option").evaluate_all("(os) => os.map(o => o.value).filter(Boolean)")
    await punten.select_option(waarden[0])
    await page.get_by_role("button", name="Verder naar dossiergegevens").click()
    await expect(page.get_by_role("heading", name="Dossiergegevens", exact=True)).to_be_visible()

    await page.get_by_role("link", name="Optionele gegevens").first.click()
    await page.get_by_label("Aandachtspunten").fill("Zonder JavaScript ingevuld.")
    await page.get_by_role("button", name="Voltooien").click()
    await expect(page.get_by_role("heading", name="Bijlagen", exact=True)).to_be_visible()

    bestand: FilePayload = {"name": "notities.txt", "mimeType": "text/plain", "buffer": b"Gesprek met ouders.\n"}
    await page.get_by_label("Bestand").set_input_files(files=[bestand])
    await page.get_by_role("button", name="Toevoegen").click()
    await expect(page.get_by_role("cell", name="notities.txt", exact=True)).to_be_visible()
    await page.get_by_role("button", name="Verwijderen notities.txt").click()
    await expect(page.get_by_role("status").first).to_contain_text("De bijlage is verwijderd.")

    await page.get_by_role("button", name="Valideren").click()
    await expect(page.get_by_role("status").first).to_contain_text("Het dossier is correct bevonden")
    # No axe here (it needs JavaScript); the same pages pass axe in the other tests.
    await page.screenshot(path=str(SCREENSHOTS / "19-zonder-javascript.png"), full_page=True)
