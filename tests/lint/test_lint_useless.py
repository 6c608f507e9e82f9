"""W122: a puzzle whose solving changes nothing that matters is reported; one that gives points,
records a skill, gives a used item, sets a read flag or whose status is read is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.lint.checks import lint_file

SCENARIO = """\
format: 1
id: inutile
title: "Énigme inutile"
kind: escape
duration_minutes: 10
players: {min: 1, max: 4}
start: bureau
scenes:
  - id: bureau
    title: "Le bureau"
    text: "Un cadenas (code 1234) et une porte."
    hotspots:
      - id: cadenas
        label: "Le cadenas"
        puzzle: code
      - id: porte
        label: "La porte"
        WHEN
        effects:
          - end: sortie
items:
  - {id: cle, name: "Clé", description: "Une clé."}
puzzles:
  - id: code
    type: code
    title: "Le cadenas"
    prompt: "Tapez le code."
    answer: "1234"
    clue: {scene: bureau}
    hints: ["Regardez le texte.", "1 2 3 4."]
    EXTRA
    on_solve:
      - ON_SOLVE
endings:
  - {id: sortie, title: "Sortis !", text: "Bravo."}
"""


def _lint(tmp_path: Path, on_solve: str, extra: str = "", when: str = "") -> set[str]:
    text = SCENARIO.replace("ON_SOLVE", on_solve).replace("EXTRA", extra or "points: 0")
    text = text.replace("WHEN", when or "once: true")
    path = tmp_path / "inutile.yaml"
    path.write_text(text, encoding="utf-8")
    report = lint_file(path)
    assert not report.errors, [d.format() for d in report.diagnostics]
    return {d.code for d in report.diagnostics}


def test_a_puzzle_that_only_talks_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "inutile.yaml"
    assert "W122" in _lint(tmp_path, 'say: "Bravo, mais rien ne s\'ouvre."')
    found = [d for d in lint_file(path).diagnostics if d.code == "W122"]
    assert found[0].line == 24 and "« code » ne change rien" in found[0].message


def test_a_reward_item_nothing_uses_does_not_make_it_useful(tmp_path: Path) -> None:
    assert "W122" in _lint(tmp_path, "give: cle")


@pytest.mark.parametrize(
    ("on_solve", "extra", "when"),
    [
        ('say: "Bravo"', "points: 10", ""),
        ('say: "Bravo"', "skills: [{skill: rigueur, when: solved}]", ""),
        ('say: "Bravo"', "", "when: {solved: code}"),
        ("give: cle", "", "needs_item: cle"),
        ("set: ouvert", "", "when: {flag: ouvert}"),
        ("end: sortie", "", ""),
    ],
)
def test_a_puzzle_that_matters_is_not_reported(
    tmp_path: Path, on_solve: str, extra: str, when: str
) -> None:
    assert "W122" not in _lint(tmp_path, on_solve, extra, when)
