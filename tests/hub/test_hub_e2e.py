"""End to end in a real headless Chromium (phone viewport): a card made after enrolment has a
QR code that opens the hub's page for that young person, naming their Mission Locale; the
hub's pages have 0 axe-core violations. Debian's chromium, driven by Playwright."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from hub_helpers import PASSWORD, organisation_with_code, play
from PIL import Image

from declic.cli import main
from facilitator.hub import client, local
from facilitator.hub.people import enrol_device
from facilitator.hub.web import ServerThread, create_hub_app
from facilitator.storage.db import open_database

CHROMIUM = Path(os.environ.get("DECLIC_CHROMIUM", "/usr/bin/chromium"))
if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
    pytest.skip(
        f"chromium absent ({CHROMIUM}): apt-get install chromium chromium-driver",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]'")
axe = pytest.importorskip("axe_playwright_python.sync_playwright")
zxingcpp = pytest.importorskip("zxingcpp")
expect = sync_api.expect
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    chosen = os.environ.get("DECLIC_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path / "shots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _no_violations(page) -> None:  # type: ignore[no-untyped-def]
    results = axe.Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def _page(browser, viewport: dict[str, int]):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=viewport, locale="fr-FR", device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def test_a_card_made_after_enrolment_opens_the_hubs_page(
    browser, hub: sa.Engine, tmp_path: Path, shots: Path, hub_url: str
) -> None:  # type: ignore[no-untyped-def]
    engine_name = hub_url.split(":", 1)[0]
    with ServerThread(create_hub_app(hub)) as server:
        code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
        laptop = tmp_path / "declic.db"
        db = open_database(laptop)
        client.enrol(db, server.url, code)
        db.close()
        play(laptop)  # its end already starts a push in the background (session_hooks)
        for thread in threading.enumerate():
            if thread.name == "declic-hub-push":
                thread.join(60)
        db = open_database(laptop)
        client.push_waiting(db)  # whatever the background push left
        assert [s.session_id for s in local.session_state(db) if s.pushed] == [1]
        pseudonym = db.execute("SELECT pseudonym FROM players ORDER BY id").fetchone()[0]
        db.close()
        out = tmp_path / "out"
        assert main(["summary", "1", "--out", str(out), "--db", str(laptop)]) == 0
        card = sorted((out / "cartes").glob("01-*.png"))[0]
        (link,) = [r.text for r in zxingcpp.read_barcodes(Image.open(card))]
        assert link.startswith(server.url + "/s/")

        page = _page(browser, PHONE)
        page.goto(link)
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Bravo, {pseudonym} !")
        expect(page.locator(".organisation")).to_have_text("Mission Locale de Rouen")
        page.screenshot(path=str(shots / f"hub-{engine_name}-carte-jeune.png"), full_page=True)
        _no_violations(page)
        page.goto(server.url + "/code")
        _no_violations(page)
        page.context.close()

        page = _page(browser, DESKTOP)
        page.goto(server.url + "/sessions")
        page.get_by_label("Nom").fill("conseil.ml-rouen")
        page.get_by_label("Mot de passe").fill(PASSWORD)
        page.get_by_role("button", name="Se connecter").click()
        expect(page.get_by_role("heading", name="Séances et joueurs")).to_be_visible()
        _no_violations(page)
        page.get_by_role("link", name=pseudonym).first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(pseudonym)
        page.screenshot(path=str(shots / f"hub-{engine_name}-joueur.png"), full_page=True)
        _no_violations(page)
        page.context.close()


def test_the_admin_page_in_chromium(browser, hub: sa.Engine, shots: Path, hub_url: str) -> None:  # type: ignore[no-untyped-def]
    """An admin reaches « Administration » from the menu, makes a laptop's code and sees it
    once; the page has 0 axe-core violations before and after, on a desktop and a phone."""
    engine_name = hub_url.split(":", 1)[0]
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    with hub.begin() as conn:
        enrol_device(conn, code, "portable-atelier", 1_788_000_000.0)
    with ServerThread(create_hub_app(hub)) as server:
        for viewport, size in ((DESKTOP, "bureau"), (PHONE, "telephone")):
            page = _page(browser, viewport)
            page.goto(server.url + "/login")
            page.get_by_label("Nom").fill("admin.ml-rouen")
            page.get_by_label("Mot de passe").fill(PASSWORD)
            page.get_by_role("button", name="Se connecter").click()
            page.get_by_role("link", name="Administration").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Administration")
            _no_violations(page)
            page.get_by_role("button", name="Créer un code d'inscription").click()
            expect(page.get_by_text("il ne sera plus affiché")).to_be_visible()
            _no_violations(page)
            shot = shots / f"hub-{engine_name}-admin-code-{size}.png"
            page.screenshot(path=str(shot), full_page=True)
            page.get_by_label("Nom du compte").fill("lucie.bernard")
            page.get_by_label("Mot de passe").fill("azertyuiop12")
            page.get_by_role("button", name="Créer le compte").click()
            expect(page.get_by_role("alert")).to_contain_text("Compte non créé")
            _no_violations(page)
            page.screenshot(path=str(shots / f"hub-{engine_name}-admin-{size}.png"), full_page=True)
            page.context.close()
