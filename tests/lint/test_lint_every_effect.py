"""Every registered effect and condition, in a small game where it matters: the lint's verdict
(which endings can be reached, whether a dead end exists) equals exhaustive play.

The naive search (``test_lint_reductions.naive``) keeps every fact of the team and plays every
move; the lint reads conditions and effects through ``engine.format.footprint`` and the core's
evaluator. A new effect or condition type must get a case here (the first test fails without
one), so the lint cannot be quietly wrong about it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_lint_reductions import naive

from engine.core.rules import Rules
from engine.format.conditions import CONDITION_TYPES
from engine.format.effects import EFFECT_TYPES
from engine.lint.checks import rules_for_start, team_starts
from engine.lint.explore import Explorer
from engine.lint.reachability import relaxed
from engine.load.check import load_scenario

HEAD = """\
format: 1
id: cas
title: "Un cas"
kind: escape
duration_minutes: 20
players: {min: 1, max: 4}
start: hall
"""

TAIL = """\
items:
  - {id: cle, name: "Clé", description: "Une petite clé."}
puzzles:
  - id: coffre
    type: code
    title: "Le coffre"
    prompt: "Le code ?"
    answer: "42"
    attempts: 1
    clue: {knowledge: true}
    hints: ["Un nombre.", "Quarante-deux."]
endings:
  - {id: sortie, title: "Sortis", text: "Bravo."}
  - {id: autre, title: "Autre fin", text: "Fini aussi."}
