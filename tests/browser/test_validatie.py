"""A failed validation lists each finding with its field in plain Dutch, linked to where it can be fixed."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Page, expect

from oso_shared.auth import Rol
from tests.browser.conftest import Omgeving, aanmelden, controleer

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


async def test_mislukte_validatie_toont_bevindingen_met_veld_en_link(page: Page, omgeving: Omgeving) -> None:
    # A leerling without schoolloopbaan: an SWV dossier needs at least one (PaO rule), so validation fails.
    async with httpx.AsyncClient(base_url=omgeving.keten.url("dossier"), timeout=30) as client:
        response = await client.post(
            "/v1/leerlingen",
            headers=omgeving.keten.token(Rol.ZORGCOORDINATOR, school="99AA"),
            json={
                "vestigingscode": "00",
                "leerlingnummer": "99AA-9001",
                "gegevens": {"voornamen": ["Test"], "achternaam": "Zonderloopbaan", "geboortedatum": "2011-05-01"},
            },
        )
        assert response.status_code == 201, response.text
        leerling_id = response.json()["id"]

    await aanmelden(page, "zorg-99aa")
    await page.goto(f"/leerlingen/{leerling_id}")
    await page.get_by_role("link", name="Nieuw overdrachtsdossier toevoegen").click()
    punten = page.get_by_label("Aanleverpunt Doel")
    await expect(punten).to_be_visible()
    await punten.select_option(label="2801 500 SWV VO Rijnmond — Samenwerkingsverband VO Rijnmond")
    await page.get_by_role("button", name="Verder naar dossiergegevens").click()
    await page.get_by_role("link", name="Optionele gegevens").first.click()
    await page.get_by_role("button", name="Voltooien").click()
    await page.get_by_role("button", name="Valideren").click()

    validatie = page.locator("#validatie")
    await expect(validatie).to_contain_text("bevinding(en)")
    await expect(validatie).to_contain_text("Fout in Schoolloopbaan")
    herstel = validatie.get_by_role("link", name="Herstel in de leerlinggegevens").first
    await expect(herstel).to_have_attribute("href", f"/leerlingen/{leerling_id}")
    await controleer(page, "20-validatie-bevindingen")
