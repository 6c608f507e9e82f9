"""The facilitator's message on a player's phone, in Debian Chromium (touch, a phone's
viewport) against a real headless game with its phones' server: an ``Announce`` from the
console shows on the phone in a polite live region (role=status), large; the next message
replaces it; after ``ANNOUNCE_SECONDS`` it leaves the phone and the projector together.
0 axe-core violations; the screenshot is looked at (docs/screenshots/phone-message.png)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from phone_browser import phone_page, require_browser
from phone_game import Game, until

from engine.core import actions as ac
from engine.core import events as ev
from engine.core.rules import ANNOUNCE_SECONDS
from engine.core.state import FACILITATOR
from engine.phones.server import COOKIE
from engine.shipped import resolve_scenario

sync_api, axe_module = require_browser()
expect = sync_api.expect
FIRST = "Plus que 5 minutes, courage !"
SECOND = "Pensez à regarder sous l'évier."


@pytest.fixture()
def game() -> Iterator[Game]:
    g = Game(resolve_scenario("demo-escape")).start()

    def setup(app: Any) -> None:
        app.act(ac.Join(player="p1", pseudonym="Lina", colour="#e69f00", avatar="cercle"))
        app.phone_link.server.room.bind("jeton-1", "p1")
        app.act(ac.Start(player=FACILITATOR))

    g.do(setup)
    yield g
    g.close()


def announce(game: Game, text: str) -> None:
    game.do(lambda app: app.act(ac.Announce(player=FACILITATOR, text=text)))


def test_the_facilitators_message_shows_on_the_phone_then_leaves_with_the_projectors(
    game: Game, tmp_path: Path, save_shot: Any
) -> None:
    app = game.app
    server = app.phone_link.server
    with phone_page(sync_api, server.url, COOKIE, "jeton-1") as (page, _browser):
        page.goto(server.url + "jeu")
        expect(page.get_by_role("heading", name="Le vestiaire")).to_be_visible()
        region = page.locator("#message")
        assert region.get_attribute("role") == "status"
        assert region.get_attribute("aria-live") == "polite"
        expect(region).to_be_empty()

        announce(game, FIRST)
        expect(region).to_contain_text("Message de l'animateur")
        expect(region).to_contain_text(FIRST)
        size = region.locator(".text").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 28, f"the message is read at arm's length: {size}px"
        results = axe_module.Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        save_shot(lambda path: page.screenshot(path=str(path)), tmp_path, "phone-message")

        announce(game, SECOND)  # the next one replaces it
        expect(region.locator(".text")).to_have_text(SECOND)
        assert FIRST not in region.inner_text()
        shown = [n.text for n in app.ui.narration if n.kind == "announce"]
        assert any(SECOND in text for text in shown)

        game.do(lambda a: a.fake_clock.advance(ANNOUNCE_SECONDS - 1))
        game.do(lambda a: a.frame())
        expect(region.locator(".text")).to_have_text(SECOND)  # still there just before
        game.do(lambda a: a.fake_clock.advance(1.5))
        expect(region).to_be_empty()
        until(
            lambda: not [n for n in app.ui.narration if n.kind == "announce"],
            "the projector's bubble to go too",
        )
        assert [e.text for e in app.log if isinstance(e, ev.Announced)] == [FIRST, SECOND]
