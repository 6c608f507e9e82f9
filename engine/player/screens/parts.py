"""Parts of screens built once, or kept until what they are built from changes."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar

from engine.player.widgets import Widget

if TYPE_CHECKING:
    from engine.player.app import App

T = TypeVar("T")


def memo(app: App, key: Hashable, make: Callable[[], T]) -> T:
    """A part of a screen that depends only on ``key`` is built once (map labels, the
    on-screen keyboard): rebuilding the widgets after every tap must stay cheap. The key
    carries the scale and style, so a resize or a bigger text size builds it again."""
    full = _sized(app, key)
    if full not in app.memo:
        if len(app.memo) > 256:
            app.memo.clear()
        app.memo[full] = make()
    return app.memo[full]  # type: ignore[no-any-return]


def part(
    app: App, name: str, state: object, key: Hashable, make: Callable[[], list[Widget]]
) -> list[Widget]:
    """A part of a screen kept until what it is built from changes: typing in a puzzle
    rebuilds the puzzle, not the scene behind it. ``state`` is the game state (replaced by
    every action, so compared by identity), ``key`` the rest ``make`` reads. A test compares
    kept parts with fresh builds along every shipped walkthrough."""
    full = _sized(app, key)
    found = app.parts.get(name)
    if found is not None and found[0] is state and found[1] == full:
        return found[2]  # type: ignore[no-any-return]
    widgets = make()
    app.parts[name] = (state, full, widgets)
    return widgets


def _sized(app: App, key: Hashable) -> Hashable:
    """``key`` with what changes every widget's size and text: scale, text size, font, language."""
    painter = app.painter
    style = painter.style
    return (key, painter.s, style.text_scale, style.fonts, app.ui.options.language)
