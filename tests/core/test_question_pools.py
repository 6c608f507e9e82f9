"""Question pools (``variants``): each team plays its own version of a question, in turn.

Through the real loader, the real rules and the shipped rally: the versions a team gets, what
a variant may not change, where a broken variant is reported, hints and the answer key.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core import actions as ac
from engine.core import events as ev
from engine.diagnostics import Diagnostic
from engine.load.check import load_scenario
from engine.shipped import scenarios_dir
from facilitator.sheets.model import build_sheet
from tests.core.test_core_rules import ENDINGS, HEADER, HINTS, Game, only, rules_of

POOL = f"""
team_mode: turns
teams: {{min: 2, max: 4}}
start: hall
scenes:
  - id: hall
    title: "Hall"
    text: "Le hall."
    hotspots:
      - {{id: defi, label: "Défi", puzzle: q}}
puzzles:
  - id: q
    type: single_choice
    title: "Question A"
    prompt: "Première version ?"
    options: [{{id: a, text: "A"}}, {{id: b, text: "B"}}]
    answer: b
    points: 10
    {HINTS}
    on_solve: [{{say: "Juste, c'était B."}}, {{set: fait}}]
    variants:
      - title: "Question B"
        prompt: "Deuxième version ?"
        options: [{{id: c, text: "C"}}, {{id: d, text: "D"}}]
        answer: c
        hints: ["Cherchez C.", "C'est C."]
        on_solve: [{{say: "Juste, c'était C."}}, {{set: fait}}]
"""

TEAMS = (("a1", "Renards"), ("b1", "Hiboux"), ("c1", "Dauphins"))


def test_teams_take_the_versions_in_the_order_they_joined(tmp_path: Path) -> None:
    game = Game(rules_of(tmp_path, POOL), players=TEAMS)
    game.start()
    said: dict[str, list[str]] = {}
    for player, team, wrong, right in (
        ("a1", "Renards", "c", "b"),
        ("b1", "Hiboux", "b", "c"),
        ("c1", "Dauphins", "c", "b"),  # three teams, two versions: the third starts again
    ):
        assert game.state.active_team == team
        game.do(ac.Use(player=player, hotspot="defi"))
        missed = game.do(ac.Answer(player=player, puzzle="q", value=wrong))
        assert only(missed, ev.AnswerChecked)[0].correct is False
        solved = game.do(ac.Answer(player=player, puzzle="q", value=right))
        assert only(solved, ev.PuzzleSolved)[0].puzzle == "q"  # one id for every version
        said[team] = [e.text for e in only(solved, ev.Said)]
        assert "fait" in game.team(team).flags
        assert game.team(team).score == 10
    assert "Juste, c'était B." in said["Renards"] and "Juste, c'était C." in said["Hiboux"]
    assert "Juste, c'était B." in said["Dauphins"]


def test_a_hint_is_the_hint_of_the_team_s_version(tmp_path: Path) -> None:
    rules = rules_of(tmp_path, POOL)
    game = Game(rules, players=TEAMS[:2])
    game.start()
    game.do(ac.Use(player="a1", hotspot="defi"))
    game.do(ac.Answer(player="a1", puzzle="q", value="b"))
    assert game.state.active_team == "Hiboux"
    game.do(ac.Use(player="b1", hotspot="defi"))
    game.do(ac.Hint(player="b1", puzzle="q"))
    version = rules.puzzle_for("q", game.state, "Hiboux")
    assert version.prompt == "Deuxième version ?" and version.hints[0] == "Cherchez C."
    assert rules.puzzle_for("q", game.state, "Renards").prompt == "Première version ?"
    assert game.team("Hiboux").hints == {"q": 1}


def _errors(tmp_path: Path, body: str) -> tuple[list[Diagnostic], list[str]]:
    path = tmp_path / "scenario.yaml"
    text = HEADER + body + ENDINGS
    path.write_text(text, encoding="utf-8")
    found = [d for d in load_scenario(path).diagnostics if d.severity == "error"]
    return found, text.splitlines()


def test_a_variant_cannot_change_what_the_puzzle_shows_of_a_player(tmp_path: Path) -> None:
    body = POOL.replace("        answer: c\n", "        answer: c\n        points: 50\n")
    found, _lines = _errors(tmp_path, body)
    assert len(found) == 1 and "variante 2" in found[0].message, found
    assert "« points »" in found[0].message


def test_a_variant_cannot_change_what_solving_does(tmp_path: Path) -> None:
    body = POOL.replace(
        'on_solve: [{say: "Juste, c\'était C."}, {set: fait}]',
        'on_solve: [{say: "Juste, c\'était C."}, {set: autre}]',
    )
    found, _lines = _errors(tmp_path, body)
    assert len(found) == 1 and "variante 2" in found[0].message, found
    assert "« on_solve »" in found[0].message


def test_a_wrong_id_in_a_variant_is_reported_on_its_own_line(tmp_path: Path) -> None:
    found, lines = _errors(tmp_path, POOL.replace("        answer: c\n", "        answer: z\n"))
    assert len(found) == 1 and "« z »" in found[0].message, found
    assert lines[found[0].line - 1].strip() == "answer: z"


def test_the_shipped_rally_gives_each_team_its_own_change_to_count() -> None:
    loaded = load_scenario(scenarios_dir() / "rallye" / "rallye.yaml")
    assert loaded.scenario is not None
    monnaie = next(p for p in loaded.scenario.puzzles if p.id == "monnaie")
    answers = [getattr(v, "answer", None) for v in monnaie.versions]
    assert len(set(answers)) == len(answers) == 4  # up to 4 teams, none can copy
    sheet = build_sheet(loaded.scenario)
    key = next(k for k in sheet.key if k.puzzle == "monnaie")
    assert [label for label, _answer in key.labelled()] == [
        f"Réponse, équipe {n}" for n in (1, 2, 3, 4)
    ]
    assert [answer for _label, answer in key.labelled()] == ["6,50 €", "2,80 €", "3,70 €", "1,25 €"]


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("        answer: pas_un_id!\n", "identifiant"),
        ("        couleur: rouge\n", "clé inconnue"),
        ("        answer: [c, d]\n", "doit être"),
    ],
)
def test_a_broken_variant_field_is_explained_in_french(
    tmp_path: Path, change: str, said: str
) -> None:
    body = POOL.replace("        answer: c\n", change)
    found, _lines = _errors(tmp_path, body)
    assert len(found) == 1, found
    message = found[0].message
    assert "variante 2, champ" in message and said in message, message
    assert "Input" not in message and "should" not in message, message
