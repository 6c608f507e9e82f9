"""The top bar while playing: the big timer, the hint and score counters and the buttons never
cover each other, with or without « Les mots » (a scenario with a glossary has one more
button, which pushes the counters left; the timer used to stay put and hide the hint bulb)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playing import start_playing

from engine.player.app import App
from engine.player.paint import VRect
from engine.player.screens.chrome import clock_rect
from engine.shipped import resolve_scenario


def _apart(a: VRect, b: VRect) -> bool:
    return a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]


@pytest.mark.parametrize("name", ["tour-normandie", "rallye", "demo-escape", "demo-tour"])
def test_the_timer_counters_and_buttons_stay_apart(
    name: str, make_app: Callable[..., App], tmp_path: Path, save_shot: Any
) -> None:
    path = resolve_scenario(name)
    app = make_app(path, (1920, 1080))
    start_playing(app, path)
    assert app.state.phase == "playing"
    bar = [w for w in app.widgets if w.key.startswith("bar:")]
    assert bar, "the playing screen has a top bar"
    assert (app.find("bar:words") is not None) == bool(app.scenario.glossary)
    shapes = [("clock", clock_rect(app))] + [(w.key, w.rect) for w in bar]
    for i, (key_a, a) in enumerate(shapes):
        for key_b, b in shapes[i + 1 :]:
            assert _apart(a, b), f"{key_a} {a} covers {key_b} {b}"
    if name == "tour-normandie":
        save_shot(app.screenshot, tmp_path, "top-bar-words")
