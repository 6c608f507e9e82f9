"""Screens: each builds the list of widgets for one moment of the game.

``build_screen`` picks the screen from the game phase and what the room is doing; the
chrome (top bar, "Qui joue ?" strip, bag) is shared by the play screens.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar

import pygame

from engine.player.paint import Painter
from engine.player.widgets import Look, Widget

if TYPE_CHECKING:
    from engine.player.app import App

T = TypeVar("T")


def build_screen(app: App) -> list[Widget]:
    from engine.player.screens import ending, lobby, overlays, play, puzzles, start

    if app.screen == "start":
        widgets = start.build(app)
    elif app.state.phase == "lobby":
        app.screen = "lobby"
        widgets = lobby.build(app)
    elif app.state.phase == "ended" or (app.team() is not None and app.team().ending is not None):  # type: ignore[union-attr]
        app.screen = "ending"
        widgets = ending.build(app)
    else:
        app.screen = "play"
        _sync_puzzle(app)
        widgets = play.build(app)
        if app.work.puzzle:
            widgets = puzzles.build(app, widgets)
        overlay = overlays.build(app)
        if overlay:
            widgets = [
                w if w.key.startswith("bar:") else puzzles.inert(w) for w in widgets
            ] + overlay
    keys = {w.key for w in widgets if w.interactive}
    if app.focus is not None and app.focus not in keys:
        app.focus = None
    if app.hover is not None and app.hover not in keys:
        app.hover = None
    return widgets


def memo(app: App, key: Hashable, make: Callable[[], T]) -> T:
    """A part of a screen that depends only on ``key`` is built once (map labels, the
    on-screen keyboard): rebuilding the widgets after every tap must stay cheap. The key
    carries the scale and style, so a resize or a bigger text size builds it again."""
    painter = app.painter
    full = (key, painter.s, painter.style.text_scale, painter.style.fonts, app.options.language)
    if full not in app.memo:
        if len(app.memo) > 256:
            app.memo.clear()
        app.memo[full] = make()
    return app.memo[full]  # type: ignore[no-any-return]


REST = Look()
MAX_REGIONS = 24
FULL_AREA = 0.45 * 1920 * 1080
Region = tuple[float, float, float, float]


def looks(app: App) -> dict[str, Look]:
    """The widgets that do not look at rest (hovered, focused, pressed), by key. They are
    painted into the cached layer like any change, so a frame where nothing moves draws
    nothing at all."""
    pressed = set(app.pressed.values())
    keys = {app.hover, app.focus, *pressed, *app.pad_hover} - {None}
    return {
        key: Look(
            hovered=key == app.hover or key in app.pad_hover,
            focused=key == app.focus,
            pressed=key in pressed,
        )
        for key in keys
        if key is not None
    }


def changed_regions(
    old: list[Widget],
    new: list[Widget],
    old_looks: dict[str, Look] | None = None,
    new_looks: dict[str, Look] | None = None,
) -> list[Region] | None:
    """Where the screen changed between two widget lists (and their looks); None when it is
    simpler to redraw everything (first frame, or most of the screen changed)."""
    if not old:
        return None
    before = {w.key: w for w in old}
    after = {w.key: w for w in new}
    if len(before) != len(old) or len(after) != len(new):
        return None  # a key used twice: diffing by key would miss a change
    regions = []
    for key, widget in after.items():
        previous = before.get(key)
        if previous is None or previous.signature != widget.signature:
            regions.append(widget.paint)
            if previous is not None:
                regions.append(previous.paint)
    regions += [w.paint for key, w in before.items() if key not in after]
    old_looks, new_looks = old_looks or {}, new_looks or {}
    for key in old_looks.keys() | new_looks.keys():
        if old_looks.get(key, REST) != new_looks.get(key, REST) and key in after:
            regions.append(after[key].paint)
    regions = merged(regions)
    if len(regions) > MAX_REGIONS or sum(r[2] * r[3] for r in regions) > FULL_AREA:
        return None
    return regions


def merged(regions: list[Region]) -> list[Region]:
    """Overlapping regions become their union: what lies under both is drawn once."""
    out: list[Region] = []
    for region in regions:
        while True:
            hit = next((r for r in out if _overlap(r, region)), None)
            if hit is None:
                break
            out.remove(hit)
            x0, y0 = min(hit[0], region[0]), min(hit[1], region[1])
            x1 = max(hit[0] + hit[2], region[0] + region[2])
            y1 = max(hit[1] + hit[3], region[1] + region[3])
            region = (x0, y0, x1 - x0, y1 - y0)
        out.append(region)
    return out


def repaint(
    app: App, painter: Painter, regions: list[Region], shown: dict[str, Look]
) -> list[pygame.Rect]:
    """Redraw only ``regions``: every widget touching one is drawn again, in order, clipped.
    Returns the pixel rectangles repainted."""
    surface = painter.target
    bounds = surface.get_rect()
    done = []
    for region in regions:
        clip = painter.px(region).clip(bounds)
        if clip.width <= 0 or clip.height <= 0:
            continue
        painter.clip_to(clip)
        surface.fill(painter.theme.background)
        for widget in app.widgets:
            if _overlap(widget.paint, region):
                widget.draw(painter, shown.get(widget.key, REST))
        done.append(clip)
    painter.clip_to(None)
    return done


def _overlap(a: Region, b: Region) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _sync_puzzle(app: App) -> None:
    """The core says which puzzle is open (after a resume, or when the turn changes)."""
    from engine.player.app import PuzzleWork

    team = app.team()
    wanted = team.open_puzzle if team is not None else None
    if (app.work.puzzle or None) != wanted:
        if wanted is not None and wanted in app.rules.puzzles:
            app._open_work(wanted)
        else:
            app.work = PuzzleWork()


def draw_widgets(app: App, painter: Painter, shown: dict[str, Look]) -> None:
    """Every widget, each with its look (the cached layer)."""
    painter.fill(painter.theme.background)
    for widget in app.widgets:
        widget.draw(painter, shown.get(widget.key, REST))
