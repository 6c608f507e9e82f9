"""``type: text`` — a word or a short sentence typed on the on-screen AZERTY keyboard."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.format.puzzles import TextPuzzle
from engine.player.paint import Painter
from engine.player.puzzle_views.base import BODY, PuzzleView
from engine.player.screens.keyboard import keyboard
from engine.player.widgets import Look, Widget, decoration

if TYPE_CHECKING:
    from engine.player.app import App
    from engine.player.driver import Driver


def typed(_puzzle: TextPuzzle, entry: str, text: str) -> str:
    return (entry + text)[:40]


def body(app: App, puzzle: TextPuzzle) -> list[Widget]:
    x, y, w, _h = BODY
    entry = app.ui.work.entry

    def field(p: Painter, _look: Look) -> None:
        rect = (x, y, w, 110)
        p.rect(rect, p.theme.card, 20)
        p.rect(rect, p.theme.accent, 20, 5)
        p.text(
            entry + "|",
            (x + 30, y + 55),
            60,
            p.theme.text_on_card,
            True,
            "midleft",
            max_width=w - 60,
        )

    label = entry or app.t("puzzle.text_empty")
    # drawn inside its box (bleed 0): typing a letter repaints no neighbour
    widgets = [decoration("text:field", (x, y, w, 110), field, label, bleed=0)]
    widgets += keyboard(app, (x, y + 130, w, 320), "osk")
    return widgets


def drive(driver: Driver, who: str, _puzzle: TextPuzzle, value: Any) -> None:
    driver.type(str(value), who, "osk")


VIEW = PuzzleView("text", "texte", body, drive, typed=typed)
