"""Evidence that needs a behaviour: persévérance only after a wrong answer then success, and
orders that good practice leaves free are all right. Played through ``Rules.step``."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core import actions as ac
from engine.core import events as ev
from engine.load.check import load_scenario
from tests.core.test_core_rules import ENDINGS, HEADER, HINTS, Game, rules_of

BODY = f"""
start: atelier
scenes:
  - id: atelier
    title: "L'atelier"
    text: "Une vache attend la traite."
    hotspots:
      - {{id: vache, label: "La vache", puzzle: traite}}
puzzles:
  - id: traite
    type: order
    title: "La traite"
    prompt: "Dans quel ordre ?"
    items:
      - {{id: nettoyer, text: "Nettoyer les trayons"}}
      - {{id: jets, text: "Tirer les premiers jets"}}
      - {{id: traire, text: "Traire"}}
    also_right:
      - [jets, nettoyer, traire]
    {HINTS}
    skills:
      - {{skill: perseverance, when: solved, after_wrong: 1, text: "A réessayé"}}
      - {{skill: rigueur, when: first_try, text: "Du premier coup"}}
    on_solve:
      - end: gagne
"""


def _play(tmp_path: Path, answers: list[list[str]]) -> list[ev.EvidenceRecorded]:
    game = Game(rules_of(tmp_path, BODY))
    game.start()
    game.do(ac.Use(player="p1", hotspot="vache"))
    for value in answers:
        game.do(ac.Answer(player="p1", puzzle="traite", value=value), after=5)
    assert game.team().ending == "gagne"
    return [e for e in game.log if isinstance(e, ev.EvidenceRecorded)]


@pytest.mark.parametrize(
    "order",
    [["nettoyer", "jets", "traire"], ["jets", "nettoyer", "traire"]],
    ids=["written", "also"],
)
def test_both_right_orders_solve_and_a_first_try_is_not_perseverance(
    tmp_path: Path, order: list[str]
) -> None:
    assert [e.skill for e in _play(tmp_path, [order])] == ["rigueur"]


def test_perseverance_only_after_a_wrong_answer_then_success(tmp_path: Path) -> None:
    recorded = _play(tmp_path, [["traire", "jets", "nettoyer"], ["jets", "nettoyer", "traire"]])
    assert [(e.skill, e.rule, e.text) for e in recorded] == [
        ("perseverance", "solved", "A réessayé")
    ]


def test_an_also_right_order_must_use_every_item_once(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        HEADER + BODY.replace("[jets, nettoyer, traire]", "[jets, jets, traire]") + ENDINGS,
        encoding="utf-8",
    )
    loaded = load_scenario(path)
    assert not loaded.ok
    assert any("also_right" in d.format() for d in loaded.diagnostics)
