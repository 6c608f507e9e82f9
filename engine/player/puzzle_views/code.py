"""``type: code`` — a padlock's boxes, a digit keypad, and letters when the code has some."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.format.puzzles import CodePuzzle
from engine.player.paint import Painter
from engine.player.puzzle_views.base import BODY, PuzzleView, backspace, typer
from engine.player.widgets import Look, Widget, button, decoration

if TYPE_CHECKING:
    from engine.player.app import App
    from engine.player.driver import Driver


def typed(puzzle: CodePuzzle, entry: str, text: str) -> str:
    kept = "".join(c for c in text.upper() if c.isascii() and c.isalnum())
    return (entry + kept)[: len(puzzle.answer)]


def body(app: App, puzzle: CodePuzzle) -> list[Widget]:
    x, y, w, _h = BODY
    length = len(puzzle.answer)
    entry = app.ui.work.entry
    letters = any(c.isalpha() for c in puzzle.answer)
    box_w = min(110.0, 560 / length)
    total = length * (box_w + 14)
    dx = x + (520 - total) / 2 if letters else x + (w - 360 - total) / 2

    def display(p: Painter, _look: Look) -> None:
        for i in range(length):
            bx = dx + i * (box_w + 14)
            p.rect((bx, y, box_w, 120), (20, 22, 40), 16)
            p.rect(
                (bx, y, box_w, 120), p.theme.accent if i == len(entry) else p.theme.panel_alt, 16, 5
            )
            if i < len(entry):
                p.text(entry[i], (bx + box_w / 2, y + 62), 80, (120, 255, 160), True, "center")

    widgets = [
        decoration(
            "code:display",
            (dx, y, total - 14, 120),
            display,
            " ".join(entry) or app.t("puzzle.code_empty"),
            entry,
            bleed=0,  # the boxes only: a typed digit repaints no key
        )
    ]
    keys = "123456789⌫0"
    kx, ky, kw, kh = (x + 60 if letters else x + (w - 360 - 3 * 130) / 2), y + 140, 130, 96
    for i, char in enumerate(keys):
        row, col = divmod(i, 3)
        rect = (kx + col * kw, ky + row * kh, kw - 12, kh - 12)
        if char == "⌫":
            widgets.append(
                button(
                    "key:back", rect, app.t("osk.back"), backspace, colour=(150, 60, 60), size=28
                )
            )
        else:
            widgets.append(
                button(f"key:{char}", rect, char, typer(char), size=52, colour=(60, 70, 130))
            )
    if letters:
        for i, char in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
            row, col = divmod(i, 7)
            rect = (x + 500 + col * 92, ky + row * kh, 84, kh - 12)
            widgets.append(
                button(f"key:{char}", rect, char, typer(char), size=40, colour=(60, 70, 130))
            )
    return widgets


def drive(driver: Driver, who: str, _puzzle: CodePuzzle, value: Any) -> None:
    if driver.device == "keyboard":
        driver.type(str(value), who, "key")
    else:
        for char in str(value).upper():
            driver.press(f"key:{char}", who)


VIEW = PuzzleView("code", "cadenas", body, drive, typed=typed)
