"""A part of a screen kept between rebuilds (``screens.part``) is exactly what a fresh build
gives, at every step of every shipped walkthrough: its key misses nothing it is built from."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.player.driver import Driver
from engine.shipped import shipped_scenarios
from engine.walkthrough import default_walkthrough, load_walkthrough


def _described(widgets) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    return [
        (w.key, w.signature, w.interactive, w.focusable, w.needs_player, w.backdrop, w.pictured)
        for w in widgets
    ]


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_kept_parts_are_what_a_fresh_build_gives(make_app, path: Path) -> None:
    app = make_app(path, (640, 360))
    driver = Driver(app, "mouse")
    differences: list[str] = []
    kept_any = []
    frame = app.frame

    def checked(dt: float = 1 / 60) -> None:
        before = app.widgets
        frame(dt)
        if app.widgets is before:
            return  # not rebuilt this frame
        kept = app.widgets
        parts = [p[2] for p in app.parts.values()]
        kept_any.append(any(w is p[0] for p in parts if p for w in kept))
        app.parts.clear()
        if _described(kept) != _described(app.build()):
            differences.append(f"frame {app.frames} on {app.ui.screen}")

    app.frame = checked  # type: ignore[method-assign]
    driver.play(load_walkthrough(default_walkthrough(path)))
    assert differences == []
    assert any(kept_any)  # the parts were really kept, not rebuilt every time
