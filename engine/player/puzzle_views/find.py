"""``type: find`` — areas on a picture; pressing one answers at once (no "Valider").

Each area wears a numbered disc; its label is read in the legend under the picture, at the
size of every other text (issue 20: a label written inside a small area had to shrink). The
answer is the area pressed: its box on the picture, or its line in the legend (touch)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame

from engine.core import actions as ac
from engine.format.puzzles import FindPuzzle
from engine.format.scenario import Picture, Scene
from engine.player.art import picture_surface
from engine.player.icons import guess_icon, icon_surface
from engine.player.intents import Act
from engine.player.paint import Painter, VRect
from engine.player.puzzle_views.base import BODY, PuzzleView
from engine.player.theme import mix
from engine.player.widgets import Look, Press, Widget, decoration, focus_ring

if TYPE_CHECKING:
    from engine.player.app import App
    from engine.player.driver import Driver

#: the room the legend usually takes under the picture (more when its labels need it)
LEGEND_BAND = 130.0
#: where a find puzzle's picture lies in the panel when the legend fits its usual band
#: (screens/play.py makes this picture ahead of time)
PICTURE_AT: VRect = (BODY[0], BODY[1] - 10, BODY[2], BODY[3] - 10 - LEGEND_BAND)
#: the legend's text and the discs' digits: the smallest size the back of the room reads
LABEL_SIZE = 28.0
MARKER_SIZE = 32.0
#: the most columns the legend uses, the most lines a label wraps to before fewer columns
COLUMNS = 4
LINES = 2
GAP = 12.0
PAD = 8.0
#: the discs' blue (the order puzzle's place numbers use it too), white digits and ring
DISC = (0, 114, 178)
WHITE = (255, 255, 255)


@dataclass(frozen=True)
class Legend:
    """The legend's cells (one per area, in the author's order) under a picture."""

    picture: VRect
    cells: tuple[VRect, ...]


def body(app: App, puzzle: FindPuzzle) -> list[Widget]:
    x, y, _w, _h = BODY
    team = app.team()
    assert team is not None
    scene = app.rules.scenes.get(team.scene or "")
    legend = legend_layout(app.painter, [area.label for area in puzzle.areas])
    rect = legend.picture

    def picture(p: Painter, _look: Look) -> None:
        p.blit_cached(("find", puzzle.id), rect, picture_maker(app, puzzle, scene))
        p.shade(rect, (0, 0, 0), 60)
        p.text(app.t("puzzle.find_how"), (x + 20, y + 4), 28, WHITE, True)

    widgets = [decoration("find:picture", rect, picture, app.t("puzzle.find_how"))]
    rx, ry, rw, rh = rect
    under_how = y + 4 + app.painter.line_height(28, True)  # the line above, on the picture
    reach = marker_radius(app.painter, MARKER_SIZE) + 3 + 2  # a disc beyond its area
    for n, area in enumerate(puzzle.areas, start=1):
        ax, ay, aw, ah = area.rect
        box = (rx + ax * rw, ry + ay * rh, aw * rw, ah * rh)
        widgets.append(find_area(puzzle, area.id, area.label, n, box, under_how, reach))
    for n, (area, cell) in enumerate(zip(puzzle.areas, legend.cells, strict=True), start=1):
        widgets.append(legend_line(puzzle, area.id, area.label, n, cell))
    return widgets


def legend_layout(p: Painter, labels: list[str]) -> Legend:
    """The columns that keep the legend in its usual band with the fewest lines a label
    (else the shortest legend; one column, any lines, when no label fits ``LINES``); the
    picture takes the rest of the body."""
    x, top, w, h = PICTURE_AT[0], PICTURE_AT[1], PICTURE_AT[2], BODY[3] - 10
    line = p.line_height(LABEL_SIZE, True)
    disc = disc_side(p)
    best: tuple[tuple[bool, int, float], int, float] | None = None  # (rank, columns, row)
    for cols in range(min(COLUMNS, len(labels)), 0, -1):
        cell_w = (w - (cols - 1) * GAP) / cols
        lines = max(
            (len(p.wrap(t, text_width(cell_w, disc), LABEL_SIZE, True)) for t in labels), default=1
        )
        if lines > LINES and cols > 1:
            continue
        row = max(disc, lines * line) + 2 * PAD
        rows = math.ceil(len(labels) / cols)
        height = rows * row + (rows - 1) * GAP
        over = height + GAP > LEGEND_BAND
        rank = (over, 0 if over else lines, height)
        if best is None or rank < best[0]:
            best = (rank, cols, row)
    assert best is not None, "a find puzzle has areas"
    (_, _, height), cols, row = best
    band = max(LEGEND_BAND, height + GAP)
    cell_w = (w - (cols - 1) * GAP) / cols
    bottom = top + h
    cells = tuple(
        (
            x + (i % cols) * (cell_w + GAP),
            bottom - band + GAP + (i // cols) * (row + GAP),
            cell_w,
            row,
        )
        for i in range(len(labels))
    )
    return Legend((x, top, w, h - band), cells)


def marker_radius(p: Painter, size: float) -> float:
    return p.line_height(size, True) / 2 + 4


def disc_side(p: Painter) -> float:
    """A legend disc's diameter (virtual pixels): its digit at the legend's size, with room."""
    return p.line_height(LABEL_SIZE, True) + 8


def text_width(cell_w: float, disc: float) -> float:
    return cell_w - disc - 3 * PAD


def picture_maker(
    app: App, puzzle: FindPuzzle, scene: Scene | None
) -> Callable[[tuple[int, int]], pygame.Surface]:
    """The puzzle's own picture, else the picture of the scene it is played in."""
    image = None
    if puzzle.image is not None:
        image = Picture(file=puzzle.image)
    elif scene is not None:
        image = scene.image
    folder = app.folder
    return lambda size: picture_surface(image, folder, size, puzzle.id)


