"""A phone's role and its card at the end, in Debian Chromium (touch, a phone's viewport),
against the real server: the role's private clues are shown to their holder; at the end the
card's picture is served to its own player's phone only, beside the link to the player's
page on the hub. 0 axe-core violations; screenshots to $DECLIC_SCREENSHOTS."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from phone_browser import phone_page, require_browser

from engine.core import actions as ac
from engine.core.rules import Rules
from engine.load.check import load_scenario
from engine.phones.server import COOKIE, PhoneServer
from engine.phones.view import phone_view

sync_api, axe_module = require_browser()
expect = sync_api.expect
ROOT = Path(__file__).resolve().parents[2]
ROLES = ROOT / "tests" / "lint" / "data" / "roles_ok.yaml"
CARD = ROOT / "docs" / "cards" / "demo-escape" / "cartes" / "01-Lina.png"


@pytest.fixture()
def phone() -> Iterator[tuple[Any, Any, PhoneServer]]:
    server = PhoneServer("127.0.0.1", 0)
    server.start()
    server.room.bind("jeton", "p1")
    with phone_page(sync_api, server.url, COOKIE, "jeton") as (page, browser):
        yield page, browser, server
    server.stop()


def shot(page: Any, name: str) -> None:
    shots = os.environ.get("DECLIC_SCREENSHOTS")
    if shots:
        page.screenshot(path=str(Path(shots) / name), full_page=True)
    results = axe_module.Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_a_phone_shows_its_roles_clues_only(phone: tuple[Any, Any, PhoneServer]) -> None:
    page, _browser, server = phone
    scenario = load_scenario(ROLES).scenario
    assert scenario is not None
    rules = Rules(scenario)
    state = rules.new_game()
    for n, name in ((1, "Lina"), (2, "Sam")):
        join = ac.Join(
            player=f"p{n}", pseudonym=name, colour="#e69f00", avatar="cercle", phone=True
        )
        state, _ = rules.step(state, join, 0.0)
    state, _ = rules.step(state, ac.Start(player="facilitator"), 1.0)
    view = phone_view(rules, state, "p1", 0) | {"seq": 1}
    page.goto(server.url + "jeu")
    server.publish({"p1": view})
    page.wait_for_selector('body[data-seq="1"]', state="attached")
    role = page.get_by_role("region", name="Votre rôle")
    expect(role.get_by_role("heading", name="Votre rôle : L'archiviste")).to_be_visible()
    expect(role.get_by_text("Le code du casier : 4821.")).to_be_visible()
    expect(page.get_by_text("Le casier du chef est le bleu")).to_have_count(0)  # Sam's
    expect(page.get_by_role("button", name="Le casier")).to_be_visible()
    shot(page, "phone-roles.png")


def test_the_end_shows_the_cards_picture_to_its_player_only(
    phone: tuple[Any, Any, PhoneServer],
) -> None:
    page, browser, server = phone
    server.pictures["p1"] = CARD
    you = {"pseudonym": "Lina", "colour": "#e69f00", "avatar": "cercle"}
    card = {"code": "6982-AZCF", "image": "/carte.png?v=1", "url": "https://hub.example/s/jeton"}
    page.goto(server.url + "jeu")
    server.publish({"p1": {"phase": "ended", "you": you, "card": card, "seq": 2}})
    page.wait_for_selector('body[data-seq="2"]', state="attached")
    picture = page.get_by_role("img", name="Votre carte de compétences, code 6982-AZCF")
    expect(picture).to_be_visible()
    page.wait_for_function("document.querySelector('img.picture').naturalWidth > 0")
    expect(page.get_by_role("link", name="Enregistrer l'image de ma carte")).to_be_visible()
    link = page.get_by_role("link", name="Voir ma page de carte en ligne")
    assert link.get_attribute("href") == "https://hub.example/s/jeton"
    shot(page, "phone-end-card.png")

    own = page.request.get(server.url + "carte.png")
    assert own.status == 200 and own.body() == CARD.read_bytes()
    stranger = browser.new_context()
    server.room.bind("autre", "p2")  # another player's phone: no card of theirs yet
    stranger.add_cookies([{"name": COOKIE, "value": "autre", "url": server.url}])
    assert stranger.request.get(server.url + "carte.png").status == 404
    assert browser.new_context().request.get(server.url + "carte.png").status == 404
