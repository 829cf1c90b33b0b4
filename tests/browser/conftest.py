"""Browser tests: the real services (the e2e chain) plus the portal as processes, driven by Debian's Chromium.

Run separately with ``pytest -m browser``. Every page a test visits gets an automated axe check (WCAG 2.1 A/AA)
and a screenshot in ``artifacts/screenshots/``.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Browser, Page, async_playwright

from oso_dev.demo.portal import DEMO_WACHTWOORD
from oso_dev.demo.portal import load as laad_portaal
from oso_dev.keten import DIENSTEN, Keten, Proces, vrije_poort
from oso_dev.pg import recreate_database
from oso_dev.testing import TestSettings
from oso_shared.migrations import upgrade
from oso_shared.settings import with_database
from tests.e2e.keten import wacht_tot

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
POOL = {"DB_POOL_SIZE": "3", "DB_MAX_OVERFLOW": "4"}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass
class Omgeving:
    """The running chain and the portal's base URL."""

    keten: Keten
    portaal: str


@pytest.fixture(scope="session")
async def omgeving(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Omgeving]:
    """Registry, dossier, gateway, receiver and the portal, each with a fresh database and demo data."""
    # Small pools: the test server is shared with other test runs (max_connections is finite).
    pools = {f"{env}{key}": value for env in (*DIENSTEN.values(), "PORTAL_") for key, value in POOL.items()}
    keten = Keten(tmp_path_factory.mktemp("browser"), naam="browser", extra_env=pools)
    prefix = TestSettings().test_database_prefix
    portaal_db = with_database(keten.server_url, f"{prefix}_browser_oso_portal".replace("-", "_"))
    poort = vrije_poort()
    portaal = Proces("portal", [sys.executable, "-m", "oso_portal"], keten.logmap / "portal.log")
    try:
        await keten.start()
        await recreate_database(portaal_db)
        await asyncio.to_thread(upgrade, "oso_portal", portaal_db)
        await laad_portaal(portaal_db)
        # The chain's environment, without its PORTAL_ leftovers, but with the portal's key of this run's token keys.
        env = {
            k: v
            for k, v in keten.env().items()
            if not k.startswith("PORTAL_") or k in pools or k == "PORTAL_TOKEN_SLEUTEL"
        }
        env.update(
            {
                "PORTAL_DATABASE_URL": portaal_db,
                "PORTAL_PORT": str(poort),
                "PORTAL_REGISTRY_URL": keten.url("registry"),
                "PORTAL_DOSSIER_URL": keten.url("dossier"),
                # The browser reaches the portal over plain http on loopback.
                "PORTAL_COOKIE_SECURE": "false",
            }
        )
        portaal.start(env)
        url = f"http://127.0.0.1:{poort}"

        async def gereed() -> bool:
            if not portaal.leeft():
                raise RuntimeError(f"portaal gestopt:\n{portaal.staart()}")
            try:
                async with httpx.AsyncClient(timeout=2.0) as client:
                    return (await client.get(f"{url}/health/ready")).status_code == 200
            except httpx.HTTPError:
                return False

        await wacht_tot(gereed, timeout=60, wat="portaal gereed")
        yield Omgeving(keten, url)
    finally:
        portaal.stop()
        keten.stop()


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    """Debian's Chromium, headless (never a downloaded browser build)."""
    executable = shutil.which("chromium")
    assert executable, "Chromium ontbreekt: apt-get install -y chromium"
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            await browser.close()


@pytest.fixture
async def page(browser: Browser, omgeving: Omgeving) -> AsyncIterator[Page]:
    """A fresh browser context (no cookies) in Dutch, with the portal as base URL."""
    context = await browser.new_context(
        base_url=omgeving.portaal,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(15_000)
    page = await context.new_page()
    try:
        yield page
    finally:
        await context.close()


async def aanmelden(page: Page, gebruikersnaam: str, wachtwoord: str = DEMO_WACHTWOORD) -> None:
    """Sign in through the form, as a person would (keyboard only)."""
    await page.goto("/aanmelden")
    await page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    await page.get_by_label("Wachtwoord").fill(wachtwoord)
    await page.get_by_label("Wachtwoord").press("Enter")
    await page.wait_for_load_state("networkidle")
    assert "/aanmelden" not in page.url, await page.content()


_axe = Axe()


async def controleer(page: Page, naam: str) -> None:
    """Axe (WCAG 2.1 A/AA) finds no violations on the current page; save a full-page screenshot."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"{naam}.png"), full_page=True)
    assert await page.evaluate("document.documentElement.lang") == "nl"
    results = await _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, f"{naam}: {results.generate_report()}"
