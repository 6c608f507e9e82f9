"""``type: find`` — areas on a picture; pressing one answers at once (no "Valider")."""

from __future__ import annotations

from collections.abc import Callable
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
from engine.player.widgets import Look, Widget, decoration, focus_ring

if TYPE_CHECKING:
    from engine.player.app import App
    from engine.player.driver import Driver


def body(app: App, puzzle: FindPuzzle) -> list[Widget]:
    x, y, _w, _h = BODY
    team = app.team()
    assert team is not None
    scene = app.rules.scenes.get(team.scene or "")
    rect = PICTURE_AT

    def picture(p: Painter, _look: Look) -> None:
        p.blit_cached(("find", puzzle.id), rect, picture_maker(app, puzzle, scene))
        p.shade(rect, (0, 0, 0), 60)
        p.text(app.t("puzzle.find_how"), (x + 20, y + 4), 28, (255, 255, 255), True)

    widgets = [decoration("find:picture", rect, picture, app.t("puzzle.find_how"))]
    rx, ry, rw, rh = rect
    for area in puzzle.areas:
        ax, ay, aw, ah = area.rect
        box = (rx + ax * rw, ry + ay * rh, aw * rw, ah * rh)
        widgets.append(find_area(app, puzzle, area.id, area.label, box))
    return widgets


#: where a find puzzle's picture lies in the panel
PICTURE_AT: VRect = (BODY[0], BODY[1] - 10, BODY[2], BODY[3] - 10)


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

    def choose(who: str | None) -> Act | None:
        return None if who is None else Act(ac.Answer(player=who, puzzle=puzzle.id, value=area))

    return Widget(f"area:{area}", box, draw, label, choose, needs_player=True)


def drive(driver: Driver, who: str, _puzzle: FindPuzzle, value: Any) -> None:
    driver.press(f"area:{value}", who)


VIEW = PuzzleView("find", "loupe", body, drive, submits=False)
