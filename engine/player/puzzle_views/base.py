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
from typing import TYPE_CHECKING, Any

from engine.format.puzzles import PuzzleBase
from engine.player.intents import Backspace, TypeText
from engine.player.paint import VRect
from engine.player.ui import PuzzleWork

if TYPE_CHECKING:
    from engine.player.app import App
    from engine.player.driver import Driver
    from engine.player.widgets import Widget

BODY: VRect = (136.0, 330.0, 1180.0, 560.0)

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


def typer(char: str) -> Callable[[str | None], TypeText]:
    return lambda _who: TypeText(char)


def backspace(_who: str | None) -> Backspace:
    return Backspace()
