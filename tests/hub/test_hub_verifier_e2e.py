"""The hub's public /verifier page in a real headless Chromium (Debian's, driven by Playwright):
a badge signed by an enrolled laptop is valid (checked against the hub's own DID document),
an altered one is reported altered, a forgotten player's badge revoked; 0 axe-core violations
in each state. Screenshots go to $DECLIC_SCREENSHOTS if set."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from test_hub_badges import ORGANISATION, World, enrolled_world, hub_db

from declic.cli import main
from facilitator.storage.db import open_database
from facilitator.storage.players import session_players
from tests.badges.badge_helpers import alter_one_character
from tests.badges.test_badges_verifier_e2e import ARGS, CHROMIUM, no_axe_violations, sync_api

expect = sync_api.expect


@pytest.fixture
def page() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
        opened = context.new_page()
        opened.set_default_timeout(10_000)
        yield opened
        browser.close()


@pytest.fixture
def world(hub: sa.Engine, tmp_path: Path) -> Iterator[World]:
    yield from enrolled_world(hub, tmp_path)


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DECLIC_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def check(page, world: World, badge: Path, shot: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(world.url + "/verifier")
    page.get_by_label("Fichier du badge (.json)").set_input_files(str(badge))
    page.get_by_role("button", name="Vérifier").click()
    page.get_by_role("status").wait_for()
    page.screenshot(path=str(shot), full_page=True)
    no_axe_violations(page)


def test_the_hubs_verifier_page(page, world: World, shots: Path, hub_url: str) -> None:  # type: ignore[no-untyped-def]
    engine = hub_url.split(":", 1)[0]
    page.goto(world.url + "/verifier")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifier un badge")
    no_axe_violations(page)

    db = open_database(world.laptop)
    lina = {p.player_id: p for p in session_players(db, 1)}["p1"]
    db.close()
    mine = next(p for p in world.badges if p.name.startswith(lina.short_code))
    check(page, world, mine, shots / f"hub-{engine}-verifier-valide.png")
    expect(page.get_by_role("heading", name="✔ Badge valide")).to_be_visible()
    expect(page.get_by_text(ORGANISATION)).to_be_visible()
    expect(page.get_by_text("clé de l'organisme, publiée par le réseau Déclic")).to_be_visible()

    altered = alter_one_character(mine, world.folder / "badge-modifie.json")
    check(page, world, altered, shots / f"hub-{engine}-verifier-modifie.png")
    expect(page.get_by_role("heading", name="✘ Badge modifié")).to_be_visible()

    assert main(["hub", "push", "--db", str(world.laptop)]) == 0  # the positions reach the hub
    assert main(["hub", "forget", lina.short_code, "--org", "ml-rouen", "--db", hub_db(world)]) == 0
    check(page, world, mine, shots / f"hub-{engine}-verifier-revoque.png")
    expect(page.get_by_role("heading", name="✘ Badge révoqué")).to_be_visible()
