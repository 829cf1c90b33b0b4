"""Browser test of Beheer → Importeren (test a Magister export with a Fout, filter the log, fix it, read it in) and
of the leerling tabs it fills, including editing Basisgegevens and Vrije info."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from oso_dev import magister as voorbeeld
from oso_dossier.leerlingimporten.parsing import Tekenset
from tests.browser.conftest import aanmelden, controleer

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


# Vestiging 01: a file is a snapshot of its vestiging, and the other browser tests use the demo pupils of 99AA00.
VESTIGING = "01"


def export(fout_op_laatste_regel: bool) -> bytes:
    rijen = [voorbeeld.leerling(i, vestiging=VESTIGING) for i in range(5)]
    if fout_op_laatste_regel:
        rijen[-1] = voorbeeld.leerling(4, vestiging=VESTIGING, wijzig={"Geslacht": "x"})
    return voorbeeld.bestand(rijen, tekenset=Tekenset.WINDOWS1252)


async def kies_bestand(page: Page, data: bytes) -> None:
    await page.get_by_label("Soort bestand").select_option("leerlingen")
    await page.locator("#importformulier").get_by_label("Vestiging").select_option(VESTIGING)
    await page.get_by_label("Tekenset").select_option("windows-1252")
    await page.get_by_label("Bestand", exact=True).set_input_files(
        {"name": "leerlingen.csv", "mimeType": "text/csv", "buffer": data}
    )


async def test_schoolbeheerder_test_en_leest_een_export_in(page: Page) -> None:
    await aanmelden(page, "school-99aa")
    await page.get_by_role("link", name="Importeren").click()
    await expect(page).to_have_url(re.compile(r"/school/importeren$"))
    await expect(page.get_by_role("heading", name="Importeren", exact=True)).to_be_visible()
    await controleer(page, "40-importeren-formulier")

    await kies_bestand(page, export(fout_op_laatste_regel=True))
    await page.get_by_role("button", name="Bestand testen").click()
    await expect(page.get_by_role("status")).to_contain_text("er is niets ingelezen")
    log = page.get_by_role("table", name="Meldingen van de import")
    fout = log.get_by_role("row").filter(has_text="Geslacht 'x' is niet man")
    await expect(fout).to_contain_text("6")
    await expect(fout).to_contain_text("Fout")
    await controleer(page, "41-importeren-logboek")

    await page.get_by_role("navigation", name="Logboek filteren").get_by_role("link", name="Info").click()
    await expect(page.get_by_text("Geen meldingen van deze soort.")).to_be_visible()
    await page.get_by_role("navigation", name="Logboek filteren").get_by_role("link", name="Fout").click()
    await expect(log.get_by_role("row")).to_have_count(2)  # header + the one Fout

    await kies_bestand(page, export(fout_op_laatste_regel=False))
    await page.get_by_role("button", name="Bestand inlezen").click()
    await expect(page.get_by_role("status")).to_contain_text("Het bestand is ingelezen (6 regels).")
    eerdere = page.get_by_role("table", name="Eerdere imports")
    await expect(eerdere.get_by_role("row").filter(has_text="Ingelezen")).to_contain_text("Succesvol")
    await expect(eerdere.get_by_role("row").filter(has_text="Getest")).to_contain_text("Fouten gevonden")


async def test_zorgcoordinator_ziet_geimporteerde_mentoren_en_verzorgers_in_de_tabbladen(page: Page) -> None:
    await aanmelden(page, "school-99aa")
    await page.goto("/school/importeren")
    await kies_bestand(page, export(fout_op_laatste_regel=False))
    await page.get_by_role("button", name="Bestand inlezen").click()
    await expect(page.get_by_role("status")).to_contain_text("ingelezen")
    await page.get_by_role("button", name="Afmelden").click()

    await aanmelden(page, "zorg-99aa")
    await page.goto("/leerlingen")
    await page.get_by_role("link", name="Daniël de Vries").click()
    tabs = page.get_by_role("navigation", name="Tabbladen van de leerling")
    await tabs.get_by_role("link", name="Contact").click()
    await expect(page.get_by_role("list", name="Mentoren")).to_contain_text("Klassementor 1: Jeroen Hoëvenaars")
    await controleer(page, "42-leerling-contact")
    await tabs.get_by_role("link", name="Ouders/verzorgers").click()
    await expect(page.get_by_role("table", name="Ouders en verzorgers")).to_contain_text("A. de Vries")
    await controleer(page, "43-leerling-verzorgers")
    await tabs.get_by_role("link", name="Basisgegevens").click()
    await expect(page.get_by_role("table", name="Inschrijvingen")).to_contain_text("00237")

    # Basisgegevens: the Magister note, and one field Magister does not deliver, saved.
    await page.get_by_text("Basisgegevens wijzigen").click()
    await expect(page.get_by_text("overschrijft een volgende Magister-import")).to_be_visible()
    await expect(page.get_by_label("Achternaam (uit Magister)")).to_have_value("Vries")
    await page.get_by_label("Geboorteplaats", exact=True).fill("Zwolle")
    await controleer(page, "44-leerling-basisgegevens-wijzigen")
    await page.get_by_role("button", name="Basisgegevens opslaan").click()
    await expect(page.get_by_role("status")).to_contain_text("De basisgegevens zijn opgeslagen.")
    await page.get_by_text("Basisgegevens wijzigen").click()
    await expect(page.get_by_label("Geboorteplaats", exact=True)).to_have_value("Zwolle")

    # Vrije info: written once, read back after a reload; it stays at the school.
    await tabs.get_by_role("link", name="Vrije info").click()
    await expect(page.get_by_text("Er is geen vrije informatie vastgelegd.")).to_be_visible()
    await expect(page.get_by_text("gaat niet mee in een OSO-dossier")).to_be_visible()
    await page.get_by_label("Vrije info", exact=True).fill(
        "Oudere zus zit in 4 havo.\nGesprek met de mentor in oktober."
    )
    await page.get_by_role("button", name="Vrije info opslaan").click()
    await expect(page.get_by_role("status")).to_contain_text("De vrije info is opgeslagen.")
    await page.reload()
    await expect(page.get_by_label("Vrije info", exact=True)).to_have_value(
        "Oudere zus zit in 4 havo.\nGesprek met de mentor in oktober."
    )
    await controleer(page, "45-leerling-vrije-info")
