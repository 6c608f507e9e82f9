"""The phone page's answers for ``order`` and ``pairs`` in Debian Chromium (touch, a phone's
viewport), against the real server with the views of the demo rally's puzzles: what the phone
sends is what was tapped, as the phone's player. 0 axe-core violations."""

from __future__ import annotations

import os
import queue
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from phone_browser import phone_page, require_browser

from engine.core.rules import Rules
from engine.load.check import load_scenario
from engine.phones.server import COOKIE, ActionRequest, PhoneServer
from engine.phones.view import puzzle_view
from engine.shipped import resolve_scenario

sync_api, axe_module = require_browser()
expect = sync_api.expect


@pytest.fixture()
def phone() -> Iterator[tuple[Any, PhoneServer, Rules]]:
    scenario = load_scenario(resolve_scenario("demo-rally")).scenario
    assert scenario is not None
    server = PhoneServer("127.0.0.1", 0)
    server.start()
    server.room.bind("jeton", "p1")
    with phone_page(sync_api, server.url, COOKIE, "jeton") as (page, _browser):
        yield page, server, Rules(scenario)
    server.stop()


def show(server: PhoneServer, rules: Rules, puzzle: str, seq: int) -> None:
    you = {"pseudonym": "Lina", "colour": "#e69f00", "avatar": "cercle"}
    view = {"phase": "playing", "you": you, "scene": "Le dépôt", "seq": seq}
    view |= {
        "hotspots": [],
        "exits": [],
        "items": [],
        "puzzle": puzzle_view(rules.puzzles[puzzle], 0),
    }
    server.publish({"p1": view})


def sent(server: PhoneServer) -> ActionRequest:
    request = server.inbox.get(timeout=10)
    assert isinstance(request, ActionRequest)
    return request


def test_order_by_its_arrows_and_pairs_are_answered_by_taps(
    phone: tuple[Any, PhoneServer, Rules],
) -> None:
    page, server, rules = phone
    page.goto(server.url + "jeu")
    show(server, rules, "ordre_colis", 1)
    page.wait_for_selector('body[data-seq="1"]', state="attached")
    right = [i.id for i in rules.puzzles["ordre_colis"].items]  # type: ignore[attr-defined]
    texts = {i.id: i.text for i in rules.puzzles["ordre_colis"].items}  # type: ignore[attr-defined]
    shown = list(page.locator("ol.order li .label").all_inner_texts())
    assert shown == sorted(texts.values(), key=str.casefold)  # never the answer's order
    last = texts[right[-1]]  # the last step comes first in the alphabet: take it down
    assert shown[0] == last
    for _ in range(len(right) - 1):
        page.get_by_role("button", name=f"Descendre : {last}").tap()
    expect(page.locator("ol.order li .label")).to_have_text([texts[i] for i in right])
    page.get_by_role("button", name="Valider").tap()
    request = sent(server)
    assert (request.action.player, request.action.value) == ("p1", tuple(right))

    show(server, rules, "soin_gestes", 2)
    page.wait_for_selector('body[data-seq="2"]', state="attached")
    written = rules.puzzles["soin_gestes"].pairs  # type: ignore[attr-defined]
    for pair in written:
        page.get_by_role("button", name=pair.left, exact=True).tap()
        page.get_by_role("button", name=pair.right, exact=True).tap()
    page.get_by_role("button", name="Valider").tap()
    request = sent(server)
    assert request.action.value == {p.id: p.id for p in written}
    shots = os.environ.get("DECLIC_SCREENSHOTS")
    if shots:
        page.screenshot(path=str(Path(shots) / "phone-pairs.png"))
    results = axe_module.Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    with pytest.raises(queue.Empty):
        server.inbox.get_nowait()
