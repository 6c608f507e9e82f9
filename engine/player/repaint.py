"""Retained drawing: find what changed between two widget lists and repaint only there.

The window keeps ``clean``, a picture of every widget with its look. After a change, the
widgets whose signature or look differ give regions; each region is cleared and every widget
touching it is drawn again, in order, clipped. A widget marked ``backdrop`` (a puzzle's panel,
the hand-over) also keeps a picture of itself and everything under it: a change above it (a
typed letter, a chosen answer) copies that picture back instead of redrawing the scene, the
dimming and the panel; and when the panel closes, the picture of the screen under it is put
back. A panel that ``covers`` the whole screen (the hand-over) hides what is under it: that
is not drawn in the frame the panel appears, but painted into the picture under it a few
widgets per idle frame, ready for when the panel closes. Repainting any region gives exactly
the pixels of a full redraw (tests compare them).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame

from engine.player.paint import Painter
from engine.player.widgets import Look, Widget

if TYPE_CHECKING:
    from engine.player.app import App

REST = Look()
MAX_REGIONS = 24
FULL_AREA = 0.45 * 1920 * 1080
Region = tuple[float, float, float, float]


def paint(painter: Painter, widget: Widget, look: Look) -> None:
    """Draw a widget; one whose drawing depends only on its signature and look (a button)
    is drawn once into a picture, and blitted after: neighbours repainted around a changed
    widget then cost a blit each."""
    if widget.pictured:
        painter.pictured(
            picture_key(painter, widget, look),
            widget.reach(look),
            drawing(painter, widget, look),
            widget.ground,
        )
    else:
        widget.draw(painter, look)


def prepare(painter: Painter, widget: Widget, look: Look) -> bool:
    """Draw a pictured widget's picture for ``look`` ahead, without showing it (False when
    it was already there)."""
    return painter.prepare(
        picture_key(painter, widget, look),
        widget.reach(look),
        drawing(painter, widget, look),
        widget.ground,
    )


def picture_key(painter: Painter, widget: Widget, look: Look) -> Hashable:
    """What a widget's picture shows: its size, label, signature and look, and where it
    lies only modulo two pixels (rounding halves to even makes a shift by an odd number of
    pixels round some edges the other way). A card or an arrow moved along a list, or a
    key drawn again elsewhere, then reuses its picture."""
    x, y, w, h = widget.rect
    s = painter.s
    return ("widget", w, h, widget.label, widget.sig, look, (x * s) % 2, (y * s) % 2)


def drawing(painter: Painter, widget: Widget, look: Look) -> Callable[[], None]:
    return lambda: widget.draw(painter, look)


def looks(app: App) -> dict[str, Look]:
    """The widgets that do not look at rest (hovered, focused, pressed), by key. They are
    painted into the cached layer like any change, so a frame where nothing moves draws
    nothing at all."""
    pressed = set(app.ui.pressed.values())
    keys = {app.ui.hover, app.ui.focus, *pressed, *app.ui.pad_hover} - {None}
    return {
        key: Look(
            hovered=key == app.ui.hover or key in app.ui.pad_hover,
            focused=key == app.ui.focus,
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
    """Overlapping regions become their union when that covers no more than the two did
    (what lies under both is drawn once); two that barely touch stay apart, or their union
    would take in what lies between them (a field and the preview beside it: the keys
    below). Each region is repainted whole, so an overlap painted twice stays right."""
    out: list[Region] = []
    for region in regions:
        while True:
            hit = next((r for r in out if overlap(r, region) and _union_pays(r, region)), None)
            if hit is None:
                break
            out.remove(hit)
            region = _union(hit, region)
        out.append(region)
    return out


def _union(a: Region, b: Region) -> Region:
    x0, y0 = min(a[0], b[0]), min(a[1], b[1])
    x1, y1 = max(a[0] + a[2], b[0] + b[2]), max(a[1] + a[3], b[1] + b[3])
    return (x0, y0, x1 - x0, y1 - y0)


def _union_pays(a: Region, b: Region) -> bool:
    union = _union(a, b)
    return union[2] * union[3] <= a[2] * a[3] + b[2] * b[3]


def overlap(a: Region, b: Region) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


@dataclass
class Backdrop:
    """Pictures kept while a panel (a puzzle, the hand-over) covers the screen: ``surface``
    shows the widgets up to the last ``backdrop`` one, ``under`` those before the first, so
    closing the panel puts the screen back instead of drawing it all again."""

    surface: pygame.Surface | None = None
    drawn: dict[str, tuple[Hashable, Look, Region]] = field(default_factory=dict)
    under: pygame.Surface | None = None
    under_widgets: list[Widget] = field(default_factory=list)
    under_looks: dict[str, Look] = field(default_factory=dict)
    #: the widgets still to paint into ``under`` (a covering panel hid them), in order
    owed: list[Widget] = field(default_factory=list)
    #: full-screen surfaces kept for the next panel: making one costs milliseconds
    spare: list[pygame.Surface] = field(default_factory=list)

    def forget(self) -> None:
        self.spare += [s for s in (self.surface, self.under) if s is not None]
        self.surface = self.under = None
        self.drawn, self.under_widgets, self.under_looks, self.owed = {}, [], {}, []

    def take(self, found: pygame.Surface | None, like: pygame.Surface) -> pygame.Surface:
        """``found`` if it fits ``like``, else a spare one that does, else a new one."""
        if found is not None and found.get_size() == like.get_size():
            return found
        self.spare = [s for s in self.spare if s.get_size() == like.get_size()]
        return self.spare.pop() if self.spare else pygame.Surface(like.get_size(), 0, like)


def _split(widgets: list[Widget]) -> tuple[int, int]:
    """Where the panel starts (its first ``backdrop`` widget) and how many widgets the
    backdrop holds (up to its last one); (0, 0) when no panel is open."""
    marked = [i for i, w in enumerate(widgets) if w.backdrop]
    return (marked[0], marked[-1] + 1) if marked else (0, 0)


def _covered(widgets: list[Widget], first: int, cut: int) -> bool:
    """A panel is open and hides everything under it."""
    return bool(cut) and widgets[first].covers


def draw_widgets(app: App, painter: Painter, shown: dict[str, Look]) -> None:
    """Every widget, each with its look; keeps the backdrop pictures when a panel is open."""
    first, cut = _split(app.widgets)
    if not _covered(app.widgets, first, cut):
        painter.fill(painter.theme.background)
        for widget in app.widgets[: first if cut else len(app.widgets)]:
            paint(painter, widget, shown.get(widget.key, REST))
    if cut:
        _raise_panel(app, painter, shown)
    else:
        app.backdrop.forget()


def open_over(
    app: App,
    painter: Painter,
    old: list[Widget],
    old_looks: dict[str, Look],
    shown: dict[str, Look],
) -> bool:
    """A panel just opened over a screen that barely changed: the window already shows what
    lies under it, so keep that as the pictures and draw only the panel. False when that is
    not possible (another panel was open, or most of the screen changed)."""
    first, cut = _split(app.widgets)
    if not cut or _split(old)[1] or _covered(app.widgets, first, cut):
        return False
    regions = changed_regions(old, app.widgets[:first], old_looks, shown)
    if regions is None:
        return False
    _repaint(painter, regions, app.widgets[:first], shown, painter.theme.background)
    _raise_panel(app, painter, shown)
    return True


def _keep_under(backdrop: Backdrop, widgets: list[Widget], shown: dict[str, Look]) -> None:
    backdrop.under_widgets = list(widgets)
    keys = {w.key for w in widgets}
    backdrop.under_looks = {k: look for k, look in shown.items() if k in keys}


def _raise_panel(app: App, painter: Painter, shown: dict[str, Look]) -> None:
    """The screen shows the widgets under the panel: keep that picture (``under``), draw
    the panel into the backdrop picture, then show it and draw what lies above it. Under a
    covering panel the screen shows nothing yet: ``under`` is owed, painted while idle."""
    first, cut = _split(app.widgets)
    screen = painter.target
    backdrop = app.backdrop
    covered = _covered(app.widgets, first, cut)
    backdrop.under = backdrop.take(backdrop.under, screen)
    if covered:
        _owe_under(backdrop, painter, app.widgets[:first], shown)
    else:
        backdrop.under.blit(screen, (0, 0))
        _keep_under(backdrop, app.widgets[:first], shown)
    backdrop.surface = backdrop.take(backdrop.surface, screen)
    if covered:
        backdrop.surface.fill(painter.theme.background)
    else:
        backdrop.surface.blit(screen, (0, 0))
    painter.set_target(backdrop.surface)
    for widget in app.widgets[first:cut]:
        paint(painter, widget, shown.get(widget.key, REST))
    backdrop.drawn = _record(app.widgets[:cut], shown)
    screen.blit(backdrop.surface, (0, 0))
    painter.set_target(screen)
    for widget in app.widgets[cut:]:
        paint(painter, widget, shown.get(widget.key, REST))


def put_back(app: App, painter: Painter, shown: dict[str, Look]) -> bool:
    """A panel just closed: show the picture that was under it and repaint only what
    changed since (a solved hotspot, a new message). False when that is not possible."""
    backdrop = app.backdrop
    under = backdrop.under
    if under is None or _split(app.widgets)[1] or under.get_size() != painter.target.get_size():
        return False
    paint_owed(backdrop, painter, None)  # closed before the idle frames painted it all
    regions = changed_regions(backdrop.under_widgets, app.widgets, backdrop.under_looks, shown)
    if regions is None:
        return False
    painter.target.blit(under, (0, 0))
    _repaint(painter, regions, app.widgets, shown, painter.theme.background)
    backdrop.forget()
    return True


def repaint(
    app: App, painter: Painter, regions: list[Region], shown: dict[str, Look]
) -> list[pygame.Rect] | None:
    """Redraw only ``regions``; returns the pixel rectangles repainted, or None when it drew
    everything (a panel appeared that has no backdrop picture yet)."""
    first, cut = _split(app.widgets)
    backdrop = app.backdrop
    if cut and (
        backdrop.surface is None or backdrop.surface.get_size() != painter.target.get_size()
    ):
        draw_widgets(app, painter, shown)
        return None
    if not cut:
        backdrop.forget()
        return _repaint(painter, regions, app.widgets, shown, painter.theme.background)
    assert backdrop.surface is not None
    screen = painter.target
    below, above = app.widgets[:cut], app.widgets[cut:]
    now = _record(below, shown)
    stale: list[Region] = []
    for key in backdrop.drawn.keys() | now.keys():
        was, will = backdrop.drawn.get(key), now.get(key)
        if was is None or will is None or was[:2] != will[:2]:
            stale += [entry[2] for entry in (was, will) if entry is not None]
    if stale:  # something under the panel changed (a player chosen in the strip)
        _update_under(app, painter, shown, first)
        painter.set_target(backdrop.surface)
        hidden = first if _covered(app.widgets, first, cut) else 0
        _repaint(painter, merged(stale), below[hidden:], shown, painter.theme.background)
        backdrop.drawn = now
        painter.set_target(screen)
    return _repaint(painter, regions, above, shown, backdrop.surface)


def _update_under(app: App, painter: Painter, shown: dict[str, Look], first: int) -> None:
    """Keep the picture under the panel up to date too (or drop it if too much changed)."""
    backdrop = app.backdrop
    if backdrop.under is None:
        return
    widgets = app.widgets[:first]
    if backdrop.owed:  # still being painted: start again from the new widgets
        _owe_under(backdrop, painter, widgets, shown)
        return
    regions = changed_regions(backdrop.under_widgets, widgets, backdrop.under_looks, shown)
    if regions is None:
        backdrop.spare.append(backdrop.under)
        backdrop.under = None
        return
    screen = painter.target
    painter.set_target(backdrop.under)
    _repaint(painter, regions, widgets, shown, painter.theme.background)
    painter.set_target(screen)
    _keep_under(backdrop, widgets, shown)


def _owe_under(
    backdrop: Backdrop, painter: Painter, widgets: list[Widget], shown: dict[str, Look]
) -> None:
    """``under`` will show ``widgets``: cleared now, painted by ``paint_owed``."""
    assert backdrop.under is not None
    backdrop.under.fill(painter.theme.background)
    _keep_under(backdrop, widgets, shown)
    backdrop.owed = list(widgets)


def paint_owed(backdrop: Backdrop, painter: Painter, budget: float | None) -> bool:
    """Paint the widgets owed to the picture under a covering panel, in order, for about
    ``budget`` seconds (at least one; all of them when None). False when none was owed."""
    if not backdrop.owed or backdrop.under is None:
        return False
    screen = painter.target
    painter.set_target(backdrop.under)
    end = None if budget is None else time.perf_counter() + budget
    while backdrop.owed:
        widget = backdrop.owed.pop(0)
        paint(painter, widget, backdrop.under_looks.get(widget.key, REST))
        if end is not None and time.perf_counter() >= end:
            break
    painter.set_target(screen)
    return True


def _record(
    widgets: list[Widget], shown: dict[str, Look]
) -> dict[str, tuple[Hashable, Look, Region]]:
    return {w.key: (w.signature, shown.get(w.key, REST), w.paint) for w in widgets}


def _repaint(
    painter: Painter,
    regions: list[Region],
    widgets: list[Widget],
    shown: dict[str, Look],
    under: tuple[int, int, int] | pygame.Surface,
) -> list[pygame.Rect]:
    """Each region: cleared to ``under`` (a colour, or the backdrop's picture), then every
    widget touching it drawn again, in order, clipped."""
    surface = painter.target
    bounds = surface.get_rect()
    done = []
    edges = []  # each widget's reach as left, top, right, bottom: tested for every region
    for widget in widgets:
        look = shown.get(widget.key, REST)
        x, y, w, h = widget.reach(look)
        edges.append((x, y, x + w, y + h, widget, look))
    for region in regions:
        clip = painter.px(region).clip(bounds)
        if clip.width <= 0 or clip.height <= 0:
            continue
        painter.clip_to(clip)
        if isinstance(under, pygame.Surface):
            surface.blit(under, clip, clip)
        else:
            surface.fill(under)
        left, top, w, h = region
        right, bottom = left + w, top + h
        for x0, y0, x1, y1, widget, look in edges:
            if x0 < right and left < x1 and y0 < bottom and top < y1:
                paint(painter, widget, look)
        done.append(clip)
    painter.clip_to(None)
    return done