"""


def game(hall: str, *, exits: str = "", more: str = "", timer: str = "") -> str:
    """A hall with the given hotspots (YAML list items), a cellar, and ``more`` scenes."""
    return (
        HEAD
        + timer
        + "scenes:\n  - id: hall\n    title: Hall\n    text: Un hall.\n    hotspots:\n"
        + _indent(hall, 6)
        + "    exits:\n      - {to: cave, label: La cave}\n"
        + _indent(exits, 6)
        + "  - id: cave\n    title: Cave\n    text: Une cave.\n    hotspots:\n"
        + "      - {id: soupirail, label: Soupirail, when: {has: cle}, effects: [{end: autre}]}\n"
        + "    exits:\n      - {to: hall, label: Remonter}\n"
        + _indent(more, 2)
        + TAIL
    )


def _indent(text: str, by: int) -> str:
    lines = [line for line in text.strip("\n").splitlines()]
    return "".join(" " * by + line + "\n" for line in lines) if text.strip() else ""


KEY = "- {id: prendre, label: Prendre, once: true, effects: [{give: cle}]}"
GATE = "- {{id: porte, label: Porte, when: {when}, effects: [{{end: sortie}}]}}"

EFFECT_CASES = {
    "give": KEY + "\n" + GATE.format(when="{has: cle}"),
    "take": KEY
    + "\n- {id: jeter, label: Jeter, effects: [{take: cle}]}\n"
    + GATE.format(when="{has: cle}"),
    "set": "- {id: levier, label: Levier, once: true, effects: [{set: ouvert}]}\n"
    + GATE.format(when="{flag: ouvert}"),
    "unset": "- {id: levier, label: Levier, once: true, effects: [{set: ouvert}]}\n"
    "- {id: casser, label: Casser, effects: [{unset: ouvert}]}\n"
    + GATE.format(when="{flag: ouvert}"),
    "say": "- {id: radio, label: Radio, effects: [{say: Bonjour.}, {give: cle}]}\n"
    + GATE.format(when="{has: cle}"),
    "unlock": "- {id: bouton, label: Bouton, once: true, effects: [{unlock: porte}]}\n"
    "- {id: porte, label: Porte, locked: true, effects: [{end: sortie}]}",
    "go": "- {id: trappe, label: Trappe, effects: [{go: cave}]}\n" + KEY,
    "score": "- {id: bonus, label: Bonus, once: true, effects: [{score: 5}]}\n"
    "- {id: malus, label: Malus, once: true, effects: [{score: -5}]}\n"
    + GATE.format(when="{score_at_least: 5}"),
    "evidence": "- {id: aider, label: Aider, effects: [{evidence: {skill: ecoute, text: A aidé.}}, {give: cle}]}\n"
    + GATE.format(when="{has: cle}"),
    "end": "- {id: abandon, label: Abandon, effects: [{end: autre}]}\n"
    + GATE.format(when="{has: cle}")
    + "\n"
    + KEY,
    "end_turn": "- {id: passer, label: Passer, effects: [{end_turn: true}, {give: cle}]}\n"
    + GATE.format(when="{has: cle}"),
}

SAFE = "- {id: coffre-h, label: Coffre, puzzle: coffre}\n"
CONDITION_CASES = {
    "has": KEY + "\n" + GATE.format(when="{has: cle}"),
    "flag": "- {id: levier, label: Levier, once: true, effects: [{set: ouvert}]}\n"
    + GATE.format(when="{flag: ouvert}"),
    "solved": SAFE + GATE.format(when="{solved: coffre}"),
    "failed": SAFE + GATE.format(when="{failed: coffre}"),
    "visited": KEY + "\n" + GATE.format(when="{visited: cave}"),
    "score_at_least": "- {id: bonus, label: Bonus, once: true, effects: [{score: 3}]}\n"
    + GATE.format(when="{score_at_least: 3}"),
    "after_minutes": KEY + "\n" + GATE.format(when="{after_minutes: 5}"),
    "all": KEY + "\n" + SAFE + GATE.format(when="{all: [{has: cle}, {solved: coffre}]}"),
    "any": SAFE + GATE.format(when="{any: [{failed: coffre}, {flag: jamais}]}"),
    "not": KEY + "\n" + GATE.format(when="{not: {has: cle}}"),
}
TIMED = {"after_minutes": "timer: {limit_minutes: 10, timeout_ending: autre}\n"}


def test_every_registered_effect_and_condition_has_a_case() -> None:
    assert set(EFFECT_CASES) == set(EFFECT_TYPES)
    assert set(CONDITION_CASES) == set(CONDITION_TYPES)


def _verdicts(text: str, tmp_path: Path) -> None:
    path = tmp_path / "cas.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.ok and loaded.scenario is not None, [str(d) for d in loaded.diagnostics]
    for start in team_starts(loaded.scenario):
        rules: Rules = rules_for_start(loaded.scenario, start)
        expected = naive(rules)
        assert expected is not None
        found = Explorer(rules).explore()
        assert found.complete
        assert (found.endings(), bool(found.dead_ends())) == expected
        # the relaxed reachability (never a false alarm) reaches at least what play reaches
        assert relaxed(loaded.scenario, [start]).endings >= expected[0]


@pytest.mark.parametrize("tag", list(EFFECT_CASES))
def test_lint_agrees_with_exhaustive_play_on_each_effect(tag: str, tmp_path: Path) -> None:
    _verdicts(game(EFFECT_CASES[tag]), tmp_path)


@pytest.mark.parametrize("tag", list(CONDITION_CASES))
def test_lint_agrees_with_exhaustive_play_on_each_condition(tag: str, tmp_path: Path) -> None:
    _verdicts(game(CONDITION_CASES[tag], timer=TIMED.get(tag, "")), tmp_path)


ATTIC = "- {to: grenier, label: Grenier, requires_items: [cle]}"
ATTIC_SCENE = (
    "- id: grenier\n  title: Grenier\n  text: Un grenier.\n  hotspots:\n"
    "    - {id: lucarne, label: Lucarne, effects: [{end: sortie}]}\n"
)
#: Exits that need items (``requires_items``): the lint reads them as ``has:`` conditions.
EXIT_CASES = {
    "given": KEY,
    "taken": KEY + "\n- {id: jeter, label: Jeter, effects: [{take: cle}]}",
    "never": "- {id: radio, label: Radio, effects: [{say: Rien.}]}",
}


@pytest.mark.parametrize("case", list(EXIT_CASES))
def test_lint_agrees_with_exhaustive_play_on_exits_needing_items(case: str, tmp_path: Path) -> None:
    _verdicts(game(EXIT_CASES[case], exits=ATTIC, more=ATTIC_SCENE), tmp_path)
