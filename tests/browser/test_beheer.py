"""Browser tests of the admin roles: the board copies a mandate; SWV and school admin pages pass axe."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import aanmelden, controleer

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


async def test_bestuur_kopieert_mandaat_met_voorbeeld_en_bevestiging(page: Page) -> None:
    await aanmelden(page, "bestuur-41234")
    await expect(page).to_have_url(re.compile(r"/bestuur$"))
    matrix = page.get_by_role("table", name="Gereedheid per school en samenwerkingsverband")
    rij_99ab = matrix.get_by_role("row").filter(has_text="99AB")
    await expect(rij_99ab).to_contain_text("mandaat OSO-SWV voor het SWV-systeem verlenen (bestuur)")
    await controleer(page, "10-bestuur-mandaatstatus")

    await page.get_by_role("link", name="Kindkans kopiëren van 99AA").click()
    await expect(page.get_by_label("Kopieer het mandaat van school")).to_have_value("99AA")
    await expect(page.get_by_label("Mandaat OSO-SWV voor systeem")).to_have_value("Kindkans")
    await page.get_by_label("99AB Lyceum Noorderlicht").check()
    await controleer(page, "11-bestuur-kopieren")
    await page.get_by_role("button", name="Voorbeeld bekijken").click()

    voorbeeld = page.get_by_role("table", name="Wat er gebeurt per school")
    await expect(voorbeeld.get_by_role("row").filter(has_text="99AB")).to_contain_text("Krijgt het mandaat")
    await expect(page.get_by_text("Er is nog niets gewijzigd.")).to_be_visible()
    await controleer(page, "12-bestuur-kopie-voorbeeld")
    await page.get_by_role("button", name="Bevestigen en kopiëren").click()

    await expect(page.get_by_role("status")).to_contain_text("gekopieerd naar 99AB")
    await expect(rij_99ab).not_to_contain_text("SWV-systeem verlenen")
    mandaten = page.get_by_role("row").filter(has_text="99AB Lyceum Noorderlicht").last
    await expect(mandaten.get_by_role("button", name="Intrekken OSO-SWV Kindkans voor 99AB")).to_be_visible()

    async with page.expect_download() as download_info:
        await page.get_by_role("link", name="Download als CSV").click()
    download = await download_info.value
    assert download.suggested_filename == "mandaatstatus-41234.csv"


async def test_swv_beheerder_registreert_school_en_ziet_wie_niet_gereed_is(page: Page) -> None:
    await aanmelden(page, "swv-vo2605")
    await expect(page).to_have_url(re.compile(r"/swv$"))
    await page.get_by_label("Brin").fill("99ab")
    await page.get_by_role("button", name="Registreren").click()
    await expect(page.get_by_role("status")).to_contain_text(
        "School 99AB ligt buiten de regio: de registratie wacht op bevestiging door het schoolbestuur."
    )
    await page.get_by_role("link", name="Toon alleen scholen die nog niet gereed zijn").click()
    tabel = page.get_by_role("table")
    await expect(tabel).to_contain_text("99BA")
    await expect(tabel).to_contain_text("Stap 3: BRIN niet geregistreerd voor OSO-SWV (school).")
    await controleer(page, "13-swv-scholen")

    await page.get_by_label("Brin").fill("99A")
    await page.get_by_role("button", name="Registreren").click()
    await expect(page.get_by_label("Brin")).to_have_attribute("aria-invalid", "true")
    await controleer(page, "14-swv-brin-fout")


async def test_schoolbeheerder_zet_aanleverpunt_registreert_brin_en_geeft_rechten(page: Page) -> None:
    await aanmelden(page, "school-99bb")
    await expect(page).to_have_url(re.compile(r"/school$"))
    await page.get_by_label("OSO Aanleverpuntnr. van vestiging 99BB01").fill("0")
    await page.get_by_role("button", name="Opslaan voor 99BB01").click()
    await expect(page.get_by_role("status")).to_contain_text("Aanleverpunt van vestiging 99BB01 is opgeslagen.")
    await page.get_by_role("button", name="BRIN 99BB registreren voor OSO-SWV").click()
    await expect(page.get_by_role("status")).to_contain_text("BRIN 99BB is geregistreerd voor OSO-SWV.")
    await controleer(page, "15-school")

    await page.get_by_role("link", name="Zorgcoördinatoren").click()
    await page.get_by_label("Naam", exact=True).fill("Z. Zorg")
    await page.get_by_label("Gebruikersnaam").fill("zorg-99bb-test")
    await page.get_by_label("Tijdelijk wachtwoord (minstens 12 tekens)").fill("een-lang-wachtwoord")
    await page.get_by_label("Recht op Overdrachtsdossier").uncheck()
    await page.get_by_role("button", name="Account aanmaken").click()
    await expect(page.get_by_role("status")).to_contain_text("Het account is aangemaakt.")
    await page.get_by_role("button", name="Recht geven aan Z. Zorg").click()
    await expect(page.get_by_role("status")).to_contain_text("Z. Zorg heeft nu rechten op Overdrachtsdossier.")
    await controleer(page, "16-school-zorgcoordinatoren")
