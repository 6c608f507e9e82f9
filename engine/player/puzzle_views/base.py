"""What every puzzle view declares, and the pieces several of them share.

A view says, for one puzzle type (its YAML ``type:``): how its widgets are laid out in the
puzzle panel's body, how the room's input becomes answer work (``start``, ``typed``, the
intents its widgets return), what ``Valider`` sends (``value``), and how the test driver
answers it (``drive``). The panel around it (title, hints, close, submit) is
``engine/player/screens/puzzles.py``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from engine.format.puzzles import PuzzleBase
from engine.player.art import load_image, placeholder
from engine.player.audit import MIN_TEXT
from engine.player.icons import icon_surface
from engine.player.intents import Backspace, TypeText
from engine.player.paint import Painter, VRect
from engine.player.ui import PuzzleWork
from engine.player.widgets import Widget, decoration
from engine.puzzles.base import is_image_file

if TYPE_CHECKING:
    from engine.player.app import App
    from engine.player.driver import Driver

BODY: VRect = (136.0, 330.0, 1180.0, 560.0)
#: « Valider », bottom right of the body (the panel's bottom is 916)
SUBMIT: VRect = (BODY[0] + BODY[2] - 360.0, 816.0, 360.0, 84.0)

Body = Callable[["App", Any], "list[Widget]"]
Drive = Callable[["Driver", str, Any, Any], None]


def fresh(puzzle: PuzzleBase) -> PuzzleWork:
    return PuzzleWork(puzzle=puzzle.id)


def entry_value(_puzzle: PuzzleBase, work: PuzzleWork) -> object | None:
    return work.entry


@dataclass(frozen=True)
class PuzzleView:
    """One puzzle type on screen. ``value`` returns None when nothing can be sent yet (the
    room is told to choose first); ``submits`` False: the body's widgets answer at once (no
    "Valider"); ``panel`` False: the puzzle never stays open (a combination in the bag)."""

    tag: str
    icon: str
    body: Body
    drive: Drive
    start: Callable[[Any], PuzzleWork] = fresh
    typed: Callable[[Any, str, str], str] | None = None
    value: Callable[[Any, PuzzleWork], object | None] = entry_value
    submits: bool = True
    panel: bool = True


def shuffled(ids: list[str], seed: str) -> tuple[str, ...]:
    """``ids`` in another order, never the given one (that would be already solved); the
    same every time for the same puzzle (``seed``), so screenshots stay the same."""
    order = ids[:]
    rng = random.Random(seed)
    while order == ids:
        rng.shuffle(order)
    return tuple(order)


def readable_in(
    p: Painter, texts: list[str], w: float, h: float, size: float, bold: bool = True
) -> bool:
    """Every text, wrapped in a ``w``×``h`` box by ``text_box`` from ``size``, stays at the
    audit's least size (engine/player/audit.py): layouts give cards the room for it."""
    least = MIN_TEXT * p.s * 0.97  # sizes snap to a ladder, as the audit allows
    return all(p.pixels(p.fitted_size(t, w, h, size, bold)) >= least for t in texts)


def note_height(app: App, text: str, w: float) -> float:
    """The height the line over (or under) a puzzle's cards takes, wrapped at its size."""
    p = app.painter
    lines = len(p.wrap(text, w, NOTE_SIZE, True))  # the last line's letters go below its step
    return (lines - 1) * p.line_height(NOTE_SIZE, True) + p.font(NOTE_SIZE, True).get_height() / p.s


def instruction(
    app: App, key: str, text: str, x: float, y: float, w: float
) -> tuple[Widget, float]:
    """The short line with a puzzle's cards (« Plusieurs réponses possibles. »), wrapped at
    its size; returns it and the height it takes, so the cards keep clear of it at every
    text size instead of covering it."""
    height = note_height(app, text, w)

    def draw(painter: Painter, _look: object) -> None:
        painter.text_box(text, (x, y, w, height), NOTE_SIZE, painter.theme.hint, True)

    return decoration(key, (x, y, w, height), draw, text), height


#: the size of the line over a puzzle's cards
NOTE_SIZE = 28.0


def typer(char: str) -> Callable[[str | None], TypeText]:
    return lambda _who: TypeText(char)


def backspace(_who: str | None) -> Backspace:
    return Backspace()


def card_picture(p: Painter, folder: Path, picture: str, square: VRect) -> None:
    """A card's picture in ``square``: an image file beside the scenario, fitted whole on a
    white tile, or an icon (Déclic's or OpenMoji's; an unknown name gets its lettered tile)."""
    if is_image_file(picture):
        path = folder / picture
        p.blit_cached(("card-image", str(path)), square, lambda size: fitted(path, size))
    else:
        p.blit_cached(("card-icon", picture), square, lambda size: icon_surface(picture, size))


def fitted(path: Path, size: tuple[int, int]) -> pygame.Surface:
    """The image at ``path`` scaled to fit ``size`` whole, centred on white (or a placeholder)."""
    tile = pygame.Surface(size)
    tile.fill((255, 255, 255))
    try:
        image = pygame.image.load(str(path))
    except (pygame.error, FileNotFoundError, OSError):
        return load_image(path, size) or placeholder(size, path.name)  # logs it once
    scale = min(size[0] / image.get_width(), size[1] / image.get_height())
    shown = (max(1, round(image.get_width() * scale)), max(1, round(image.get_height() * scale)))
    picture = pygame.transform.smoothscale(image.convert_alpha(), shown)
    tile.blit(picture, picture.get_rect(center=(size[0] // 2, size[1] // 2)))
    return tile
