"""W102 for a puzzle whose ``clue:`` names no place: its answer must be in some text players
read other than the puzzle's own prompt, and a match never joins two texts. These texts are
read once per scenario (it was once per such puzzle: quadratic in puzzles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.lint.checks import lint_file

SCENARIO = """\
format: 1
id: partout
title: "Réponse partout"
kind: escape
duration_minutes: 15
players: {min: 1, max: 4}
start: atelier
scenes:
  - id: atelier
    title: "L'atelier"
    text: "@SCENE@"
    hotspots:
      - id: affiche
        label: "L'affiche"
        text: "@AFFICHE@"
      - id: casier
        label: "Le casier"
        puzzle: cadenas
      - id: porte
        label: "La porte"
        puzzle: question
puzzles:
  - id: cadenas
    type: code
    title: "Le cadenas"
    prompt: "@ENONCE@"
    answer: "4821"
    hints: ["Cherchez bien.", "Quatre chiffres."]
    on_solve:
      - end: ouvert
  - id: question
    type: text
    title: "La porte"
    prompt: "@AUTRE@"
    answers: ["porte"]
    clue: {knowledge: true}
    hints: ["Regardez.", "Une porte."]
    points: 1
endings:
  - {id: ouvert, title: "Ouvert !", text: "Bravo."}
"""


@pytest.mark.parametrize(
    ("texts", "warned"),
    [
        ({"@ENONCE@": "Tapez 4821."}, True),  # only in its own prompt: players see it too late
        ({"@AFFICHE@": "Code : 4821."}, False),
        ({"@SCENE@": "Les chiffres 4, 8, 2 et 1 sont entourés."}, False),  # digits only
        ({"@AUTRE@": "Le code 4821 ouvre quoi ?"}, False),  # another puzzle's prompt
        ({"@SCENE@": "Vous voyez 48.", "@AFFICHE@": "21 ans d'âge."}, True),  # two texts
    ],
    ids=["own-prompt", "poster", "digits", "other-prompt", "split"],
)
def test_an_answer_anywhere_but_its_own_prompt(
    tmp_path: Path, texts: dict[str, str], warned: bool
) -> None:
    text = SCENARIO
    for mark, value in texts.items():
        text = text.replace(mark, value)
    for mark in ("@SCENE@", "@AFFICHE@", "@AUTRE@", "@ENONCE@"):
        text = text.replace(mark, "Rien ici.")
    path = tmp_path / "partout.yaml"
    path.write_text(text, encoding="utf-8")
    nowhere = [d for d in lint_file(path).diagnostics if d.code == "W102"]
    assert bool(nowhere) == warned, [d.format() for d in nowhere]
    if warned:
        assert "(4821) n'apparaît dans aucun texte du scénario" in nowhere[0].message
