"""Every puzzle type of the scenario format has a view (widgets, answer work, what "Valider"
sends) and a driver answer; the answer work changes only through pure functions."""

from __future__ import annotations

import inspect
from dataclasses import replace

from engine.format import puzzles as fmt
from engine.player.puzzle_views import VIEWS, view_of
from engine.player.puzzle_views.base import PuzzleView
from engine.player.puzzle_views.choices import chosen_one, toggled
from engine.player.puzzle_views.order import grab, move_to, shifted
from engine.player.puzzle_views.pairs import picked_left, picked_right
from engine.player.ui import PuzzleWork
from engine.puzzles.registry import PUZZLE_TYPES


def format_tags() -> set[str]:
    """The ``type:`` tags of the engine's puzzle registry, which also feeds the format's union."""
    return set(PUZZLE_TYPES)


def test_every_puzzle_type_of_the_format_has_a_view_and_a_driver_answer() -> None:
    tags = format_tags()
    assert len(tags) >= 9
    assert set(VIEWS) == tags, "a puzzle type without a view (or a view without a type)"
    for tag, view in VIEWS.items():
        assert isinstance(view, PuzzleView) and view.tag == tag
        for part in (view.body, view.drive, view.start, view.value):
            assert callable(part), f"{tag}: {part}"
        # the driver's answer takes (driver, who, puzzle, value): no silent "submit" only
        assert len(inspect.signature(view.drive).parameters) == 4, tag
        assert view.icon


def test_views_are_found_by_the_puzzles_type() -> None:
    puzzle = fmt.CodePuzzle.model_validate(
        {"id": "casier", "type": "code", "title": "Casier", "prompt": "Le code ?"}
        | {"answer": "1234", "hints": ["Regardez l'affiche.", "Quatre chiffres."]}
    )
    assert view_of(puzzle).tag == "code"
    assert view_of(puzzle).typed is not None
    assert view_of(puzzle).typed(puzzle, "12", "3a4x5") == "123A"  # type: ignore[misc]


def test_an_order_starts_shuffled_and_moves_by_pure_functions() -> None:
    puzzle = fmt.OrderPuzzle.model_validate(
        {
            "id": "etapes",
            "type": "order",
            "title": "Étapes",
            "prompt": "Dans l'ordre",
            "items": [{"id": i, "text": i.upper()} for i in ("a", "b", "c")],
            "hints": ["Du début à la fin.", "A d'abord."],
        }
    )
    work = view_of(puzzle).start(puzzle)
    assert sorted(work.order) == ["a", "b", "c"] and work.order != ("a", "b", "c")
    assert view_of(puzzle).start(puzzle) == work  # the same shuffle every time
    base = replace(work, order=("a", "b", "c"))
    assert shifted("c", -1, base).order == ("a", "c", "b")
    assert shifted("a", -1, base) == base
    assert move_to("c", "a", base).order == ("c", "a", "b")
    picked = grab("b", base)
    assert picked.grabbed == "b" and grab("b", picked).grabbed is None
    assert grab("a", picked) == replace(base, order=("b", "a", "c"))
    assert base.order == ("a", "b", "c")  # nothing was changed in place


def test_pairs_and_choices_change_by_pure_functions() -> None:
    work = PuzzleWork(puzzle="p", right_order=("x", "y"))
    left = picked_left("a", work)
    paired = picked_right("x", left)
    assert paired.pairs == {"a": "x"} and paired.left is None
    moved = picked_right("x", picked_left("b", paired))  # "x" leaves "a" for "b"
    assert moved.pairs == {"b": "x"}
    assert picked_left("a", paired).pairs == {}  # picking a paired left card undoes its pair
    assert picked_right("y", work) == work  # no left card chosen: nothing happens
    assert work.pairs == {}
    ticked = toggled("o2", toggled("o1", PuzzleWork()))
    assert ticked.choices == ("o1", "o2") and toggled("o1", ticked).choices == ("o2",)
    assert chosen_one("o3", ticked).choice == "o3"
