"""Readable answers (issue 20): a find puzzle's labels are a numbered legend under its
picture, tappable like the areas; choice and order cards grow so a long answer wraps at a
size the room reads instead of shrinking."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from engine.format.puzzles import FindPuzzle
from engine.player.app import App
from engine.player.audit import MIN_TEXT
from engine.player.driver import Driver
from engine.player.puzzle_views import VIEWS, choices, find, order
from engine.player.puzzle_views.base import BODY, readable_in
from engine.player.theme import TEXT_STEPS
from engine.shipped import scenarios_dir
from engine.walkthrough import default_walkthrough, load_walkthrough

DEMO = scenarios_dir() / "demo-escape" / "demo-escape.yaml"
LARGEST = len(TEXT_STEPS) - 1


def inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow + 0.5 and y + h <= oy + oh + 0.5


def apart(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]


def at_step(app: App, step: int) -> App:
    app.ui.options.text_step = step
    app.restyle()
    app.frame()
    return app


def test_tapping_a_legend_line_answers_like_its_area(
    make_app: Any, monkeypatch: pytest.MonkeyPatch, save_shot: Any, tmp_path: Path
) -> None:
    """The demo's walkthrough with a finger, the find puzzle answered by its legend line:
    the allergen is found (the walkthrough goes on to the end). The puzzle is saved as
    docs/screenshots/puzzle-find.png (looked at: numbered discs, the legend under the
    picture)."""
    app = make_app(DEMO, size=(1920, 1080))
    tapped: list[str] = []

    def by_legend(driver: Driver, who: str, _puzzle: FindPuzzle, value: Any) -> None:
        line = driver.app.find(f"legend:{value}")
        area = driver.app.find(f"area:{value}")
        assert line is not None and area is not None
        assert apart(line.rect, area.rect)  # a tap on the line is not a tap on the area
        assert line.label.endswith(area.label) and not line.focusable
        tapped.append(value)
        save_shot(driver.app.screenshot, tmp_path, "puzzle-find")
        driver.press(f"legend:{value}", who)

    monkeypatch.setitem(VIEWS, "find", replace(VIEWS["find"], drive=by_legend))
    Driver(app, "touch").play(load_walkthrough(default_walkthrough(DEMO)))
    assert tapped == ["noix"]
    team = next(iter(app.state.teams.values()))
    assert "trouve_allergene" in team.solved
    assert app.state.phase == "ended"


@pytest.mark.parametrize("step", [0, LARGEST])
def test_the_legend_lies_under_the_picture_one_cell_an_area(make_app: Any, step: int) -> None:
    app = at_step(make_app(DEMO, size=(1920, 1080)), step)
    labels = ["Crème : 20 mars", "Poulet : 12 mars", "Beurre : 2 avril", "Saumon : 16 mars"]
    legend = find.legend_layout(app.painter, labels)
    body = (BODY[0], BODY[1] - 10, BODY[2], BODY[3] - 10)
    assert len(legend.cells) == len(labels)
    assert legend.picture[3] >= 300  # the picture keeps most of the room
    for i, cell in enumerate(legend.cells):
        assert inside(cell, body)
        assert cell[1] >= legend.picture[1] + legend.picture[3]  # under the picture
        assert all(apart(cell, other) for other in legend.cells[i + 1 :])
    least = MIN_TEXT * app.painter.s * 0.97
    assert app.painter.pixels(find.LABEL_SIZE) >= least


def test_long_labels_take_fewer_columns_and_a_taller_legend(make_app: Any) -> None:
    app = at_step(make_app(DEMO, size=(1920, 1080)), LARGEST)
    short = find.legend_layout(app.painter, ["Sel", "Farine", "Huile", "Noix"])
    labels = [f"Le bocal de la troisième étagère, numéro {n}, à gauche" for n in range(1, 6)]
    long = find.legend_layout(app.painter, labels)
    assert len({c[0] for c in long.cells}) < len({c[0] for c in short.cells})
    assert long.picture[3] < short.picture[3]
    width = long.cells[0][2]
    room = find.text_width(width, find.disc_side(app.painter))
    for text in labels:  # each fits its cell at the legend's size, in two lines at most
        lines = app.painter.wrap(text, room, find.LABEL_SIZE, True)
        assert len(lines) <= find.LINES
        assert len(lines) * app.painter.line_height(find.LABEL_SIZE, True) <= long.cells[0][3]


def test_a_long_answer_gets_a_taller_card_instead_of_a_smaller_text(make_app: Any) -> None:
    app = at_step(make_app(DEMO, size=(1920, 1080)), LARGEST)
    p = app.painter
    texts = ["Un tablier", "Une charlotte ou une toque, pour couvrir les cheveux"]
    most = 146.0
    height = choices.card_height(p, texts, BODY[2] / 2, most)
    assert 130 < height <= most
    assert readable_in(p, texts, *choices.text_room(BODY[2] / 2, height), choices.TEXT_SIZE)
    assert not readable_in(p, texts, *choices.text_room(BODY[2] / 2, 130), choices.TEXT_SIZE)
    assert choices.card_height(p, ["Un tablier", "Un bonnet"], BODY[2] / 2, most) == 130


def test_a_long_step_gets_a_taller_row_and_the_others_share_the_rest(make_app: Any) -> None:
    app = at_step(make_app(DEMO, size=(1920, 1080)), LARGEST)
    p = app.painter
    room = BODY[3] - 110
    steps = ["Mouiller les mains", "Prendre du savon", "Rincer à l'eau claire"]
    long = "Frotter partout pendant 30 secondes : paumes, dos des mains, doigts, ongles"
    assert order.row_heights(p, steps, False, room) == [100.0] * 3  # room enough: as before
    rows = order.row_heights(p, [*steps, long, "Sécher les mains"], False, room)
    assert rows[3] > max(rows[:3] + rows[4:])
    assert sum(rows) <= room + 0.5
    for text, row in zip([*steps, long, "Sécher les mains"], rows, strict=True):
        assert readable_in(p, [text], *order.text_room(row - order.GAP, False), order.TEXT_SIZE)


def test_find_pictures_made_ahead_are_the_ones_shown(make_app: Any) -> None:
    """The picture screens/play.py makes ahead (``PICTURE_AT``) is the one a usual legend
    leaves: the frame that opens the puzzle does not build it."""
    app = at_step(make_app(DEMO, size=(1920, 1080)), 0)
    legend = find.legend_layout(app.painter, ["Huile d'olive", "Sachet de noix", "Sel", "Farine"])
    assert legend.picture == find.PICTURE_AT
