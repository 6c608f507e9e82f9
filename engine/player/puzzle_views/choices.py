"""Option cards, shared by ``single_choice`` and ``multiple_choice``."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

import pygame

from engine.format.puzzles import MultipleChoicePuzzle, SingleChoicePuzzle
from engine.player.intents import EditWork
from engine.player.paint import Painter, VRect
from engine.player.puzzle_views.base import BODY, SUBMIT, instruction, note_height, readable_in
from engine.player.theme import mix
from engine.player.ui import PuzzleWork
from engine.player.widgets import Look, Widget, focus_ring

if TYPE_CHECKING:
    from engine.player.app import App


def chosen_one(option: str, work: PuzzleWork) -> PuzzleWork:
    return replace(work, choice=option)


def toggled(option: str, work: PuzzleWork) -> PuzzleWork:
    """Ticked, or unticked when it was."""
    if option in work.choices:
        return replace(work, choices=tuple(c for c in work.choices if c != option))
    return replace(work, choices=(*work.choices, option))


def choices(app: App, puzzle: SingleChoicePuzzle | MultipleChoicePuzzle) -> list[Widget]:
    x, y, w, h = BODY
    multiple = isinstance(puzzle, MultipleChoicePuzzle)
    options = puzzle.options
    cols = 1 if len(options) <= 3 else 2
    rows = (len(options) + cols - 1) // cols
    cell_w = w / cols
    widgets: list[Widget] = []
    if multiple:  # beside « Valider », under the cards: it never takes their room
        text = app.t("puzzle.several")
        room = SUBMIT[0] - 20 - x
        middle = SUBMIT[1] + SUBMIT[3] / 2
        top = middle - note_height(app, text, room) / 2
        note, _ = instruction(app, "choice:note", text, x, top, room)
        widgets.append(note)
    cell_h = card_height(app.painter, [o.text for o in options], cell_w, (h - 120) / rows)
    for i, option in enumerate(options):
        row, col = divmod(i, cols)
        rect = (x + col * cell_w, y + row * cell_h, cell_w - 20, cell_h - 16)
        widgets.append(choice_card(app, option.id, option.text, chr(ord("A") + i), rect, multiple))
    return widgets


def card_height(p: Painter, texts: list[str], cell_w: float, most: float) -> float:
    """A row's height: 130, or taller (up to ``most``) until every answer wraps at a size
    the room reads instead of shrinking (the largest text size, long answers)."""
    height = min(130.0, most)
    while height < most and not readable_in(p, texts, *text_room(cell_w, height), TEXT_SIZE):
        height = min(most, height + 8)
    return height


def text_room(cell_w: float, cell_h: float) -> tuple[float, float]:
    """The width and height an answer's text has in a card of its cell."""
    return cell_w - 20 - 200, cell_h - 16 - 16


#: an answer's text size before it shrinks to fit its card
TEXT_SIZE = 36


def choice_card(
    app: App, option: str, text: str, letter: str, rect: VRect, multiple: bool
) -> Widget:
    def draw(p: Painter, look: Look) -> None:
        x, y, w, h = rect
        chosen = option in app.ui.work.choices if multiple else app.ui.work.choice == option
        base = p.theme.accent if chosen else p.theme.card
        if look.hovered and not chosen:
            base = mix(base, p.theme.accent, 0.25)
        p.rect((x, y + 6, w, h), (0, 0, 0), 20)
        p.rect(rect, base, 20)
        p.circle((x + 56, y + h / 2), 34, (0, 114, 178) if not chosen else (20, 20, 28))
        p.text(letter, (x + 56, y + h / 2), 40, (255, 255, 255), True, "center")
        p.text_box(
            text,
            (x + 110, y + 8, w - 200, h - 16),
            TEXT_SIZE,
            p.theme.text_on_card if not chosen else p.theme.accent_text,
            True,
            "left",
            "middle",
        )
        box = (x + w - 78, y + h / 2 - 28, 56, 56)
        p.rect(box, (255, 255, 255), 12 if multiple else 28)
        p.rect(box, (20, 20, 28), 12 if multiple else 28, 4)
        if chosen:
            p.blit_shape(("tick",), box, lambda s: _tick(s))
        focus_ring(p, rect, look, 20)

    def pick(_who: str | None) -> EditWork:
        return EditWork(partial(toggled if multiple else chosen_one, option))

    chosen = option in app.ui.work.choices if multiple else app.ui.work.choice == option
    return Widget(
        f"option:{option}",
        rect,
        draw,
        f"{letter}. {text}",
        pick,
        sig=(chosen, multiple),
        bleed=12,  # shadow 6 below, focus ring 7 around
        rest_bleed=6,
        pictured=True,  # opaque, drawn from its signature and look only
    )


def _tick(size: tuple[int, int]) -> pygame.Surface:
    surf = pygame.Surface(size, pygame.SRCALPHA)
    w, h = size
    pygame.draw.lines(
        surf,
        (0, 140, 80),
        False,
        [(w * 0.2, h * 0.5), (w * 0.42, h * 0.74), (w * 0.82, h * 0.24)],
        max(3, w // 7),
    )
    return surf
