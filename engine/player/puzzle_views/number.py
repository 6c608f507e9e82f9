"""``type: number`` — the typed number with its unit, and a keypad with "−" and ",".

French decimals take a comma; a minus goes in front whenever it is typed."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from engine.core.answers import french_number, parse_number
from engine.format.puzzles import NumberPuzzle
from engine.player.paint import Painter
from engine.player.puzzle_views.base import BODY, PuzzleView, backspace, typer
from engine.player.widgets import Look, Widget, button, decoration

if TYPE_CHECKING:
    from engine.player.app import App
    from engine.player.driver import Driver

#: The number keypad, row by row; "-" puts a minus in front of the number (or takes it away).
NUMBER_KEYS = ("123", "456", "789", "-0,")
NUMBER_KEY_IDS = {"-": "minus", ",": "comma"}
NUMBER_DIGITS = 9  # digits and comma a number may have on the keypad (its sign aside)
GLYPH_SIZE = 100  # of "−" and "," on their keys


def typed(_puzzle: NumberPuzzle, entry: str, text: str) -> str:
    for char in text:
        entry = number_typed(entry, char)
    return entry


def number_typed(entry: str, char: str) -> str:
    """A number being typed: digits, one comma (a dot is one too), a minus that goes in front
    whenever it is typed (typed again, it goes away); anything else is ignored."""
    sign, digits = ("-", entry[1:]) if entry.startswith("-") else ("", entry)
    if char in "-−":
        return digits if sign else "-" + digits
    if len(digits) >= NUMBER_DIGITS:
        return entry
    if char in ",." and "," not in digits:
        return sign + (digits or "0") + ","
    if char in "0123456789":
        return sign + (char if digits == "0" else digits + char)
    return entry


def number_key_id(char: str) -> str:
    """The key of a keypad character: ``key:7``, ``key:comma``, ``key:minus``."""
    return NUMBER_KEY_IDS.get(char, char)


def body(app: App, puzzle: NumberPuzzle) -> list[Widget]:
    """The typed number, big, with its unit after it, the "effacer" key beside it, and a
    keypad below: digits, "−" and "," (as the French write decimals)."""
    x, y, w, _h = BODY
    entry = app.ui.work.entry
    shown = entry.replace("-", "−")
    unit = puzzle.unit or ""
    kw, kh = 150.0, 100.0
    kx = x + (w - 360 - 4 * kw) / 2
    ky = y + 140
    box = (kx, y, 3 * kw - 12, 120)

    def display(p: Painter, _look: Look) -> None:
        bx, by, bw, bh = box
        p.rect(box, (20, 22, 40), 16)
        p.rect(box, p.theme.accent, 16, 5)
        right = bx + bw - 26
        if unit:  # at most a third of the box: the number matters more
            drawn = p.text(
                unit,
                (right, by + bh / 2 + 4),
                56,
                (200, 210, 255),
                True,
                "midright",
                max_width=(bw - 50) / 3,
            )
            right = p.to_virtual(drawn.topleft)[0] - 16
        p.rect((right - 6, by + 26, 6, bh - 52), p.theme.accent, 3)  # where digits appear
        if shown:
            p.text(
                shown,
                (right - 16, by + bh / 2 + 2),
                80,
                (120, 255, 160),
                True,
                "midright",
                max_width=right - 16 - (bx + 24),
            )

    label = f"{shown} {unit}".strip() if shown else app.t("puzzle.number_empty")
    widgets = [
        decoration("number:display", box, display, label, entry, bleed=0),
        button(
            "key:back",
            (kx + 3 * kw, y, kw - 12, 120),
            app.t("osk.back"),
            backspace,
            colour=(150, 60, 60),
            size=28,
        ),
    ]
    signs = {"-": ("−", app.t("puzzle.minus")), ",": (",", app.t("puzzle.comma"))}
    for row, chars in enumerate(NUMBER_KEYS):
        for col, char in enumerate(chars):
            glyph, spoken = signs.get(char, (None, None))
            key = button(
                f"key:{number_key_id(char)}",
                (kx + col * kw, ky + row * kh, kw - 12, kh - 12),
                char,
                typer(char),
                size=52,
                colour=(60, 70, 130),
                show_label=glyph is None,
                spoken=spoken,
            )
            widgets.append(key if glyph is None else sign_key(key, glyph))
    return widgets


def sign_key(key: Widget, glyph: str) -> Widget:
    """A key without its label, showing ``glyph`` big instead: at the digits' size, a minus
    or a comma is a speck on a whiteboard."""
    drawn = key.draw
    x, y, w, h = key.rect

    def draw(p: Painter, look: Look) -> None:
        drawn(p, look)
        lift = 4 if look.hovered or look.focused else 0
        # placed by its ink, not its line: in the middle, a comma a little lower (not a quote)
        middle = y + h / 2 - lift + (h * 0.15 if glyph == "," else 0)
        off = ink_offset(p, glyph, GLYPH_SIZE)
        p.text(glyph, (x + w / 2, middle - off), GLYPH_SIZE, (255, 255, 255), True, "center")

    return replace(key, draw=draw, sig=(key.sig, glyph))


def ink_offset(p: Painter, glyph: str, size: float) -> float:
    """How far below the middle of its line a glyph's ink lies (virtual pixels)."""
    font = p.font(size, True)
    found = font.metrics(glyph)[0]
    if found is None:  # not in the font: drawn as its line
        return 0.0
    _left, _right, low, high, _advance = found
    line = p.rendered(glyph, size, (255, 255, 255), True).get_height()
    return (font.get_ascent() - (low + high) / 2 - line / 2) / p.s


def drive(driver: Driver, who: str, _puzzle: NumberPuzzle, value: Any) -> None:
    """A walkthrough's number (600, 2.5, -18) typed as a player would: "2,5", with a
    French comma, on the keyboard or on the keypad's keys."""
    number = parse_number(value)
    text = french_number(number) if number is not None else str(value)
    if driver.device == "keyboard":
        driver.type(text, who, "key")
    else:
        for char in text:
            driver.press(f"key:{number_key_id(char)}", who)


VIEW = PuzzleView("number", "balance", body, drive, typed=typed)
