"""Repainting only what changed, and updating the window only there, gives exactly the
picture of a full redraw."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from engine.player.driver import Driver
from engine.shipped import scenarios_dir, shipped_scenarios
from engine.walkthrough import default_walkthrough, load_walkthrough


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_player_partial_repaint_matches_a_full_redraw(make_app, path: Path) -> None:
    app = make_app(path, (960, 540))
    driver = Driver(app, "mouse")
    differences = []

    def compare(label: str, app=app) -> None:
        partial = pygame.image.tobytes(app.clean_surface, "RGB")
        shown = pygame.image.tobytes(app.display, "RGB")
        app.force_full = True
        app.present_full = True
        app.dirty = True
        app.frame()
        if pygame.image.tobytes(app.clean_surface, "RGB") != partial:
            differences.append(f"{label} on {app.ui.screen}: cached screen")
        if pygame.image.tobytes(app.display, "RGB") != shown:
            differences.append(f"{label} on {app.ui.screen}: window")
        for widget in app.widgets:  # the same screen drawn without widget pictures
            widget.pictured = False
        app.force_full = app.present_full = True
        app.frame()
        if pygame.image.tobytes(app.display, "RGB") != shown:
            differences.append(f"{label} on {app.ui.screen}: widget pictures")
        app.dirty = True

    driver.observer = compare
    driver.play(load_walkthrough(default_walkthrough(path)))
    assert not differences


def test_player_layers_leave_no_trail(make_app) -> None:
    """The timer ticking and a gamepad cursor crossing the screen are wiped off each frame:
    the window then equals a full redraw, with no old digits and no cursor trail."""
    from engine.player.ui import Pad

    path: Path = scenarios_dir() / "demo-escape" / "demo-escape.yaml"
    app = make_app(path, (960, 540))
    driver = Driver(app, "mouse")
    walkthrough = load_walkthrough(default_walkthrough(path))
    walkthrough.steps = []  # join the players and start, nothing more
    driver.play(walkthrough)
    assert app.ui.screen == "play" and app.state.phase == "playing"
    app.ui.pads[7] = Pad(instance_id=7, x=200.0, y=300.0)
    timer_before = pygame.image.tobytes(
        app.display.subsurface(app.painter.px((760, 10, 240, 84))), "RGB"
    )
    for _ in range(12):
        app.ui.pads[7].x += 97.0
        app.ui.pads[7].y += 31.0
        app.fake_clock.advance(1.0)
        app.frame()
    shown = pygame.image.tobytes(app.display, "RGB")
    timer_after = pygame.image.tobytes(
        app.display.subsurface(app.painter.px((760, 10, 240, 84))), "RGB"
    )
    app.force_full = app.present_full = app.dirty = True
    app.frame()
    assert timer_after != timer_before  # the clock did move on screen
    assert pygame.image.tobytes(app.display, "RGB") == shown


def test_regions_merge_only_when_their_union_is_no_bigger() -> None:
    from engine.player.repaint import merged

    # a button's region and the same button lifted: one region
    assert merged([(100, 100, 200, 80), (100, 96, 200, 80)]) == [(100, 96, 200, 84)]
    # a wide field and a box beside it that its bleed just touches: their union would take
    # in the keys below both, so they stay two regions
    apart = [(56, 240, 672, 128), (724, 208, 462, 172)]
    assert merged(apart) == apart
    # nested: the bigger one
    assert merged([(0, 0, 500, 500), (10, 10, 20, 20)]) == [(0, 0, 500, 500)]


def _as_full_redraw(app) -> bool:  # type: ignore[no-untyped-def]
    """The window shows what drawing everything again shows."""
    shown = pygame.image.tobytes(app.display, "RGB")
    app.force_full = app.present_full = app.dirty = True
    app.frame()
    return pygame.image.tobytes(app.display, "RGB") == shown


@pytest.mark.parametrize("idle", [0, 40], ids=["closed-at-once", "closed-after-idle"])
def test_a_covering_hand_over_paints_the_screen_it_hides_while_idle(make_app, idle: int) -> None:
    """The hand-over covers the whole screen: the frame that shows it draws only the
    hand-over, the next team's screen is painted under it in the idle frames that follow
    (or, closed at once, when it closes), and what shows then is exactly a full redraw."""
    path: Path = scenarios_dir() / "demo-rally" / "demo-rally.yaml"
    app = make_app(path, (960, 540))
    driver = Driver(app, "mouse")
    walkthrough = load_walkthrough(default_walkthrough(path))
    walkthrough.steps = []
    checked: list[str] = []

    def at_hand_over(label: str, app=app) -> None:  # type: ignore[no-untyped-def]
        if label != "go":
            return
        assert app.ui.handover is not None
        app.force_full = app.present_full = app.dirty = True
        app.frame()  # the hand-over drawn from scratch
        hidden = [w.key for w in app.backdrop.owed]
        assert hidden and all(key in {w.key for w in app.widgets} for key in hidden)
        assert app.backdrop.under_widgets[: len(hidden)] == app.backdrop.owed
        for _ in range(idle):
            app.frame()
        if idle:
            assert not app.backdrop.owed, "idle frames paint what the hand-over hides"
        assert _as_full_redraw(app)  # painting ahead never shows through
        if idle:
            for _ in range(idle):
                app.frame()
        driver.press("handover:ok", None)
        assert app.ui.handover is None and not app.backdrop.owed
        assert _as_full_redraw(app)
        checked.append(label)

    driver.observer = at_hand_over
    driver.play(walkthrough)
    assert checked == ["go"]
