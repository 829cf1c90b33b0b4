"""A refused exchange names the missing step and who must act; users never see another school's data."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import aanmelden, controleer

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


async def _nieuw_dossier(page: Page) -> str:
    await page.locator("table a").first.click()
    await page.get_by_role("link", name="Nieuw overdrachtsdossier toevoegen").click()
    punten = page.get_by_label("Aanleverpunt Doel")
    await expect(punten).to_be_visible()
    waarden = await punten.locator("option").evaluate_all("(os) => os.map(o => o.value).filter(Boolean)")
    await punten.select_option(waarden[0])
    await page.get_by_role("button", name="Verder naar dossiergegevens").click()
    await expect(page.get_by_role("heading", name="Dossiergegevens", exact=True)).to_be_visible()
    return page.url


async def test_geweigerde_uitwisseling_noemt_ontbrekende_stap_en_wie(page: Page) -> None:
    # 99BA: both mandates, but the school has not registered its BRIN for OSO-SWV (step 3, school).
    await aanmelden(page, "zorg-99ba")
    await _nieuw_dossier(page)
    await page.get_by_role("link", name="Optionele gegevens").first.click()
    await page.get_by_role("button", name="Voltooien").click()
    await page.get_by_role("button", name="Valideren").click()
    await page.get_by_role("button", name="Opvraagbaar maken").click()

    fout = page.locator("#actie-fout")
    await expect(fout).to_be_visible()
    ontbrekend = page.locator("#ontbrekend")
    await expect(ontbrekend).to_contain_text("Stap 3")
    await expect(ontbrekend).to_contain_text("de school (ICT-beheerder / schoolbeheerder)")
    await expect(ontbrekend).to_contain_text("BRIN_NIET_GEREGISTREERD_VOOR_OSO_SWV")
    await expect(page.locator("#status-melding")).to_have_count(0)
    await controleer(page, "17-uitwisseling-geweigerd")


async def test_zorgcoordinator_ziet_geen_dossier_van_andere_school(page: Page) -> None:
    await aanmelden(page, "zorg-99aa")
    dossier_url = await _nieuw_dossier(page)
    naam = (await page.locator("h1").inner_text()).split("·")[-1].strip()
    await page.get_by_role("button", name="Afmelden").click()
    await expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()

    await aanmelden(page, "zorg-99ab")
    await expect(page.get_by_role("table")).not_to_contain_text(naam)
    response = await page.goto(dossier_url)
    assert response is not None
    assert response.status in (403, 404)
    await expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Niet gevonden|Geen toegang"))
    assert naam not in await page.content()
    await controleer(page, "18-andere-school-niet-gevonden")

    # An admin role cannot open the zorgcoördinator's pages at all.
    await page.get_by_role("button", name="Afmelden").click()
    await aanmelden(page, "school-99ab")
    response = await page.goto(dossier_url)
    assert response is not None
    assert response.status == 403
    response = await page.goto("/bestuur")
    assert response is not None
    assert response.status == 403
