"""The facilitator console, driven like a facilitator does: clicks and typing on its window or
overlay. Each test checks the events that reached the sink (actor, target, values)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame

from engine.core import events as ev
from engine.core.state import FACILITATOR


def _press_key(game: Any, key: int, window: Any = None) -> None:
    extra = {"window": window} if window is not None else {}
    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0, **extra)
    )
    game.app.frame()


def test_console_window_actions_reach_the_sink(game: Any, tmp_path: Path, save_shot: Any) -> None:
    g = game(6)  # the fridge puzzle is open
    app = g.app
    app.console.displays = lambda: 2
    _press_key(g, pygame.K_F9)
    assert app.console.mode == "window"
    assert app.console.window is not None

    start = len(g.sink.events)
    g.click("console:pause")
    paused = [e for e in g.new_events(start) if isinstance(e, ev.Paused)]
    assert paused and paused[0].player == FACILITATOR
    assert app.state.clock.paused_at is not None

    start = len(g.sink.events)
    g.click("console:pause")  # now labelled "Reprendre"
    resumed = [e for e in g.new_events(start) if isinstance(e, ev.Resumed)]
    assert resumed and resumed[0].player == FACILITATOR

    start = len(g.sink.events)
    g.click("console:time:plus1")
    g.click("console:time:minus1")
    g.click("console:time:plus5")
    adjusted = [e for e in g.new_events(start) if isinstance(e, ev.TimeAdjusted)]
    assert [(e.player, e.seconds) for e in adjusted] == [
        (FACILITATOR, 60),
        (FACILITATOR, -60),
        (FACILITATOR, 300),
    ]
    assert app.state.clock.extra_seconds == 300

    team = app.team()
    assert team is not None and team.open_puzzle == "temperature"
    start = len(g.sink.events)
    g.click(f"console:push:{team.id}")  # the hint is read first, nothing is sent yet
    assert not [e for e in g.new_events(start) if isinstance(e, ev.HintShown)]
    preview = app.console.find("console:panel")
    first_hint = app.rules.puzzle_for("temperature", app.state, team.id).hints[0]
    assert preview is not None and first_hint in preview.label
    g.click("console:send_hint")
    hints = [e for e in g.new_events(start) if isinstance(e, ev.HintShown)]
    assert len(hints) == 1
    assert hints[0].player == FACILITATOR and hints[0].pushed
    assert hints[0].puzzle == "temperature" and hints[0].level == 1
    assert any(n.kind == "hint" for n in app.ui.narration)  # shown to the room

    assert hints[0].text == first_hint
    g.click("console:panel_close")

    sam = g.id_of("p2")
    start = len(g.sink.events)
    entry_before = app.ui.work.entry
    g.click(f"console:player:{sam}")
    g.click("console:skill:equipe")
    g.click("console:note")
    g.type("A explique le plan")
    assert app.ui.work.entry == entry_before  # the game did not get the typing
    g.click("console:save")
    observed = [e for e in g.new_events(start) if isinstance(e, ev.EvidenceRecorded)]
    assert len(observed) == 1
    seen = observed[0]
    assert seen.player == FACILITATOR
    assert seen.players == (sam,)
    assert seen.skill == "equipe"
    assert seen.text == "A explique le plan"
    assert seen.source == "facilitator"
    assert "Sam" in app.console.message

    app.console.close()
    app.console.open_window((1600, 900))  # a laptop-sized window, for the picture
    app.frame()
    assert app.console.window.get_surface().get_size() == (1600, 900)
    save_shot(app.console.screenshot, tmp_path, "console-window")
    window = app.console.window
    pygame.event.post(pygame.event.Event(pygame.WINDOWCLOSE, window=window))
    app.frame()
    assert app.console.mode is None and app.console.window is None
    app.frame()
    assert not app.ui.minimised  # the closed console's "hidden" report is not the game's


def test_console_overlay_toggles_on_a_single_display(
    game: Any, tmp_path: Path, save_shot: Any
) -> None:
    g = game(6)
    app = g.app
    assert pygame.display.get_num_displays() == 1
    game_pixel = app.display.get_at((960, 60))
    _press_key(g, pygame.K_F9)
    assert app.console.mode == "overlay"
    assert app.console.window is None
    assert app.display.get_at((960, 60)) != game_pixel  # the console covers the game
    save_shot(app.screenshot, tmp_path, "console-overlay")

    # a click on the overlay is the console's, not the game's
    start = len(g.sink.events)
    g.click("console:time:plus5")
    events = g.new_events(start)
    assert [type(e) for e in events] == [ev.TimeAdjusted]
    assert events[0].player == FACILITATOR

    _press_key(g, pygame.K_F9)
    assert app.console.mode is None
    assert app.display.get_at((960, 60)) == game_pixel
    _press_key(g, pygame.K_F9)
    _press_key(g, pygame.K_ESCAPE)
    assert app.console.mode is None


def test_console_shows_an_alert_after_minutes_without_progress(
    game: Any, tmp_path: Path, save_shot: Any
) -> None:
    from engine.player.console.progress import team_progress

    g = game(6)
    app = g.app
    settings = app.console.settings
    rows = team_progress(app.rules, app.state, app.log, app.session.elapsed(), 5)
    assert not rows[0].alert
    assert app.fake_clock is not None
    app.fake_clock.advance(settings.alert_minutes * 60 + 30)
    rows = team_progress(app.rules, app.state, app.log, app.session.elapsed(), 5)
    assert rows[0].alert
    assert rows[0].solved == 1 and rows[0].total == len(app.scenario.puzzles)
    assert rows[0].puzzle == "temperature"
    _press_key(g, pygame.K_F9)
    card = app.console.find(f"console:team:{rows[0].team}")
    assert card is not None and card.sig[0].alert
    save_shot(app.screenshot, tmp_path, "console-alert")


def test_console_lists_every_team_and_player_of_a_rally(tmp_path: Path, save_shot: Any) -> None:
    import dataclasses

    from engine.load.check import load_scenario
    from engine.player.app import App
    from engine.player.driver import Driver
    from engine.walkthrough import load_walkthrough

    folder = Path(__file__).resolve().parents[2] / "scenarios" / "demo-rally"
    loaded = load_scenario(folder / "demo-rally.yaml")
    assert loaded.scenario is not None
    app = App(loaded.scenario, folder, size=(1920, 1080), headless=True)
    try:
        walkthrough = load_walkthrough(folder / "demo-rally.walkthrough.yaml")
        driver = Driver(app, "mouse")
        driver.play(dataclasses.replace(walkthrough, steps=walkthrough.steps[:3]))
        driver.key(pygame.K_F9)
        assert app.console.mode == "overlay"
        for team in app.state.teams:
            assert app.console.find(f"console:team:{team}") is not None
            assert app.console.find(f"console:push:{team}") is not None
        for player in app.state.players:
            assert app.console.find(f"console:player:{player}") is not None
        save_shot(app.screenshot, tmp_path, "console-rally")
    finally:
        app.close()
