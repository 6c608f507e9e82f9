"""``type: order`` — cards to put in order: dragged, moved with arrows, or picked up and
put down on another card's place (gamepads)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any

import pygame

from engine.format.puzzles import OrderPuzzle
from engine.player.intents import EditWork
from engine.player.paint import Painter, VRect
from engine.player.puzzle_views.base import (
    BODY,
    PuzzleView,
    card_picture,
    instruction,
    readable_in,
    shuffled,
)
from engine.player.ui import PuzzleWork
from engine.player.widgets import Look, Widget, button, decoration, focus_ring

if TYPE_CHECKING:
    from engine.player.app import App
    from engine.player.driver import Driver


def start(puzzle: OrderPuzzle) -> PuzzleWork:
    """Shuffled, never already in order."""
    return PuzzleWork(puzzle=puzzle.id, order=shuffled([i.id for i in puzzle.items], puzzle.id))


def value(_puzzle: OrderPuzzle, work: PuzzleWork) -> object | None:
    return tuple(work.order)


def shifted(item: str, step: int, work: PuzzleWork) -> PuzzleWork:
    """``item`` moved ``step`` places up (negative) or down."""
    order = list(work.order)
    if item not in order:
        return work
    i = order.index(item)
    j = max(0, min(len(order) - 1, i + step))
    order.insert(j, order.pop(i))
    return replace(work, order=tuple(order))


def move_to(item: str, target: str, work: PuzzleWork) -> PuzzleWork:
    """``item`` put at ``target``'s place; nothing stays picked up."""
    order = list(work.order)
    if item in order and target in order and item != target:
        j = order.index(target)
        order.remove(item)
        order.insert(j, item)
    return replace(work, order=tuple(order), grabbed=None)


def grab(item: str, work: PuzzleWork) -> PuzzleWork:
    """A press on a card picks it up, puts it back, or puts the one held at its place."""
    if work.grabbed is None:
        return replace(work, grabbed=item)
    if work.grabbed == item:
        return replace(work, grabbed=None)
    return move_to(work.grabbed, item, work)


def shifter(item: str, step: int) -> Callable[[str | None], EditWork]:
    return lambda _who: EditWork(partial(shifted, item, step))


def body(app: App, puzzle: OrderPuzzle) -> list[Widget]:
    x, y, w, h = BODY
    texts = {i.id: i.text for i in puzzle.items}
    pictures = {i.id: i.picture for i in puzzle.items}
    aligned = any(pictures.values())
    order = app.ui.work.order
    n = len(order)
    note, tall = instruction(app, "order:note", app.t("puzzle.order_how"), x, y - 12, w)
    widgets: list[Widget] = [note]
    top = y - 12 + tall + 6
    room = h - 110 - max(0.0, top - y - 30)  # a taller note takes its room from the cards
    rows = row_heights(app.painter, [texts[i] for i in order], aligned, room)
    for i, (item, each) in enumerate(zip(order, rows, strict=True)):
        rect = (x + 70, top, CARD_W, each - GAP)
        widgets.append(rank(i, rect))
        widgets.append(order_card(app, item, texts[item], i, rect, pictures[item], aligned))
        widgets.append(
            button(
                f"up:{item}",
                (x + w - 218, top, 100, each - GAP),
                "",
                shifter(item, -1),
                icon="haut",
                show_label=False,
                size=34,
                enabled=i > 0,
                spoken=app.t("puzzle.up", text=texts[item]),
            )
        )
        widgets.append(
            button(
                f"down:{item}",
                (x + w - 108, top, 100, each - GAP),
                "",
                shifter(item, 1),
                icon="bas",
                show_label=False,
                size=34,
                enabled=i < n - 1,
                spoken=app.t("puzzle.down", text=texts[item]),
            )
        )
        top += each
    return widgets


#: a card's width, the room between two cards, a card's text size before it shrinks
CARD_W = BODY[2] - 300
GAP = 14.0
TEXT_SIZE = 34


def row_heights(p: Painter, texts: list[str], aligned: bool, room: float) -> list[float]:
    """Each card's row (card and gap below): all the same, at most 100, sharing ``room``;
    a text that would shrink under the size the room reads gets a taller row (the
    largest text size, a long step), the others share what is left. Rows are tried near
    the usual height only: each size tried opens a font (slow in the frame that opens it)."""
    each = min(100.0, room / max(1, len(texts)))
    tall = {
        t: row_needed(p, t, aligned, each, room) for t in texts if not fits(p, t, aligned, each)
    }
    if not tall:
        return [each] * len(texts)
    share = min(each, (room - sum(tall.values())) / max(1, len(texts) - len(tall)))
    return [tall[t] if t in tall else row_needed(p, t, aligned, share, each) for t in texts]


