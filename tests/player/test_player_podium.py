"""The rally's podium: ties share a step and the next rank skips."""

from __future__ import annotations

from engine.player.locale import Texts
from engine.player.podium import Step, podium


def test_distinct_scores_get_one_step_each() -> None:
    steps = podium([("Hiboux", 10), ("Renards", 30), ("Loups", 20)])
    assert steps == [Step(1, ("Renards",), 30), Step(2, ("Loups",), 20), Step(3, ("Hiboux",), 10)]


def test_tied_teams_share_a_step_and_the_next_rank_skips() -> None:
    steps = podium([("Renards", 20), ("Hiboux", 20), ("Loups", 5), ("Lynx", 0)])
    assert [(s.rank, s.teams) for s in steps] == [
        (1, ("Renards", "Hiboux")),
        (3, ("Loups",)),
        (4, ("Lynx",)),
    ]
    t = Texts("fr")
    assert [t("ending.rank", n=s.rank) for s in steps] == ["1er", "3e", "4e"]


def test_everyone_tied_is_one_step() -> None:
    assert podium([("A", 0), ("B", 0)]) == [Step(1, ("A", "B"), 0)]
