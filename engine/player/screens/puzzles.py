"""One widget per puzzle type, in a panel over the scene, with hints and a counter.

The room composes an answer on screen (digits, a choice, an order, pairs, a word); only
"Valider" sends it to the core, as an ``Answer`` by the player who pressed it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import pygame

from engine.core import actions as ac
from engine.format.puzzles import (
    CodePuzzle,
    FindPuzzle,
    MultipleChoicePuzzle,
    NumberPuzzle,
    OrderPuzzle,
    PairsPuzzle,
    PuzzleBase,
    SingleChoicePuzzle,
    TextPuzzle,
)
from engine.player.art import picture_surface
from engine.player.icons import guess_icon, icon_surface
from engine.player.paint import Painter, VRect
from engine.player.repaint import overlap
from engine.player.screens.keyboard import keyboard
from engine.player.theme import mix
from engine.player.widgets import Look, Widget, button, decoration, focus_ring

if TYPE_CHECKING:
    from engine.player.app import App, PuzzleWork

PANEL: VRect = (96.0, 126.0, 1728.0, 790.0)
DIM: VRect = (0.0, 104.0, 1920.0, 820.0)  # what a puzzle's panel darkens
CHROME = ("strip", "bar", "bag", "player:", "item:", "held:")
BODY: VRect = (136.0, 330.0, 1180.0, 560.0)
HINTS: VRect = (1344.0, 330.0, 440.0, 560.0)
PAIR_MARKS = ("1", "2", "3", "4", "5", "6", "7", "8", "9")
#: The number keypad, row by row; "-" puts a minus in front of the number (or takes it away).
NUMBER_KEYS = ("123", "456", "789", "-0,")
NUMBER_KEY_IDS = {"-": "minus", ",": "comma"}
NUMBER_DIGITS = 9  # digits and comma a number may have on the keypad (its sign aside)
GLYPH_SIZE = 100  # of "−" and "," on their keys
TYPE_ICON = {
    "code": "cadenas",
    "single_choice": "ok",
    "multiple_choice": "ok",
    "order": "fleche",
    "pairs": "main",
    "text": "texte",
    "number": "balance",
    "find": "loupe",
    "combine": "main",
}


def start_work(puzzle: PuzzleBase) -> PuzzleWork:
    """A fresh working state; orders and right-hand columns are shuffled, never solved."""
    from engine.player.app import PuzzleWork

    work = PuzzleWork(puzzle=puzzle.id)
    rng = random.Random(puzzle.id)
    if isinstance(puzzle, OrderPuzzle):
        ids = [i.id for i in puzzle.items]
        order = ids[:]
        while order == ids:
            rng.shuffle(order)
        work.order = order
    if isinstance(puzzle, PairsPuzzle):
        ids = [pair.id for pair in puzzle.pairs]
        right = ids[:]
        while right == ids:
            rng.shuffle(right)
        work.right_order = right
    return work


def accepts_text(puzzle: PuzzleBase, entry: str, typed: str) -> str:
    if isinstance(puzzle, CodePuzzle):
        kept = "".join(c for c in typed.upper() if c.isascii() and c.isalnum())
        return (entry + kept)[: len(puzzle.answer)]
    if isinstance(puzzle, TextPuzzle):
        return (entry + typed)[:40]
    if isinstance(puzzle, NumberPuzzle):
        for char in typed:
            entry = number_typed(entry, char)
        return entry
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


def shift_item(app: App, item: str, step: int) -> None:
    order = app.work.order
    if item not in order:
        return
    i = order.index(item)
    j = max(0, min(len(order) - 1, i + step))
    order.insert(j, order.pop(i))
    app.dirty = True


def typer(app: App, char: str) -> Callable[[str | None], None]:
    return lambda _who: app.type_text(char)


def shifter(app: App, item: str, step: int) -> Callable[[str | None], None]:
    return lambda _who: shift_item(app, item, step)


def left_picker(app: App, left: str) -> Callable[[str | None], None]:
    return lambda _who: pick_left(app, left)


def right_picker(app: App, right: str) -> Callable[[str | None], None]:
    return lambda _who: pick_right(app, right)


def submit(app: App, who: str | None) -> None:
    if who is None:
        return
    puzzle = app.rules.puzzles[app.work.puzzle]
    work = app.work
    value: object
    if isinstance(puzzle, CodePuzzle | TextPuzzle | NumberPuzzle):
        value = work.entry
    elif isinstance(puzzle, SingleChoicePuzzle):
        if work.choice is None:
            app.notice = app.t("puzzle.choose_first")
            return
        value = work.choice
    elif isinstance(puzzle, MultipleChoicePuzzle):
        value = tuple(o.id for o in puzzle.options if o.id in work.choices)
    elif isinstance(puzzle, OrderPuzzle):
        value = tuple(work.order)
    elif isinstance(puzzle, PairsPuzzle):
        value = dict(work.pairs)
    else:
        return
    app.act(ac.Answer(player=who, puzzle=puzzle.id, value=value))


def build(app: App, behind: list[Widget]) -> list[Widget]:
    t = app.t
    puzzle = app.rules.puzzles[app.work.puzzle]
    team = app.team()
    assert team is not None
    shown = team.hints.get(puzzle.id, 0)
    # the chrome (top bar, strip, bag) stays usable; what of it is clear of the dimmed area
    # is drawn above the panel: choosing a player then repaints the strip alone, not also
    # the pictures kept under the panel (engine/player/repaint)
    kept: list[Widget] = []
    above: list[Widget] = []
    for widget in behind:
        if not widget.key.startswith(CHROME):
            kept.append(inert(widget))
        elif overlap(widget.rect, DIM):
            kept.append(widget)
        else:
            above.append(widget)

    def panel(p: Painter, _look: Look) -> None:
        p.shade(DIM, (0, 0, 0), p.theme.shade_alpha)
        x, y, w, h = PANEL
        p.rect((x + 8, y + 10, w, h), (0, 0, 0), 30)
        p.rect(PANEL, p.theme.panel, 30)
        p.gradient((x, y, w, 110), (0, 114, 178), (40, 60, 140), 30)
        icon = TYPE_ICON.get(puzzle.type, "loupe")
        p.blit_shape(("icon", icon), (x + 24, y + 16, 80, 80), lambda s: icon_surface(icon, s))
        p.text(
            puzzle.title, (x + 124, y + 56), 54, (255, 255, 255), True, "midleft", max_width=w - 560
        )
        p.text_box(
            puzzle.prompt, (x + 40, y + 124, w - 80, 80), 36, p.theme.text, False, "left", "middle"
        )

    widgets = [
        *kept,
        decoration(
            "puzzle",
            DIM,
            panel,
            f"{puzzle.title}. {puzzle.prompt}",
            puzzle.id,
            backdrop=True,
        ),
    ]
    widgets += body(app, puzzle)
    widgets += hints(app, puzzle, shown)
    from engine.player.screens.chrome import narration

    widgets += narration(
        app, (HINTS[0], HINTS[1] + 396, HINTS[2], 180), 26, skip=("hint",), prefix="puzzle:say"
    )
    x, y, w, _h = PANEL

    def close(who: str | None) -> None:
        if who is not None:
            app.act(ac.Close(player=who))

    widgets.append(
        button(
            "puzzle:close",
            (x + w - 330, y + 18, 300, 76),
            t("puzzle.close"),
            close,
            icon="fermer",
            colour=(150, 60, 60),
            needs_player=True,
            size=30,
        )
    )
    if not isinstance(puzzle, FindPuzzle):
        widgets.append(
            button(
                "puzzle:submit",
                (BODY[0] + BODY[2] - 360, PANEL[1] + PANEL[3] - 100, 360, 84),
                t("puzzle.submit"),
                lambda who: submit(app, who),
                icon="ok",
                colour=(0, 158, 115),
                needs_player=True,
                size=38,
            )
        )
    return widgets + above


def inert(widget: Widget) -> Widget:
    """The same drawing (and picture), but nothing to press behind the panel."""
    return Widget(
        widget.key,
        widget.rect,
        widget.draw,
        widget.label,
        None,
        focusable=False,
        sig=widget.sig,
        bleed=widget.bleed,
        rest_bleed=widget.rest_bleed,
        backdrop=widget.backdrop,
        pictured=widget.pictured,
        ground=widget.ground,
        spoken=widget.spoken,
    )


def hints(app: App, puzzle: PuzzleBase, shown: int) -> list[Widget]:
    t = app.t
    x, y, w, _h = HINTS
    total = len(puzzle.hints)

    def ask(who: str | None) -> None:
        if who is not None:
            app.act(ac.Hint(player=who, puzzle=puzzle.id))

    widgets = [
        button(
            "puzzle:hint",
            (x, y - 8, w, 90),
            t("puzzle.hint", n=shown, total=total),
            ask,
            icon="indice",
            colour=(180, 130, 0),
            needs_player=True,
            enabled=shown < total,
            size=30,
        )
    ]
    each = min(130.0, 290 / max(1, total))
    for level in range(1, shown + 1):
        text = puzzle.hints[level - 1]
        box = (x, y + 96 + (level - 1) * each, w, each - 10)

        def draw(
            p: Painter, _look: Look, text: str = text, level: int = level, box: VRect = box
        ) -> None:
            bx, by, bw, bh = box
            p.rect(box, (255, 243, 176), 18)
            p.circle((bx + 30, by + 30), 20, (180, 130, 0))
            p.text(str(level), (bx + 30, by + 30), 26, (255, 255, 255), True, "center")
            p.text_box(
                text, (bx + 60, by + 10, bw - 72, bh - 20), 26, (40, 30, 0), True, "left", "middle"
            )

        widgets.append(decoration(f"puzzle:hint:{level}", box, draw, text))
    return widgets


def body(app: App, puzzle: PuzzleBase) -> list[Widget]:
    if isinstance(puzzle, CodePuzzle):
        return code(app, puzzle)
    if isinstance(puzzle, SingleChoicePuzzle | MultipleChoicePuzzle):
        return choices(app, puzzle)
    if isinstance(puzzle, OrderPuzzle):
        return order(app, puzzle)
    if isinstance(puzzle, PairsPuzzle):
        return pairs(app, puzzle)
    if isinstance(puzzle, TextPuzzle):
        return text_entry(app, puzzle)
    if isinstance(puzzle, NumberPuzzle):
        return number(app, puzzle)
    if isinstance(puzzle, FindPuzzle):
        return find(app, puzzle)
    return []


# --- code -------------------------------------------------------------------------------------


def code(app: App, puzzle: CodePuzzle) -> list[Widget]:
    x, y, w, _h = BODY
    length = len(puzzle.answer)
    entry = app.work.entry
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
                    "key:back",
                    rect,
                    app.t("osk.back"),
                    lambda _w: app.backspace(),
                    colour=(150, 60, 60),
                    size=24,
                )
            )
        else:
            widgets.append(
                button(
                    f"key:{char}",
                    rect,
                    char,
                    typer(app, char),
                    size=52,
                    colour=(60, 70, 130),
                )
            )
    if letters:
        for i, char in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
            row, col = divmod(i, 7)
            rect = (x + 500 + col * 92, ky + row * kh, 84, kh - 12)
            widgets.append(
                button(
                    f"key:{char}",
                    rect,
                    char,
                    typer(app, char),
                    size=40,
                    colour=(60, 70, 130),
                )
            )
    return widgets


# --- number -----------------------------------------------------------------------------------


def number(app: App, puzzle: NumberPuzzle) -> list[Widget]:
    """The typed number, big, with its unit after it, the "effacer" key beside it, and a
    keypad below: digits, "−" and "," (as the French write decimals)."""
    x, y, w, _h = BODY
    entry = app.work.entry
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
            lambda _w: app.backspace(),
            colour=(150, 60, 60),
            size=24,
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
                typer(app, char),
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


# --- choices ----------------------------------------------------------------------------------


def choices(app: App, puzzle: SingleChoicePuzzle | MultipleChoicePuzzle) -> list[Widget]:
    x, y, w, h = BODY
    multiple = isinstance(puzzle, MultipleChoicePuzzle)
    options = puzzle.options
    cols = 1 if len(options) <= 3 else 2
    rows = (len(options) + cols - 1) // cols
    cell_w = w / cols
    cell_h = min(130.0, (h - 120) / rows)
    widgets: list[Widget] = []
    if multiple:

        def note(p: Painter, _look: Look) -> None:
            p.text(app.t("puzzle.several"), (x, y - 4), 28, p.theme.hint, True)

        widgets.append(decoration("choice:note", (x, y - 4, w, 34), note, app.t("puzzle.several")))
    top = y + (36 if multiple else 0)
    for i, option in enumerate(options):
        row, col = divmod(i, cols)
        rect = (x + col * cell_w, top + row * cell_h, cell_w - 20, cell_h - 16)
        widgets.append(choice_card(app, option.id, option.text, chr(ord("A") + i), rect, multiple))
    return widgets


def choice_card(
    app: App, option: str, text: str, letter: str, rect: VRect, multiple: bool
) -> Widget:
    def draw(p: Painter, look: Look) -> None:
        x, y, w, h = rect
        chosen = option in app.work.choices if multiple else app.work.choice == option
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
            36,
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

    def pick(_who: str | None) -> None:
        if multiple:
            if option in app.work.choices:
                app.work.choices.remove(option)
            else:
                app.work.choices.append(option)
        else:
            app.work.choice = option

    chosen = option in app.work.choices if multiple else app.work.choice == option
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


# --- order ------------------------------------------------------------------------------------


def order(app: App, puzzle: OrderPuzzle) -> list[Widget]:
    x, y, w, h = BODY
    texts = {i.id: i.text for i in puzzle.items}
    n = len(app.work.order)
    each = min(100.0, (h - 110) / max(1, n))
    widgets: list[Widget] = []

    def note(p: Painter, _look: Look) -> None:
        p.text(app.t("puzzle.order_how"), (x, y - 8), 26, p.theme.hint, True)

    widgets.append(decoration("order:note", (x, y - 8, w, 32), note, app.t("puzzle.order_how")))
    for i, item in enumerate(app.work.order):
        rect = (x + 70, y + 30 + i * each, w - 300, each - 14)
        widgets.append(rank(i, rect))
        widgets.append(order_card(app, item, texts[item], i, rect))
        widgets.append(
            button(
                f"up:{item}",
                (x + w - 218, y + 30 + i * each, 100, each - 14),
                "",
                shifter(app, item, -1),
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
                (x + w - 108, y + 30 + i * each, 100, each - 14),
                "",
                shifter(app, item, 1),
                icon="bas",
                show_label=False,
                size=34,
                enabled=i < n - 1,
                spoken=app.t("puzzle.down", text=texts[item]),
            )
        )
    return widgets


def rank(index: int, card: VRect) -> Widget:
    """The place number left of a card: it stays when the cards move."""
    x, y, _w, h = card

    def draw(p: Painter, _look: Look) -> None:
        p.circle((x - 36, y + h / 2), 30, (0, 114, 178))
        p.text(str(index + 1), (x - 36, y + h / 2), 38, (255, 255, 255), True, "center")

    return decoration(f"rank:{index}", (x - 66, y + h / 2 - 30, 60, 60), draw, str(index + 1))


def order_card(app: App, item: str, text: str, index: int, rect: VRect) -> Widget:
    def draw(p: Painter, look: Look) -> None:
        x, y, w, h = rect
        grabbed = app.work.grabbed == item
        base = p.theme.accent if grabbed else p.theme.card
        p.rect((x + (12 if grabbed else 0), y + 6, w, h), (0, 0, 0), 18)
        p.rect((x + (12 if grabbed else 0), y, w, h), base, 18)
        for k in range(3):
            p.rect(
                (x + 22 + (12 if grabbed else 0), y + h / 2 - 14 + k * 12, 30, 5),
                (150, 150, 170),
                2,
            )
        p.text_box(
            text,
            (x + 70 + (12 if grabbed else 0), y + 6, w - 90, h - 12),
            34,
            p.theme.text_on_card if not grabbed else p.theme.accent_text,
            True,
            "left",
            "middle",
        )
        focus_ring(p, rect, look, 18)

    def press(_who: str | None) -> None:
        grabbed = app.work.grabbed
        if grabbed is None:
            app.work.grabbed = item
        elif grabbed == item:
            app.work.grabbed = None
        else:
            move_to(app, grabbed, item)

    def drop(start_key: str, _who: str | None) -> None:
        if start_key.startswith("order:"):
            move_to(app, start_key[6:], item)

    return Widget(
        f"order:{item}",
        rect,
        draw,
        text,
        press,
        on_drop=drop,
        sig=app.work.grabbed == item,
        pictured=True,  # its place is the rank beside it: a moved card keeps its picture
        spoken=f"{index + 1}. {text}",
    )


def move_to(app: App, item: str, target: str) -> None:
    order_ = app.work.order
    if item in order_ and target in order_ and item != target:
        j = order_.index(target)
        order_.remove(item)
        order_.insert(j, item)
    app.work.grabbed = None
    app.dirty = True


# --- pairs ------------------------------------------------------------------------------------


def pairs(app: App, puzzle: PairsPuzzle) -> list[Widget]:
    x, y, w, h = BODY
    by_id = {pair.id: pair for pair in puzzle.pairs}
    lefts = [pair.id for pair in puzzle.pairs]
    rights = app.work.right_order
    each = min(110.0, (h - 110) / max(1, len(lefts)))
    col_w = (w - 160) / 2
    marks = {left: PAIR_MARKS[i % len(PAIR_MARKS)] for i, left in enumerate(app.work.pairs)}
    widgets: list[Widget] = []

    def how(p: Painter, _look: Look) -> None:
        p.text(app.t("puzzle.pairs_how"), (x, y - 8), 26, p.theme.hint, True)

    widgets.append(decoration("pairs:how", (x, y - 8, w, 32), how, app.t("puzzle.pairs_how")))
    for left, right in app.work.pairs.items():
        # each link is its own widget, in the gap between the columns: making a pair
        # repaints that gap, not the whole puzzle
        a = (x + col_w, y + 30 + lefts.index(left) * each + (each - 14) / 2)
        b = (x + col_w + 160, y + 30 + rights.index(right) * each + (each - 14) / 2)
        widgets.append(link(f"pairs:link:{left}", a, b))
    for i, left in enumerate(lefts):
        rect = (x, y + 30 + i * each, col_w, each - 14)
        widgets.append(
            pair_card(
                app,
                f"left:{left}",
                by_id[left].left,
                rect,
                marks.get(left),
                app.work.left == left,
                left_picker(app, left),
            )
        )
    reverse = {right: left for left, right in app.work.pairs.items()}
    for i, right in enumerate(rights):
        rect = (x + col_w + 160, y + 30 + i * each, col_w, each - 14)
        mark = marks.get(reverse[right]) if right in reverse else None
        widgets.append(
            pair_card(
                app,
                f"right:{right}",
                by_id[right].right,
                rect,
                mark,
                False,
                right_picker(app, right),
            )
        )
    return widgets


def link(key: str, a: tuple[float, float], b: tuple[float, float]) -> Widget:
    """A line joining two paired cards."""

    def draw(p: Painter, _look: Look) -> None:
        p.line(a, b, p.theme.accent, 8)

    top, bottom = min(a[1], b[1]), max(a[1], b[1])
    return decoration(key, (a[0], top, b[0] - a[0], bottom - top), draw, sig=(a, b), bleed=8)


def pick_left(app: App, left: str) -> None:
    if left in app.work.pairs and app.work.left != left:
        del app.work.pairs[left]
    app.work.left = None if app.work.left == left else left


def pick_right(app: App, right: str) -> None:
    left = app.work.left
    if left is None:
        app.notice = app.t("puzzle.pairs_left_first")
        return
    for other, value in list(app.work.pairs.items()):
        if value == right:
            del app.work.pairs[other]
    app.work.pairs[left] = right
    app.work.left = None


def pair_card(
    app: App, key: str, text: str, rect: VRect, mark: str | None, chosen: bool, on_press: object
) -> Widget:
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
        p.text_box(
            text, (x + 20, y + 6, w - 100, h - 12), 32, p.theme.text_on_card, True, "left", "middle"
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
        sig=(mark, chosen),
        bleed=12,  # shadow 6 below, focus ring 7 around
        rest_bleed=6,
        pictured=True,  # opaque, drawn from its signature and look only
    )


# --- text -------------------------------------------------------------------------------------


def text_entry(app: App, puzzle: TextPuzzle) -> list[Widget]:
    x, y, w, _h = BODY
    entry = app.work.entry

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


# --- find -------------------------------------------------------------------------------------


def find(app: App, puzzle: FindPuzzle) -> list[Widget]:
    x, y, w, h = BODY
    team = app.team()
    assert team is not None
    scene = app.rules.scenes.get(team.scene or "")
    rect = (x, y - 10, w, h - 10)
    folder = app.folder
    image = None
    if puzzle.image is not None:
        from engine.format.scenario import Picture

        image = Picture(file=puzzle.image)
    elif scene is not None:
        image = scene.image

    def picture(p: Painter, _look: Look) -> None:
        p.blit_cached(
            ("find", puzzle.id), rect, lambda size: picture_surface(image, folder, size, puzzle.id)
        )
        p.shade(rect, (0, 0, 0), 60)
        p.text(app.t("puzzle.find_how"), (x + 20, y + 4), 28, (255, 255, 255), True)

    widgets = [decoration("find:picture", rect, picture, app.t("puzzle.find_how"))]
    rx, ry, rw, rh = rect
    for area in puzzle.areas:
        ax, ay, aw, ah = area.rect
        box = (rx + ax * rw, ry + ay * rh, aw * rw, ah * rh)
        widgets.append(find_area(app, puzzle, area.id, area.label, box))
    return widgets


def find_area(app: App, puzzle: FindPuzzle, area: str, label: str, box: VRect) -> Widget:
    icon = guess_icon(area, label)

    def draw(p: Painter, look: Look) -> None:
        x, y, w, h = box
        lit = look.hovered or look.focused
        p.shade(box, (255, 255, 255), 70 if lit else 30, 20)
        p.rect(box, p.theme.focus if lit else (255, 255, 255), 20, 6 if lit else 3)
        side = min(w, h) * 0.6
        p.blit_shape(
            ("icon", icon or area, label),
            (x + (w - side) / 2, y + 14, side, side),
            lambda s: icon_surface(icon or area, s, label),
        )
        p.shade((x + 10, y + h - 64, w - 20, 54), (10, 10, 25), 210, 16)
        p.text(
            label, (x + w / 2, y + h - 37), 28, (255, 255, 255), True, "center", max_width=w - 30
        )
        focus_ring(p, box, look, 20)

    def choose(who: str | None) -> None:
        if who is not None:
            app.act(ac.Answer(player=who, puzzle=puzzle.id, value=area))

    return Widget(f"area:{area}", box, draw, label, choose, needs_player=True)
