"""``clue: {document: …}`` on a calculation: the loader checks the document exists, has a text
and writes every given's number (E026, E014 with « vouliez-vous dire »); the lint proves the
team has seen it before the puzzle can open (W124, with a path to replay)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.format.documents import numbers_in, shows
from engine.lint.checks import lint_file
from engine.load.check import load_scenario

#: The recipe card is an item the fridge gives; the cooker opens the puzzle.
SCENARIO = """\
format: 1
id: recette
title: "La recette pour douze"
kind: escape
duration_minutes: 10
players: {min: 1, max: 4}
start: cuisine
scenes:
  - id: cuisine
    title: "La cuisine"
    text: "Ce midi, il y a 12 clients."
    hotspots:
      - id: frigo
        label: "Le frigo"
        effects:
          - give: fiche_recette
      - id: tableau
        label: "Le tableau du jour"
        text: "Clients ce midi : 12. Farine pour 4 personnes : 250 g."
      - id: four
        label: "Le four"
        COOKER
        puzzle: farine
items:
  - id: fiche_recette
    name: "La fiche recette"
    description: "Gâteau pour 4 personnes : 250 g de farine, 62,5 g de beurre. Clients : 12."
puzzles:
  - id: farine
    type: calculation
    title: "La farine pour douze"
    prompt: "Combien de farine faut-il pour les 12 clients ?"
    clue: {document: DOCUMENT}
    givens:
      - {id: farine_4, label: "Farine pour 4 personnes", value: 250, unit: g}
      - {id: clients, label: "Clients ce midi", value: 12}
    formula: "farine_4 / 4 × clients"
    answer: 750
    unit: g
    hints: ["Pour 12, c'est 3 fois plus que pour 4.", "250 g × 3."]
    on_solve:
      - end: servi
endings:
  - {id: servi, title: "Servi !", text: "Bravo."}
"""


def write(tmp_path: Path, document: str = "fiche_recette", cooker: str = "") -> Path:
    path = tmp_path / "recette.yaml"
    text = SCENARIO.replace("DOCUMENT", document).replace("COOKER", cooker or "once: false")
    path.write_text(text, encoding="utf-8")
    return path


def codes(tmp_path: Path, code: str, **changes: str) -> list[str]:
    report = lint_file(write(tmp_path, **changes))
    return [d.format() for d in report.diagnostics if d.code == code]


def test_numbers_are_read_as_the_french_write_them() -> None:
    assert numbers_in("1 500 g, 62,5 cl et 2.5 L pour 4") == {1500.0, 62.5, 2.5, 4.0}
    assert shows("Farine : 1\u202f500 g", 1500) and not shows("Farine : 150 g", 1500)


def test_a_document_held_before_the_puzzle_passes(tmp_path: Path) -> None:
    report = lint_file(write(tmp_path, cooker="needs_item: fiche_recette"))
    assert not report.errors, [d.format() for d in report.diagnostics]
    assert [d.code for d in report.diagnostics if d.code in {"W124", "W121", "E026"}] == []


def test_a_puzzle_that_opens_before_its_document_is_reported_with_a_path(
    tmp_path: Path,
) -> None:
    (found,) = codes(tmp_path, "W124")
    assert "recette.yaml:33:22: warning[W124]:" in found
    assert "« farine » peut s'ouvrir avant que le document « fiche_recette » soit obtenu" in found
    # the shortest game that does it: straight to the cooker, the fridge never opened
    assert "Chemin à rejouer :\n      - {player: p1, use: four}" in found
    assert "frigo" not in found.split("aide :")[0]


def test_a_hotspot_document_in_sight_of_the_puzzle_passes(tmp_path: Path) -> None:
    assert codes(tmp_path, "W124", document="tableau") == []


def test_a_hotspot_document_shown_only_later_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, document="tableau")
    text = path.read_text(encoding="utf-8").replace(
        'label: "Le tableau du jour"\n',
        'label: "Le tableau du jour"\n        when: {has: fiche_recette}\n',
    )
    path.write_text(text, encoding="utf-8")
    (found,) = [d.format() for d in lint_file(path).diagnostics if d.code == "W124"]
    assert "le document « tableau » soit lu" in found


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            "fiche_recete",
            "document « fiche_recete » inconnu — vouliez-vous dire « fiche_recette » ?",
        ),
        ("four", "le point d'intérêt « four » n'a pas de texte : ce n'est pas un document"),
    ],
)
def test_an_unknown_document_or_one_without_text_is_an_error(
    tmp_path: Path, document: str, message: str
) -> None:
    loaded = load_scenario(write(tmp_path, document=document))
    (found,) = [d.format() for d in loaded.diagnostics]
    assert "recette.yaml:33:22: error[" in found
    assert message in found


def test_a_given_the_document_does_not_write_is_an_error_at_the_given(tmp_path: Path) -> None:
    path = write(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace("250 g de farine", "300 g de farine"),
        encoding="utf-8",
    )
    (found,) = [d.format() for d in load_scenario(path).diagnostics]
    assert "recette.yaml:35:65: error[E026]: le nombre 250 (« Farine pour 4 personnes »)" in found
    assert "n'est pas écrit dans le document « fiche_recette »" in found


def test_only_a_calculation_names_a_document(tmp_path: Path) -> None:
    path = write(tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "  - id: farine\n",
        '  - id: code\n    type: code\n    title: "Le cadenas"\n    prompt: "Le code ?"\n'
        "    answer: '12'\n    clue: {document: fiche_recette}\n"
        '    hints: ["Les clients.", "12."]\n    on_solve: [{say: "Ouvert."}]\n  - id: farine\n',
    )
    path.write_text(text, encoding="utf-8")
    found = [d.format() for d in load_scenario(path).diagnostics]
    assert any(
        "« document: » ne sert qu'aux énigmes « calculation », pas à « code »" in f for f in found
    )
