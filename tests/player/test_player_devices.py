"""Every shipped scenario, played to its ending through the real UI with each input device.

The UI's event log must be the pure replay's log (same events, same order, nothing doubled
by touch), and every event must carry the player who acted in that walkthrough step.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core.rules import Rules
from engine.player.driver import Driver
from engine.shipped import shipped_scenarios
from engine.walkthrough import default_walkthrough, load_walkthrough, run


def playable() -> list[Path]:
    """Shipped scenarios with a walkthrough; scenarios added later are picked up here."""
    return [p for p in shipped_scenarios() if default_walkthrough(p).is_file()]


DEVICES = ("mouse", "touch", "keyboard", "gamepad")


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("path", playable(), ids=lambda p: p.stem)
def test_player_plays_to_the_ending_with_each_device(make_app, path: Path, device: str) -> None:
    size = (1920, 1080) if device == "mouse" else (1280, 720)
    app = make_app(path, size)
    walkthrough = load_walkthrough(default_walkthrough(path))
    result = Driver(app, device).play(walkthrough)

    assert app.state.phase == "ended" or all(t.ending for t in app.state.teams.values())
    expected = walkthrough.spec.expect.get("ending")
    if expected:
        assert {t.ending for t in app.state.teams.values()} == {expected}

    for record in result.records:
        acted = [e for e in record.events if e.player is not None]
        assert acted, f"step {record.index} ({record.action.key}) produced nothing"
        assert {e.player for e in acted} == {record.player}, f"step {record.index}: {acted}"

    replay = run(Rules(app.scenario), walkthrough)
    ids = result.ids
    expected_log = [
        (e.kind, ids.get(e.player, e.player) if e.player else None) for e in replay.events
    ]
    assert [(e.kind, e.player) for e in app.log] == expected_log


def test_a_mouse_at_human_pace_plays_the_same_game(make_app) -> None:
    """With a pace, the pointer travels and the button is held over several frames (the
    benchmark's room): the same events as the instant driver, and the pressed look is shown
    while the button is down."""
    from engine.player.driver import Pace

    path = next(p for p in playable() if p.stem == "demo-rally")  # order puzzles: drags
    walkthrough = load_walkthrough(default_walkthrough(path))
    instant = make_app(path, (960, 540))
    Driver(instant, "mouse").play(walkthrough)
    paced = make_app(path, (960, 540))
    driver = Driver(paced, "mouse", pace=Pace(travel=5, hold=3))
    pressed_seen: set[str] = set()
    frame = paced.frame

    def watching(dt: float = 1 / 60) -> None:
        frame(dt)
        pressed_seen.update(paced.ui.pressed.values())

    paced.frame = watching  # type: ignore[method-assign]
    driver.play(walkthrough)
    assert [(e.kind, e.player) for e in paced.log] == [(e.kind, e.player) for e in instant.log]
    assert paced.frames > instant.frames + 8 * len(walkthrough.steps)
    assert "puzzle:submit" in pressed_seen  # held down for a few frames, not only clicked
