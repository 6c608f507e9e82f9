"""The phones' link with the game's loop (headless window, real server): a phone's action
is applied as soon as the server wakes the loop, between frames and on the loop's own
thread; the phones' views are made again only when the game or the room changed."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from engine.core import actions as ac
from engine.core import events as ev
from engine.core.state import CLOCK, FACILITATOR
from engine.load.check import load_scenario
from engine.phones.link import attach_phones
from engine.phones.server import ActionRequest
from engine.shipped import resolve_scenario


@pytest.fixture()
def game() -> Iterator[Any]:
    from engine.player.app import App

    path = resolve_scenario("demo-escape")
    scenario = load_scenario(path).scenario
    assert scenario is not None
    app = App(scenario, path.parent, headless=True)
    close = attach_phones("127.0.0.1", 0)(app)
    app.act(ac.Join(player="p1", pseudonym="Lina", colour="#e69f00", avatar="cercle"))
    app.phone_link.server.room.bind("jeton", "p1")
    app.act(ac.Start(player=FACILITATOR))
    app.frame()
    yield app
    close()
    app.close()


def test_an_action_is_applied_when_it_arrives_not_at_the_next_frame(game: Any) -> None:
    app = game
    ran_on: list[threading.Thread] = []
    app.wake_hooks.append(lambda: ran_on.append(threading.current_thread()))
    frames = app.frames
    app.phone_link.server.put(ActionRequest("p1", ac.Use(player="p1", hotspot="affiche")))
    assert app.wake.is_set()  # the server woke the loop
    app.wait_until(time.perf_counter() + 0.05)  # the loop's wait between two frames
    used = [e for e in app.log if isinstance(e, ev.HotspotUsed)]
    assert [(e.player, e.hotspot) for e in used] == [("p1", "affiche")]
    assert app.frames == frames  # applied before any frame ran
    assert ran_on and all(t is threading.current_thread() for t in ran_on)
    assert not app.wake.is_set()


def test_views_are_made_again_only_when_the_game_or_the_room_changed(game: Any) -> None:
    app = game
    link = app.phone_link
    published: list[dict[str, Any]] = []
    link.server.publish = published.append
    app.frame()
    app.frame()
    assert published == []  # nothing changed since the last frame
    app.act(ac.Use(player="p1", hotspot="affiche"))
    app.frame()
    app.frame()
    assert len(published) == 1 and set(published[0]) == {"p1"}
    link.server.room.bind("autre-jeton", "p1")  # the same player, from another phone
    app.frame()
    assert len(published) == 2


def test_the_phones_are_remembered_for_a_resume_on_the_games_thread() -> None:
    from engine.phones.link import Remembered
    from engine.phones.room import token_hash
    from engine.player.app import App

    path = resolve_scenario("demo-escape")
    scenario = load_scenario(path).scenario
    assert scenario is not None
    app = App(scenario, path.parent, headless=True)
    saved: list[tuple[str, dict[str, str], threading.Thread]] = []
    kept = Remembered("654321", {token_hash("ancien"): "p1"})
    kept.save = lambda code, known: saved.append((code, known, threading.current_thread()))
    close = attach_phones("127.0.0.1", 0, remembered=kept)(app)
    try:
        assert app.ui.phones is not None and app.ui.phones[2] == "654321"  # the same code
        app.frame()
        assert saved == []  # nothing new to keep
        app.phone_link.server.room.bind("nouveau", "p2")
        app.frame()
        code, known, thread = saved[-1]
        assert code == "654321" and thread is threading.current_thread()
        assert known == {token_hash("ancien"): "p1", token_hash("nouveau"): "p2"}
    finally:
        close()
        app.close()


def test_the_card_picture_is_sent_as_an_address_once_the_cards_are_written(
    tmp_path: Any,
) -> None:
    from engine.player.app import App

    path = resolve_scenario("demo-escape")
    scenario = load_scenario(path).scenario
    assert scenario is not None
    app = App(scenario, path.parent, headless=True)
    picture = tmp_path / "01-Lina.png"
    cards: dict[str, dict[str, str]] = {"p1": {"code": "6982-AZCF"}}
    close = attach_phones("127.0.0.1", 0, card=lambda p: cards.get(p))(app)
    try:
        link = app.phone_link
        published: list[dict[str, Any]] = []
        link.server.publish = published.append
        app.act(ac.Join(player="p1", pseudonym="Lina", colour="#e69f00", avatar="cercle"))
        link.server.room.bind("jeton", "p1")
        app.act(ac.Start(player=FACILITATOR))
        app.act(ac.AdjustTime(player=FACILITATOR, minutes=-60))  # time is up: the end
        app.act(ac.Tick(player=CLOCK))
        app.frame()
        assert app.state.phase == "ended"
        assert published[-1]["p1"]["card"] == {"code": "6982-AZCF"}
        picture.write_bytes(b"\x89PNG")
        cards["p1"] = {"code": "6982-AZCF", "image": str(picture)}
        app.ui.summary_message = "1 carte prête"  # the ending screen wrote the cards
        app.frame()
        card = published[-1]["p1"]["card"]
        assert card["image"].startswith("/carte.png?v=") and str(tmp_path) not in str(card)
        assert link.server.pictures == {"p1": picture}
    finally:
        close()
        app.close()


def test_the_windows_loop_runs_its_frames_and_applies_what_arrives(game: Any) -> None:
    app = game
    seen: list[int] = []

    def count() -> None:
        seen.append(app.frames)
        if len(seen) == 2:  # between the first two frames, a phone taps
            app.phone_link.server.put(ActionRequest("p1", ac.Use(player="p1", hotspot="affiche")))
        if len(seen) == 4:
            app.ui.running = False

    app.frame_hooks.insert(0, count)
    app.run()
    assert len(seen) == 4 and seen == sorted(seen)
    used = [e for e in app.log if isinstance(e, ev.HotspotUsed)]
    assert [(e.player, e.hotspot) for e in used] == [("p1", "affiche")]
