"""An order puzzle solved from a phone by dragging a card with a finger, end to end: Debian
Chromium through Playwright (a phone's viewport, touch events sent as the touchscreen sends
them), the real phones' server and a headless game with its loop in its own thread. The
arrows move a card too (the alternative to dragging, by keyboard or a tap); what the phone
sends is checked by the game like any answer: a wrong order is refused, the right one
solves the puzzle as the phone's player. 0 axe-core violations; a phone screenshot."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from phone_browser import launch, require_browser
from phone_game import WAIT, Game, until

from engine.core import actions as ac
from engine.core import events as ev
from engine.core.state import FACILITATOR

sync_api, axe_module = require_browser()
expect = sync_api.expect
SCENARIO = Path(__file__).with_name("data") / "order_drag.yaml"
ALPHABETICAL = [
    "Emballer le colis",
    "Lire le bon de commande",
    "Prendre les articles en rayon",
    "Vérifier les quantités",
]


@pytest.fixture()
def game() -> Iterator[Game]:
    g = Game(SCENARIO).start()
    yield g
    g.close()


@pytest.fixture()
def phone() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser, device = launch(playwright)
        page = browser.new_context(**device, locale="fr-FR").new_page()
        page.set_default_timeout(int(WAIT * 1000))
        yield page
        browser.close()


def cards(page: Any) -> list[str]:
    return [str(t) for t in page.locator("ol.order li .label").all_inner_texts()]


def drag_by_touch(
    page: Any, text: str, below: str, mid: Callable[[], object] = lambda: None
) -> None:
    """Put a finger on the card ``text``, slide it below the card ``below``, lift it: the
    touch events Chromium gets from a touchscreen (pointer events of type "touch")."""
    cdp = page.context.new_cdp_session(page)
    start = page.locator("ol.order li", has_text=text).locator(".label").bounding_box()
    end = page.locator("ol.order li", has_text=below).bounding_box()
    x, y = start["x"] + 10, start["y"] + start["height"] / 2
    target = end["y"] + end["height"] * 0.9
    page.evaluate(
        "window.kinds = [];addEventListener('pointerdown', e => kinds.push(e.pointerType), true)"
    )
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    steps = 12
    for k in range(1, steps + 1):
        point = {"x": x, "y": y + (target - y) * k / steps}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        if k == steps // 2:  # mid-drag, the card is lifted and follows the finger
            expect(page.locator("li.dragging", has_text=text)).to_have_count(1)
            mid()
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    assert page.evaluate("window.kinds") == ["touch"]


def test_a_phone_solves_an_order_puzzle_by_dragging_a_card(
    game: Game,
    phone: Any,
    tmp_path: Path,
    save_shot: Callable[[Callable[[Path], object], Path, str], Path],
) -> None:
    app = game.app
    page = phone
    page.goto(app.phone_link.server.join_url())
    page.fill("#pseudonym", "Lina")
    page.get_by_role("button", name="C'est moi !").tap()
    expect(page.get_by_role("heading", name="Vous êtes dans la partie")).to_be_visible()
    [player] = app.state.players
    game.do(lambda a: a.act(ac.Start(player=FACILITATOR)))
    page.get_by_role("button", name="Préparer la commande").tap()
    expect(page.get_by_role("heading", name="Préparer une commande")).to_be_visible()
    assert cards(page) == ALPHABETICAL  # never the answer's order

    # an order the game refuses: checked there like any answer, the puzzle stays open
    page.get_by_role("button", name="Valider", exact=True).tap()
    until(
        lambda: any(isinstance(e, ev.AnswerChecked) and not e.correct for e in app.log),
        "the wrong order to be checked",
    )

    seen = len(app.log)  # the phone has drawn the view that follows the refusal
    page.wait_for_function(f"Number(document.body.dataset.seq) >= {seen}")
    # a finger drags « Emballer le colis » from the top to the bottom
    drag_by_touch(
        page,
        "Emballer le colis",
        below="Vérifier les quantités",
        mid=lambda: save_shot(
            lambda path: page.screenshot(path=str(path)), tmp_path, "phone-order-drag"
        ),
    )
    right = ALPHABETICAL[1:] + ALPHABETICAL[:1]
    expect(page.locator("ol.order li .label")).to_have_text(right)
    expect(page.locator("ol.order li .rank")).to_have_text(["1.", "2.", "3.", "4."])
    expect(page.locator("#said")).to_have_text("« Emballer le colis » est en position 4 sur 4.")

    # a mouse (the laptop, a whiteboard) drags too: « Lire » below « Prendre »
    lire = page.locator("ol.order li", has_text="Lire le bon").locator(".label").bounding_box()
    prendre = page.locator("ol.order li", has_text="Prendre les articles").bounding_box()
    page.mouse.move(lire["x"] + 10, lire["y"] + lire["height"] / 2)
    page.mouse.down()
    page.mouse.move(lire["x"] + 10, prendre["y"] + prendre["height"] * 0.9, steps=8)
    page.mouse.up()
    expect(page.locator("ol.order li .label")).to_have_text(
        [right[1], right[0], right[2], right[3]]
    )
    # the arrows, by keyboard: « Monter » takes it back to the top, where that arrow is off,
    # so the focus stays on the same card, on its « Descendre »
    page.get_by_role("button", name="Monter : Lire le bon de commande").focus()
    page.keyboard.press("Enter")
    expect(page.locator("ol.order li .label")).to_have_text(right)
    expect(page.get_by_role("button", name="Monter : Lire le bon de commande")).to_be_disabled()
    expect(page.get_by_role("button", name="Descendre : Lire le bon de commande")).to_be_focused()
    expect(page.locator("#said")).to_have_text(
        "« Lire le bon de commande » est en position 1 sur 4."
    )
    page.keyboard.press("Enter")  # and down again, the focus still on it
    expect(page.get_by_role("button", name="Descendre : Lire le bon de commande")).to_be_focused()
    page.keyboard.press("Shift+Tab")  # to its « Monter »
    page.keyboard.press("Enter")
    expect(page.locator("ol.order li .label")).to_have_text(right)

    page.locator("body").click(position={"x": 2, "y": 2})  # no focus ring in the picture
    save_shot(lambda path: page.screenshot(path=str(path), full_page=True), tmp_path, "phone-order")
    results = axe_module.Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

    before = len(app.log)
    page.get_by_role("button", name="Valider", exact=True).tap()
    until(lambda: app.state.phase == "ended", "the order to solve the puzzle")
    checked = [e for e in app.log[before:] if isinstance(e, ev.AnswerChecked)]
    assert [(e.player, e.correct, tuple(e.answer)) for e in checked] == [
        (player, True, ("lire", "prendre", "verifier", "emballer"))
    ]
    solved = [e for e in app.log if isinstance(e, ev.PuzzleSolved)]
    assert [(e.puzzle, e.player, e.wrong) for e in solved] == [("ordre_colis", player, 1)]
    expect(page.get_by_role("heading", name="Partie terminée")).to_be_visible()