def chooser(puzzle: FindPuzzle, area: str) -> Press:
    """The press that answers ``area`` (its box on the picture or its legend line)."""

    def choose(who: str | None) -> Act | None:
        return None if who is None else Act(ac.Answer(player=who, puzzle=puzzle.id, value=area))

    return choose


def number_disc(p: Painter, centre: tuple[float, float], n: int, size: float) -> None:
    """``n`` in white on a blue disc ringed white: the same mark on the area and its line."""
    radius = marker_radius(p, size)
    p.circle(centre, radius + 3, WHITE)
    p.circle(centre, radius, DISC)
    p.text(str(n), centre, size, WHITE, True, "center")


def find_area(
    puzzle: FindPuzzle, area: str, label: str, n: int, box: VRect, under: float, reach: float
) -> Widget:
    """The area's box, its icon and its number pinned on its top left corner (lower when
    that would touch the line written on the picture above ``under``)."""
    icon = guess_icon(area, label)

    def draw(p: Painter, look: Look) -> None:
        x, y, w, h = box
        lit = look.hovered or look.focused
        p.shade(box, WHITE, 70 if lit else 30, 20)
        p.rect(box, p.theme.focus if lit else WHITE, 20, 6 if lit else 3)
        side = min(w, h) * 0.7
        p.blit_shape(
            ("icon", icon or area, label),
            (x + (w - side) / 2, y + (h - side) / 2, side, side),
            lambda s: icon_surface(icon or area, s, label),
        )
        focus_ring(p, box, look, 20)
        radius = marker_radius(p, MARKER_SIZE) + 3
        number_disc(p, (x + 8, max(y + 8, under + radius + 2)), n, MARKER_SIZE)

    return Widget(f"area:{area}", box, draw, label, chooser(puzzle, area), needs_player=True, sig=n)


def legend_line(puzzle: FindPuzzle, area: str, label: str, n: int, cell: VRect) -> Widget:
    """``n`` and the area's label: pressed, it answers like the area (it takes no focus:
    the pads and the keyboard go from area to area)."""

    def draw(p: Painter, look: Look) -> None:
        x, y, w, h = cell
        base = mix(p.theme.card, p.theme.accent, 0.3) if look.hovered else p.theme.card
        p.rect(cell, base, 16)
        disc = disc_side(p)
        number_disc(p, (x + PAD + disc / 2, y + h / 2), n, LABEL_SIZE)
        left = x + 2 * PAD + disc
        p.text_box(
            label,
            (left, y + PAD, text_width(w, disc), h - 2 * PAD),
            LABEL_SIZE,
            p.theme.text_on_card,
            True,
            "left",
            "middle",
        )

    return Widget(
        f"legend:{area}",
        cell,
        draw,
        f"{n}. {label}",
        chooser(puzzle, area),
        needs_player=True,
        focusable=False,
        bleed=4,
    )


def drive(driver: Driver, who: str, _puzzle: FindPuzzle, value: Any) -> None:
    driver.press(f"area:{value}", who)


VIEW = PuzzleView("find", "loupe", body, drive, submits=False)
