"""End-to-end: the /verifier page and « Garder mes badges » in a real headless Chromium (Debian's,
driven by Playwright) against the real portal (waitress on 127.0.0.1, a free port), with
axe-core checking every state of the pages. Screenshots go to $DECLIC_SCREENSHOTS if set."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.portal.app import create_app
from facilitator.sessions.privacy import forget
from facilitator.storage.db import open_database
from facilitator.storage.players import session_players
from tests.badges.badge_helpers import ORGANISATION, alter_one_character, issue_badges

CHROMIUM = Path(os.environ.get("DECLIC_CHROMIUM", "/usr/bin/chromium"))
if not CHROMIUM.exists():
    pytest.skip(f"chromium absent ({CHROMIUM}): apt-get install chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]'")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
expect = sync_api.expect
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
ARGS += ["--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("badges-e2e")
    db_path = folder / "declic.db"
    badges = issue_badges(db_path, folder / "out")
    kept = folder / "kept"
    kept.mkdir()
    copies = [Path(shutil.copy(p, kept / p.name)) for p in badges]
    db = open_database(db_path)
    first, second = session_players(db, 1)[:2]
    db.close()
    return {"db": db_path, "badges": copies, "folder": folder, "first": first, "second": second}


@pytest.fixture(scope="module")
def base_url(world: dict[str, object]) -> Iterator[str]:
    """The portal served by waitress on 127.0.0.1 (a free port) in a thread, for this module."""
    from waitress import create_server

    app = create_app(world["db"])  # type: ignore[arg-type]
    server = create_server(app, host="127.0.0.1", port=0, threads=2, asyncore_use_poll=True)
    threading.Thread(target=server.run, name="badges-e2e", daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        server.task_dispatcher.shutdown()


@pytest.fixture(scope="module")
def page(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
        opened = context.new_page()
        opened.set_default_timeout(10_000)
        yield opened
        browser.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("DECLIC_SCREENSHOTS") or tmp_path_factory.mktemp("badges-shots")
    Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder)


def no_axe_violations(page) -> None:  # type: ignore[no-untyped-def]
    results = axe_module.Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def check(page, base_url: str, badge: Path, shots: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/verifier")
    page.get_by_label("Fichier du badge (.json)").set_input_files(str(badge))
    page.get_by_role("button", name="Vérifier").click()
    page.get_by_role("status").wait_for()
    page.screenshot(path=str(shots / f"verifier-{name}.png"), full_page=True)
    no_axe_violations(page)


def test_verifier_page_valid_altered_then_revoked(page, base_url: str, world, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/verifier")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifier un badge")
    no_axe_violations(page)

    badges: list[Path] = world["badges"]
    check(page, base_url, badges[0], shots, "valide")
    expect(page.get_by_role("heading", name="✔ Badge valide")).to_be_visible()
    expect(page.get_by_text(ORGANISATION)).to_be_visible()

    altered = alter_one_character(badges[0], world["folder"] / "badge-modifie.json")
    check(page, base_url, altered, shots, "modifie")
    expect(page.get_by_role("heading", name="✘ Badge modifié")).to_be_visible()

    first = world["first"]
    mine = next(p for p in badges if p.name.startswith(first.short_code))
    db = open_database(world["db"])
    forget(db, first)
    db.close()
    check(page, base_url, mine, shots, "revoque")
    expect(page.get_by_role("heading", name="✘ Badge révoqué")).to_be_visible()


def test_keep_my_badges_from_the_card(page, base_url: str, world, shots: Path) -> None:  # type: ignore[no-untyped-def]
    second = world["second"]
    page.goto(f"{base_url}/s/{second.token}")
    page.screenshot(path=str(shots / "carte-jeune-badges.png"), full_page=True)
    no_axe_violations(page)  # the card page, with its new « Garder mes badges » link
    page.get_by_role("link", name="Garder mes badges").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Garder mes badges")
    links = page.get_by_role("link", name="Télécharger ce badge")
    assert links.count() >= 1
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger tous mes badges").click()
    assert download.value.suggested_filename == "mes-badges-declic.zip"
    page.screenshot(path=str(shots / "garder-mes-badges.png"), full_page=True)
    no_axe_violations(page)
