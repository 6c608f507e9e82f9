"""An on-screen AZERTY keyboard with every French letter, for touch, whiteboard and gamepads.

Every accented letter has its key (« Maëlle », « Anaïs », « Chloé » are typed as they are
written), on two rows beside the plain letters. The lobby's keyboard has no row of figures
(a pseudonym rarely needs one, and the room it takes makes every key larger); a puzzle's
has one, with « ! » and « ? ».
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.player.intents import Backspace, TypeText
from engine.player.screens.parts import memo
from engine.player.widgets import Widget, button

if TYPE_CHECKING:
    from engine.player.app import App

FIGURES = "1234567890!?"
#: the letter rows; the last two keep room at their end for « espace » and « effacer »
LETTERS = ("azertyuiopéè", "qsdfghjklmêë", "wxcvbn'-.,", "àâçîïôûùÿœ")
ROWS = (FIGURES, *LETTERS)
COLUMNS = 12
NAMES = {
    " ": "space",
    "'": "apostrophe",
    "-": "dash",
    ".": "dot",
    ",": "comma",
    "!": "bang",
    "?": "question",
}
#: the smallest label of a key, as every text (engine/player/audit.MIN_TEXT)
KEY_TEXT = 28.0


def key_id(char: str) -> str:
    return NAMES.get(char, char)


def keyboard(
    app: App, rect: tuple[float, float, float, float], prefix: str, *, figures: bool = True
) -> list[Widget]:
    """The keys depend on nothing but where they go: built once (``memo``)."""
    return list(
        memo(app, ("keyboard", rect, prefix, figures), lambda: _keys(app, rect, prefix, figures))
    )


def _keys(
    app: App, rect: tuple[float, float, float, float], prefix: str, figures: bool
) -> list[Widget]:
    x, y, w, h = rect
    rows = ROWS if figures else LETTERS
    kw, kh = w / COLUMNS, h / len(rows)
    size = max(KEY_TEXT, min(40.0, kh * 0.55))
    widgets: list[Widget] = []
    for r, row in enumerate(rows):
        for c, char in enumerate(row):

            def type_char(_who: str | None, char: str = char) -> TypeText:
                return TypeText(char)

            widgets.append(
                button(
                    f"{prefix}:{key_id(char)}",
                    (x + c * kw + 3, y + r * kh + 3, kw - 6, kh - 8),
                    char,
                    type_char,
                    size=size,
                    one_line=True,
                )
            )
    wide = (COLUMNS - 10) * kw - 6  # the two last rows hold ten keys, then these
    space_row, back_row = len(rows) - 2, len(rows) - 1
    widgets.append(
        button(
            f"{prefix}:space",
            (x + 10 * kw + 3, y + space_row * kh + 3, wide, kh - 8),
            app.t("osk.space"),
            lambda _w: TypeText(" "),
            size=KEY_TEXT,
            one_line=True,
        )
    )
    widgets.append(
        button(
            f"{prefix}:back",
            (x + 10 * kw + 3, y + back_row * kh + 3, wide, kh - 8),
            app.t("osk.back"),
            lambda _w: Backspace(),
            size=KEY_TEXT,
            colour=(150, 60, 60),
            one_line=True,
        )
    )
    return widgets
