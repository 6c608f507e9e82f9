"""The tour map's place names never cover each other, another place's dot or the map's
title, at every text size (at the largest, twelve Normandy places used to pile « Flamanville » over « Bayeux »)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playing import start_playing

from engine.player.app import App
from engine.player.screens import play
from engine.player.theme import TEXT_STEPS
from engine.shipped import resolve_scenario


@pytest.mark.parametrize("name", ["tour-normandie", "demo-tour"])
def test_place_names_stay_apart_at_every_text_size(
    name: str,
    make_app: Callable[..., App],
    monkeypatch: pytest.MonkeyPatch,
    save_shot: Any,
    tmp_path: Path,
) -> None:
    seen: list[tuple[list[tuple[float, float]], list[play.MapLabel]]] = []
    original = play.map_labels

    def recording(app: App, located: Any, here: str) -> list[play.MapLabel]:
        labels = original(app, located, here)
        seen.append(([at for _, at in located], labels))
        return labels

    monkeypatch.setattr(play, "map_labels", recording)
    path = resolve_scenario(name)
    app = make_app(path, (1920, 1080))
    driver = start_playing(app, path)
    for step in range(len(TEXT_STEPS)):
        app.ui.options.text_step = step
        app.restyle()
        driver.frames(1)
        seen.clear()
        team = app.team()
        assert team is not None
        play.tour(app, next(s for s in app.scenario.scenes if s.id == team.scene))
        assert seen, "the tour map was laid out"
        markers, labels = seen[-1]
        r = play.MARKER_R
        dots = [(x - r, y - r, 2 * r, 2 * r) for x, y in markers]
        title = play.map_title_rect(app)
        for i, a in enumerate(labels):
            assert play._overlap(a.rect, title) == 0, (step, a, "La Normandie")
            for b in labels[i + 1 :]:
                assert play._overlap(a.rect, b.rect) == 0, (step, a, b)
            for j, dot in enumerate(dots):
                if j != i:
                    assert play._overlap(a.rect, dot) == 0, (step, a, markers[j])
    if name == "tour-normandie":
        save_shot(app.screenshot, tmp_path, "tour-map-large")
