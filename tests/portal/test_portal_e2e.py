"""End-to-end: the real portal (waitress on 127.0.0.1, a free port) in a real headless Chromium.

Debian's chromium is driven by Playwright (`executable_path`, no browser download). The tests
are skipped, with the reason, only when chromium or Playwright is absent. Screenshots on a
phone (390×844) and a desktop viewport go to the pytest tmp folder; a curated set is kept in
docs/portal/.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from portal_helpers import COUNSELLOR, PASSWORD, TODAY, Seeded, seed

from facilitator.portal.app import create_app

CHROMIUM = Path(os.environ.get("DECLIC_CHROMIUM", "/usr/bin/chromium"))
if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
    pytest.skip(
        f"chromium absent ({CHROMIUM}): apt-get install chromium chromium-driver",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright absent: pip install -e '.[test]'"
)
expect = sync_api.expect
axe = pytest.importorskip(
    "axe_playwright_python.sync_playwright", reason="pip install -e '.[test]'"
)

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCRIPT_NAME = "<script>alert(1)"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    return seed(tmp_path_factory.mktemp("portal-e2e") / "declic.db", {"Yanis": SCRIPT_NAME})


@pytest.fixture(scope="module")
def base_url(world: Seeded) -> Iterator[str]:
    from waitress import create_server

    server = create_server(
        create_app(world.path, today=lambda: TODAY),
        host="127.0.0.1",
        port=0,
        threads=4,
        asyncore_use_poll=True,  # select() fails once the process has 1,024 files open
    )
    thread = threading.Thread(target=server.run, name="portal-e2e", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    server.task_dispatcher.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """$DECLIC_SCREENSHOTS if set (to keep and look at them), else a pytest tmp folder."""
    chosen = os.environ.get("DECLIC_SCREENSHOTS")
    if chosen:
        Path(chosen).mkdir(parents=True, exist_ok=True)
        return Path(chosen)
    return tmp_path_factory.mktemp("portal-screenshots")


def new_page(browser, viewport: dict[str, int]):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=viewport, locale="fr-FR", device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(30_000)  # a first card drawing on a loaded 2-core host
    return page


def shoot(page, shots: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    """Every state kept as a picture is also checked by axe-core (RGAA / WCAG 2.1 AA)."""
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    results = axe.Axe().run(page)
    assert results.violations_count == 0, f"{name}: {results.generate_report()}"


def log_in(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/sessions")
    expect(page).to_have_url(re.compile(r"/login\?suite=/sessions$"))
    page.get_by_label("Nom").fill(COUNSELLOR)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Séances et joueurs")).to_be_visible()


def test_scan_flow_opens_the_young_persons_card(
    browser, base_url: str, world: Seeded, shots: Path
) -> None:  # type: ignore[no-untyped-def]
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = new_page(browser, viewport)
        page.goto(f"{base_url}/s/{world.players['Sam'][1]}")
        expect(page.get_by_role("heading", level=1)).to_have_text("Bravo, Sam !")
        expect(page.locator("ol.jobs > li")).to_have_count(3)
        expect(page.get_by_text("A vérifié la chaîne du froid sans erreur")).to_be_visible()
        assert "Lina" not in page.content()
        shoot(page, shots, f"{label}-carte-jeune")
        page.context.close()


def test_short_code_flow(browser, base_url: str, world: Seeded, shots: Path) -> None:  # type: ignore[no-untyped-def]
    _pid, token, code = world.players["Lina"]
    page = new_page(browser, PHONE)
    page.goto(base_url + "/")
    field = page.get_by_label("Ton code (8 signes)")
    field.fill("ABCD-EFGH")
    page.get_by_role("button", name="Voir ma carte").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Ce code ne marche pas. Vérifie les 8 signes sur ta carte."
    )
    shoot(page, shots, "phone-code-erreur")
    page.get_by_label("Ton code (8 signes)").fill(f"{code[:4].lower()} {code[4:].lower()}")
    page.get_by_role("button", name="Voir ma carte").click()
    expect(page).to_have_url(f"{base_url}/s/{token}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bravo, Lina !")
    page.context.close()


def test_unknown_token_page(browser, base_url: str, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, PHONE)
    response = page.goto(base_url + "/s/inconnu")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    shoot(page, shots, "phone-introuvable")
    page.context.close()


def test_counsellor_login_filters_notes_and_logout(
    browser, base_url: str, world: Seeded, shots: Path
) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, DESKTOP)
    log_in(page, base_url)
    shoot(page, shots, "desktop-seances")
    page.get_by_label("Chercher un pseudo ou un code").fill("Lin")
    page.get_by_role("button", name="Chercher").click()
    expect(page.locator(".players li")).to_have_count(1)
    page.get_by_role("link", name=re.compile("Lina")).click()
    expect(page.get_by_role("heading", name="Compétences et preuves")).to_be_visible()

    page.get_by_label("Commune du jeune").fill("Rouen")
    page.get_by_label("Rayon (km)").fill("30")
    page.get_by_label("Début avant (sem.)").fill("12")
    page.get_by_label("Inclure la formation à distance").uncheck()
    page.get_by_role("button", name="Filtrer").click()
    trainings = page.locator(".training h3")
    expect(trainings.first).to_be_visible()
    titles = trainings.all_inner_texts()
    assert "CAP Cuisine en un an (exemple)" in titles
    assert not any("HACCP" in t for t in titles) and not any("Caen" in t for t in titles)
    link = page.get_by_role("link", name="CAP Cuisine en un an (exemple)")
    assert link.get_attribute("href") == "https://formations.example.org/cap-cuisine-rouen"

    page.get_by_label("Inclure la formation à distance").check()
    page.get_by_role("button", name="Filtrer").click()
    expect(
        page.get_by_role("link", name="Hygiène alimentaire HACCP en ligne (exemple)")
    ).to_be_visible()
    shoot(page, shots, "desktop-joueur")

    page.get_by_label("Notes (visibles des conseillers seulement)").fill(
        "Veut visiter une cuisine."
    )
    page.get_by_role("button", name="Enregistrer les notes").click()
    expect(page.get_by_role("status")).to_have_text("Notes enregistrées.")
    expect(page.get_by_label("Notes (visibles des conseillers seulement)")).to_have_value(
        "Veut visiter une cuisine."
    )

    page.get_by_role("link", name="Journal des accès").click()
    expect(page.get_by_role("heading", name="Journal des accès")).to_be_visible()
    rows = page.locator("table.journal tbody tr")
    expect(rows.first).to_contain_text(f"{COUNSELLOR} a consulté Lina")  # after the note
    expect(rows.nth(1)).to_contain_text(f"{COUNSELLOR} a écrit une note Lina")
    seen = rows.count()
    assert "127.0.0.1" not in page.content()  # the address is stored, never shown
    shoot(page, shots, "desktop-journal")
    page.reload()
    expect(rows).to_have_count(seen)  # reading the journal is not itself recorded
    page.get_by_label("Conseiller", exact=True).select_option(COUNSELLOR)
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"/audit\?conseiller=anne\.martin$"))
    expect(rows).to_have_count(seen)

    page.get_by_role("link", name="Statistiques").click()
    expect(page.get_by_role("heading", name="Statistiques du territoire")).to_be_visible()
    assert "Lina" not in page.content()
    shoot(page, shots, "desktop-statistiques")

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("status")).to_have_text("Vous êtes déconnecté.")
    page.goto(base_url + "/stats")
    expect(page.get_by_role("heading", name="Espace conseiller")).to_be_visible()
    page.context.close()


def test_counsellor_pages_on_a_phone(browser, base_url: str, world: Seeded, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page = new_page(browser, PHONE)
    page.goto(base_url + "/login")
    shoot(page, shots, "phone-connexion")
    log_in(page, base_url)
    page.goto(
        f"{base_url}/joueur/{world.players['Sam'][0]}?commune=Rouen&rayon=50&semaines=20&distance=1"
    )
    expect(page.locator(".training").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone ({width}px)"
    shoot(page, shots, "phone-joueur")
    page.get_by_role("link", name="Journal des accès").click()
    expect(page.locator("table.journal tbody tr").first).to_contain_text("a consulté Sam")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the audit page scrolls sideways on a phone ({width}px)"
    shoot(page, shots, "phone-journal")
    page.context.close()


def test_script_pseudonym_stays_text_in_the_browser(browser, base_url: str, world: Seeded) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page = new_page(browser, DESKTOP)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{base_url}/s/{world.players[SCRIPT_NAME][1]}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bravo, {SCRIPT_NAME} !")
    log_in(page, base_url)
    expect(page.get_by_text(SCRIPT_NAME)).to_be_visible()
    assert dialogs == []
    page.context.close()


def test_sessions_page_by_page(  # type: ignore[no-untyped-def]
    browser, base_url: str, shots: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from facilitator.portal import counsellor

    monkeypatch.setattr(counsellor, "SESSIONS_PAGE", 3)  # the seeded world has 5 players
    page = new_page(browser, PHONE)
    log_in(page, base_url)
    expect(page.get_by_role("status")).to_have_text("Joueurs 1 à 3")
    page.get_by_role("link", name="Joueurs suivants").click()
    expect(page.get_by_role("status")).to_have_text("Joueurs 4 à 5")
    expect(page.get_by_role("link", name="Joueurs suivants")).to_have_count(0)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the sessions page scrolls sideways on a phone ({width}px)"
    shoot(page, shots, "phone-seances-page-2")
    page.get_by_role("link", name="Joueurs précédents").click()
    expect(page.get_by_role("status")).to_have_text("Joueurs 1 à 3")
    page.context.close()