def fits(p: Painter, text: str, aligned: bool, row: float) -> bool:
    return readable_in(p, [text], *text_room(row - GAP, aligned), TEXT_SIZE)


def row_needed(p: Painter, text: str, aligned: bool, start: float, most: float) -> float:
    """The shortest row from ``start`` (up to ``most``) whose card shows ``text`` at a size
    the room reads."""
    height = start
    while height < most and not fits(p, text, aligned, height):
        height = min(most, height + 4)
    return height


def text_room(card_h: float, aligned: bool) -> tuple[float, float]:
    """The width and height a card's text has (after the grip, and the picture's square)."""
    left = 70 + (card_h - 16 + 10 if aligned else 0)
    return CARD_W - 20 - left, card_h - 12


def rank(index: int, card: VRect) -> Widget:
    """The place number left of a card: it stays when the cards move."""
    x, y, _w, h = card

    def draw(p: Painter, _look: Look) -> None:
        p.circle((x - 36, y + h / 2), 30, (0, 114, 178))
        p.text(str(index + 1), (x - 36, y + h / 2), 38, (255, 255, 255), True, "center")

    return decoration(f"rank:{index}", (x - 66, y + h / 2 - 30, 60, 60), draw, str(index + 1))


def order_card(
    app: App,
    item: str,
    text: str,
    index: int,
    rect: VRect,
    picture: str | None = None,
    aligned: bool = False,
) -> Widget:
    """``aligned``: another card has a picture, so this text starts where theirs do."""

    def draw(p: Painter, look: Look) -> None:
        x, y, w, h = rect
        grabbed = app.ui.work.grabbed == item
        base = p.theme.accent if grabbed else p.theme.card
        p.rect((x + (12 if grabbed else 0), y + 6, w, h), (0, 0, 0), 18)
        p.rect((x + (12 if grabbed else 0), y, w, h), base, 18)
        for k in range(3):
            p.rect(
                (x + 22 + (12 if grabbed else 0), y + h / 2 - 14 + k * 12, 30, 5),
                (150, 150, 170),
                2,
            )
        left = x + 70 + (12 if grabbed else 0)
        if picture or aligned:  # a square picture after the grip (or its room), then the text
            side = h - 16
            if picture:
                card_picture(p, app.folder, picture, (left - 4, y + 8, side, side))
            left += side + 10
        p.text_box(
            text,
            (left, y + 6, x + w - 20 - left, h - 12),
            TEXT_SIZE,
            p.theme.text_on_card if not grabbed else p.theme.accent_text,
            True,
            "left",
            "middle",
        )
        focus_ring(p, rect, look, 18)

    def press(_who: str | None) -> EditWork:
        return EditWork(partial(grab, item))

    def drop(start_key: str, _who: str | None) -> EditWork | None:
        if start_key.startswith("order:"):
            return EditWork(partial(move_to, start_key[6:], item))
        return None

    return Widget(
        f"order:{item}",
        rect,
        draw,
        text,
        press,
        on_drop=drop,
        sig=(app.ui.work.grabbed == item, picture, aligned),
        pictured=True,  # its place is the rank beside it: a moved card keeps its picture
        spoken=f"{index + 1}. {text}",
    )


def drive(driver: Driver, who: str, _puzzle: OrderPuzzle, answer: Any) -> None:
    wanted = list(answer)
    for i, item in enumerate(wanted):
        current = driver.app.ui.work.order
        if item not in current or current.index(item) == i:
            continue
        target = current[i]
        if driver.device == "keyboard":
            driver.press(f"order:{item}", who)
            for _ in range(current.index(item) - i):
                driver.key(pygame.K_UP)
            driver.press(f"order:{item}", who)
        elif driver.device == "gamepad":
            driver.press(f"order:{item}", who)
            driver.press(f"order:{target}", who)
        else:
            driver.drag(f"order:{item}", f"order:{target}")


VIEW = PuzzleView("order", "fleche", body, drive, start=start, value=value)
