"""``type: pairs`` — two columns; a card on the left, then its partner on the right."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.format.puzzles import PairsPuzzle
from engine.player.intents import EditWork, Notify
from engine.player.paint import Painter, VRect
from engine.player.puzzle_views.base import BODY, PuzzleView, card_picture, instruction, shuffled
from engine.player.theme import mix
from engine.player.ui import PuzzleWork
from engine.player.widgets import Look, Widget, decoration, focus_ring

if TYPE_CHECKING:
    from engine.player.app import App
    from engine.player.driver import Driver

PAIR_MARKS = ("1", "2", "3", "4", "5", "6", "7", "8", "9")


def start(puzzle: PairsPuzzle) -> PuzzleWork:
    """The right-hand column shuffled, never already facing its partners."""
    right = shuffled([pair.id for pair in puzzle.pairs], puzzle.id)
    return PuzzleWork(puzzle=puzzle.id, right_order=right)


def value(_puzzle: PairsPuzzle, work: PuzzleWork) -> object | None:
    return dict(work.pairs)


def picked_left(left: str, work: PuzzleWork) -> PuzzleWork:
    """A left card chosen (its old pair undone), or put back when it was the chosen one."""
    pairs = dict(work.pairs)
    if left in pairs and work.left != left:
        del pairs[left]
    return replace(work, pairs=pairs, left=None if work.left == left else left)


def picked_right(right: str, work: PuzzleWork) -> PuzzleWork:
    """The chosen left card paired with ``right`` (which leaves any other pair)."""
    if work.left is None:
        return work
    pairs = {other: value for other, value in work.pairs.items() if value != right}
    pairs[work.left] = right
    return replace(work, pairs=pairs, left=None)


def left_picker(left: str) -> Callable[[str | None], EditWork]:
    return lambda _who: EditWork(partial(picked_left, left))


def right_picker(app: App, right: str) -> Callable[[str | None], EditWork | Notify]:
    def pick(_who: str | None) -> EditWork | Notify:
        if app.ui.work.left is None:
            return Notify(app.t("puzzle.pairs_left_first"))
        return EditWork(partial(picked_right, right))

    return pick


def body(app: App, puzzle: PairsPuzzle) -> list[Widget]:
    x, y, w, h = BODY
    by_id = {pair.id: pair for pair in puzzle.pairs}
    lefts = [pair.id for pair in puzzle.pairs]
    rights = app.ui.work.right_order
    # the line over the cards takes its wrapped height at every text size; the cards start
    # below it (at F2 they used to cover its letters) and take what room is left
    note, tall = instruction(app, "pairs:how", app.t("puzzle.pairs_how"), x, y - 12, w)
    top = max(y + 30, y - 12 + tall + 6)
    each = min(110.0, (h - 110 - (top - y - 30)) / max(1, len(lefts)))
    col_w = (w - 160) / 2
    marks = {left: PAIR_MARKS[i % len(PAIR_MARKS)] for i, left in enumerate(app.ui.work.pairs)}
    widgets: list[Widget] = [note]
    lefts_pictured = any(pair.left_picture for pair in puzzle.pairs)
    rights_pictured = any(pair.right_picture for pair in puzzle.pairs)
    for left, right in app.ui.work.pairs.items():
        # each link is its own widget, in the gap between the columns: making a pair
        # repaints that gap, not the whole puzzle
        a = (x + col_w, top + lefts.index(left) * each + (each - 14) / 2)
        b = (x + col_w + 160, top + rights.index(right) * each + (each - 14) / 2)
        widgets.append(link(f"pairs:link:{left}", a, b))
    for i, left in enumerate(lefts):
        rect = (x, top + i * each, col_w, each - 14)
        widgets.append(
            pair_card(
                f"left:{left}",
                by_id[left].left,
                rect,
                marks.get(left),
                app.ui.work.left == left,
                left_picker(left),
                picture=(app.folder, by_id[left].left_picture, lefts_pictured),
            )
        )
    reverse = {right: left for left, right in app.ui.work.pairs.items()}
    for i, right in enumerate(rights):
        rect = (x + col_w + 160, top + i * each, col_w, each - 14)
        mark = marks.get(reverse[right]) if right in reverse else None
        widgets.append(
            pair_card(
                f"right:{right}",
                by_id[right].right,
                rect,
                mark,
                False,
                right_picker(app, right),
                picture=(app.folder, by_id[right].right_picture, rights_pictured),
            )
        )
    return widgets


def link(key: str, a: tuple[float, float], b: tuple[float, float]) -> Widget:
    """A line joining two paired cards."""

    def draw(p: Painter, _look: Look) -> None:
        p.line(a, b, p.theme.accent, 8)

    top, bottom = min(a[1], b[1]), max(a[1], b[1])
    return decoration(key, (a[0], top, b[0] - a[0], bottom - top), draw, sig=(a, b), bleed=8)


def pair_card(
    key: str,
    text: str,
    rect: VRect,
    mark: str | None,
    chosen: bool,
    on_press: object,
    picture: tuple[Path, str | None, bool] = (Path(), None, False),
) -> Widget:
    """``picture``: the scenario's folder, the card's picture, and whether a card of its
    column has one (then every text of the column starts after the picture's room)."""
    folder, shown, aligned = picture

    def draw(p: Painter, look: Look) -> None:
        x, y, w, h = rect
        base = (
            p.theme.accent
            if chosen
            else p.theme.card
            if mark is None
            else mix(p.theme.card, p.theme.good, 0.35)
        )
        p.rect((x, y + 6, w, h), (0, 0, 0), 18)
        p.rect(rect, base, 18)
        left = x + 20
        if shown or aligned:  # a square picture at the card's left (or its room), then the text
            side = h - 16
            if shown:
                card_picture(p, folder, shown, (x + 10, y + 8, side, side))
            left = x + side + 24
        p.text_box(
            text,
            (left, y + 6, x + w - 80 - left, h - 12),
            32,
            p.theme.text_on_card,
            True,
            "left",
            "middle",
        )
        if mark is not None:
            p.circle((x + w - 44, y + h / 2), 28, (0, 114, 178))
            p.text(mark, (x + w - 44, y + h / 2), 36, (255, 255, 255), True, "center")
        focus_ring(p, rect, look, 18)

    return Widget(
        key,
        rect,
        draw,
        text,
        on_press,  # type: ignore[arg-type]
        sig=(mark, chosen, shown, aligned),
        bleed=12,  # shadow 6 below, focus ring 7 around
        rest_bleed=6,
        pictured=True,  # opaque, drawn from its signature and look only
    )


def drive(driver: Driver, who: str, _puzzle: PairsPuzzle, answer: Any) -> None:
    for left, right in dict(answer).items():
        driver.press(f"left:{left}", who)
        driver.press(f"right:{right}", who)


VIEW = PuzzleView("pairs", "main", body, drive, start=start, value=value)
