"""The line over a puzzle's cards (« Plusieurs réponses possibles. », « Glissez les
cartes… ») is never covered by the cards or the hint panel, at every text size and both
contrasts, in every shipped multiple-choice and order puzzle (issue 20: at the largest size
the cards used to start over it)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pygame
import pytest

from engine.player.app import App
from engine.player.audit import drawn_texts
from engine.player.driver import Driver
from engine.player.puzzle_views import VIEWS
from engine.player.theme import TEXT_STEPS
from engine.shipped import shipped_scenarios
from engine.walkthrough import default_walkthrough, load_walkthrough

NOTES = {"multiple_choice": "choice:note", "order": "order:note"}


def _ink(surface: pygame.Surface) -> pygame.Rect:
    """Where a line's letters are, inside its rendered surface (not the font's line box)."""
    boxes = pygame.mask.from_surface(surface).get_bounding_rects()
    return boxes[0].unionall(boxes[1:]) if boxes else pygame.Rect(0, 0, 0, 0)


def _covering(app: App, key: str) -> list[str]:
    """Widgets drawn on the puzzle's panel over the note's real letters (its lines as
    drawn, in window pixels), other than a backdrop holding the note whole."""
    note = app.find(key)
    assert note is not None, key
    lines = [
        _ink(t.surface).move(t.rect.topleft)
        for t in drawn_texts(app)
        if t.text.strip() and t.text.strip() in note.label and t.surface is not None
    ]
    assert lines, f"the note « {note.label} » is drawn"
    keys = [w.key for w in app.widgets]
    above = app.widgets[keys.index("puzzle") + 1 :]
    found = []
    for w in above:
        box = app.painter.px(w.rect)
        if w.key == key or box.contains(lines[0].unionall(lines[1:])):
            continue
        found += [f"{w.key} {w.rect} over « {note.label} »" for r in lines if box.colliderect(r)]
    return found


@pytest.mark.parametrize(
    "path",
    [p for p in shipped_scenarios() if default_walkthrough(p).is_file()],
    ids=lambda p: p.stem,
)
def test_the_note_over_the_cards_is_never_covered(
    path: Path, make_app: Any, monkeypatch: pytest.MonkeyPatch, save_shot: Any, tmp_path: Path
) -> None:
    app = make_app(path, size=(1920, 1080))
    checked: list[str] = []
    problems: list[str] = []
    for kind, key in NOTES.items():
        original = VIEWS[kind]

        def checking(
            driver: Driver,
            who: str,
            puzzle: Any,
            value: Any,
            *,
            _key: str = key,
            _drive: Any = original.drive,
        ) -> None:
            a = driver.app
            for contrast in (False, True):
                for step in range(len(TEXT_STEPS)):
                    a.ui.options.contrast, a.ui.options.text_step = contrast, step
                    a.restyle()
                    a.frame()
                    problems.extend(
                        f"{puzzle.id} {step} {contrast}: {c}" for c in _covering(a, _key)
                    )
                    if step == len(TEXT_STEPS) - 1 and not contrast and path.stem == "cuisine":
                        save_shot(a.screenshot, tmp_path, f"{_key.split(':')[0]}-note-large")
            a.ui.options.contrast, a.ui.options.text_step = False, 0
            a.restyle()
            a.frame()
            checked.append(puzzle.id)
            _drive(driver, who, puzzle, value)

        monkeypatch.setitem(VIEWS, kind, replace(original, drive=checking))
    Driver(app, "mouse").play(load_walkthrough(default_walkthrough(path)))
    assert problems == []
    kinds = {p.id: p.type for p in app.scenario.puzzles}
    expected = [i for i, t in kinds.items() if t in NOTES]
    assert set(checked) == {i for i in expected if i in checked}  # only those kinds were checked
    if expected:
        assert checked, f"{path.stem}: no multiple-choice or order puzzle was reached"
