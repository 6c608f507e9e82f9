"""Idle frames draw ahead the pictures a hover or a press will need, within their budget."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pygame

from engine.player.driver import Driver, post
from engine.player.paint import Painter
from engine.player.prepaint import LIKELY, PictureWarmup
from engine.player.repaint import picture_key
from engine.shipped import scenarios_dir
from engine.walkthrough import default_walkthrough, load_walkthrough


def _playing(make_app):  # type: ignore[no-untyped-def]
    path: Path = scenarios_dir() / "demo-escape" / "demo-escape.yaml"
    app = make_app(path, (1280, 720))
    walkthrough = load_walkthrough(default_walkthrough(path))
    walkthrough.steps = []  # join the players and start, nothing more
    Driver(app, "mouse").play(walkthrough)
    assert app.ui.screen == "play"
    return app


def _has(app, widget, look) -> bool:  # type: ignore[no-untyped-def]
    box = app.painter.px(widget.reach(look))
    return (picture_key(app.painter, widget, look), box.size) in app.painter.widgets.data


def test_idle_frames_draw_the_likely_looks_of_every_button(make_app) -> None:
    app = _playing(make_app)
    buttons = [w for w in app.widgets if w.pictured and w.interactive]
    assert len(buttons) >= 5
    for _ in range(600):
        if app.idle.looks_ahead.done(app.widgets):
            break
        app.frame()
    assert app.idle.looks_ahead.done(app.widgets)
    missing = [(w.key, look) for w in buttons for look in LIKELY if not _has(app, w, look)]
    assert missing == []


def test_a_hover_after_idle_frames_draws_no_new_picture(make_app) -> None:
    app = _playing(make_app)
    for _ in range(600):
        if app.idle.looks_ahead.done(app.widgets):
            break
        app.frame()
    target = next(w for w in app.widgets if w.key.startswith("bar:") and w.pictured)
    with mock.patch.object(Painter, "_draw_picture", autospec=True) as drawn:
        post(
            pygame.MOUSEMOTION,
            pos=app.painter.to_window(target.centre),
            rel=(0, 0),
            buttons=(0, 0, 0),
            touch=False,
        )
        app.frame()
    assert app.ui.hover == target.key
    assert drawn.call_count == 0


def test_a_step_keeps_to_its_budget_but_always_moves_on(make_app) -> None:
    """On a fake clock where every picture takes 0.1 ms: a 0.25 ms step draws two; when
    pictures look far too slow for the budget, a step still draws one."""
    app = _playing(make_app)
    warmup = PictureWarmup(app.painter)
    now = [0.0]
    made: list[pygame.Rect] = []
    real = Painter._draw_picture

    def taking_a_tenth_of_a_millisecond(painter, box, draw, ground=False):  # type: ignore[no-untyped-def]
        made.append(box)
        now[0] += 0.0001
        return real(painter, box, draw, ground)

    app.painter.widgets.clear()
    with (
        mock.patch("engine.player.prepaint.time.perf_counter", lambda: now[0]),
        mock.patch.object(
            Painter, "_draw_picture", autospec=True, side_effect=taking_a_tenth_of_a_millisecond
        ),
    ):
        warmup.per_pixel = 0.0
        buttons = [w for w in app.widgets if w.pictured and w.interactive]
        same = [w for w in buttons if w.rect[2:] == buttons[0].rect[2:]]
        assert len(same) >= 3  # the top bar's buttons
        warmup.step(same, 0.00025)
        assert len(made) == 2
        warmup.per_pixel = 1.0  # now every picture looks far too big for a frame
        warmup.step(same, 0.00025)
        assert len(made) == 3
        while not warmup.done(same):
            warmup.step(same, 0.00025)
    assert len(made) == len(same) * len(LIKELY)
