"""The tour map's place names never cover each other, another place's dot or the map's
title, at every text size (at the largest, twelve Normandy places used to pile « Flamanville » over « Bayeux »).
The prefectures' names, placed after them, are texts the audit reads (no longer baked into
the map at 20 px) and keep off the places' names, dots and buttons, the title and each other."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playing import start_playing

from engine.player.app import App
from engine.player.audit import MIN_TEXT, drawn_texts
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
    towns: list[list[play.TownLabel]] = []
    original = play.map_labels
    original_towns = play.prefecture_labels

    def recording(app: App, located: Any, here: str) -> list[play.MapLabel]:
        labels = original(app, located, here)
        seen.append(([at for _, at in located], labels))
        return labels

    def recording_towns(app: App, *args: Any) -> list[play.TownLabel]:
        towns.append(original_towns(app, *args))
        return towns[-1]

    monkeypatch.setattr(play, "map_labels", recording)
    monkeypatch.setattr(play, "prefecture_labels", recording_towns)
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
        named = towns[-1]
        assert named, "at least one prefecture has room"
        for k, town in enumerate(named):
            rect = town.label.rect
            assert play._overlap(rect, title) == 0, (step, town)
            for other in named[k + 1 :]:
                assert play._overlap(rect, other.label.rect) == 0, (step, town, other)
            for at, label in zip(markers, labels, strict=True):
                assert play._overlap(rect, label.rect) == 0, (step, town, label)
                assert play._overlap(rect, play.marker_rect(at)) == 0, (step, town, at)
        drawn = {s.text: s for s in drawn_texts(app)}
        for town in named:  # a text the audit reads, as large as any
            assert drawn[town.name].pixels >= MIN_TEXT, (step, town.name)
    if name == "tour-normandie":
        save_shot(app.screenshot, tmp_path, "tour-map-large")


def test_a_prefecture_with_no_room_is_left_out() -> None:
    bounds = (0.0, 0.0, 1000.0, 800.0)
    towns = [("Évreux", (500.0, 400.0)), ("Alençon", (520.0, 420.0))]
    (first, second) = play.town_labels(towns, [120.0, 140.0], 40.0, bounds, [])
    assert play._overlap(first.label.rect, second.label.rect) == 0
    for town in (first, second):
        for _, at in towns:
            assert play._overlap(town.label.rect, play._dot(at, play.PREFECTURE_DOT)) == 0
    # the whole map taken but a strip too low for any name: neither is named
    taken = [(0.0, 0.0, 1000.0, 780.0)]
    assert play.town_labels(towns, [120.0, 140.0], 40.0, bounds, taken) == []
