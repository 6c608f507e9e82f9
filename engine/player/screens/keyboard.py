"""An on-screen AZERTY keyboard with French accents, for touch, whiteboard and gamepads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.player.intents import Backspace, TypeText
from engine.player.screens.parts import memo
from engine.player.widgets import Widget, button

if TYPE_CHECKING:
    from engine.player.app import App

ROWS = ("1234567890", "azertyuiop", "qsdfghjklm", "wxcvbn'-.,", "éèêàçùôî!?")
OFFSETS = (0.0, 0.3, 0.6, 0.0, 0.0)
NAMES = {
    " ": "space",
    "'": "apostrophe",
    "-": "dash",
    ".": "dot",
    ",": "comma",
    "!": "bang",
    "?": "question",
}


def key_id(char: str) -> str:
    return NAMES.get(char, char)


def keyboard(app: App, rect: tuple[float, float, float, float], prefix: str) -> list[Widget]:
    """The keys depend on nothing but where they go: built once (``memo``)."""
    return list(memo(app, ("keyboard", rect, prefix), lambda: _keys(app, rect, prefix)))


def _keys(app: App, rect: tuple[float, float, float, float], prefix: str) -> list[Widget]:
    x, y, w, h = rect
    cols = 12
    kw, kh = w / cols, h / len(ROWS)
    widgets: list[Widget] = []
    for r, row in enumerate(ROWS):
        offset = OFFSETS[r] * kw
        for c, char in enumerate(row):

            def type_char(_who: str | None, char: str = char) -> TypeText:
                return TypeText(char)

            widgets.append(
                button(
                    f"{prefix}:{key_id(char)}",
                    (x + offset + c * kw + 3, y + r * kh + 3, kw - 6, kh - 8),
                    char,
                    type_char,
                    size=min(34, kh * 0.5),
                )
            )
    widgets.append(
        button(
            f"{prefix}:space",
            (x + 10.2 * kw, y + 3 * kh + 3, 1.8 * kw - 4, kh - 8),
            app.t("osk.space"),
            lambda _w: TypeText(" "),
            size=24,
        )
    )
    widgets.append(
        button(
            f"{prefix}:back",
            (x + 10.2 * kw, y + 4 * kh + 3, 1.8 * kw - 4, kh - 8),
            app.t("osk.back"),
            lambda _w: Backspace(),
            size=24,
            colour=(150, 60, 60),
        )
    )
    return widgets
