"""``type: calculation``: the data card beside the keypad (read aloud as a whole), and the
Driver answering it with every device as the pure replay does."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core import events as ev
from engine.core.rules import Rules
from engine.player.driver import DEVICES, Driver
from engine.walkthrough import load_walkthrough, run

SCENARIO = """format: 1
id: recette
title: "La recette pour douze"
kind: escape
duration_minutes: 10
players: {min: 1, max: 4}
start: cuisine
scenes:
  - id: cuisine
    title: "La cuisine"
    text: "La fiche recette est pour 4 personnes. Ce midi, il y a 12 clients."
    hotspots:
      - {id: fiche, label: "La fiche recette", puzzle: farine}
puzzles:
  - id: farine
    type: calculation
    title: "La farine pour douze"
    prompt: "Combien de farine faut-il pour les 12 clients ?"
    givens:
      - {id: farine_4, label: "Farine pour 4 personnes", value: 250, unit: g}
      - {id: clients, label: "Clients ce midi", value: 12}
      - {id: beurre_4, label: "Beurre pour 4 personnes", value: 62.5, unit: g}
    formula: "farine_4 / 4 × clients"
    answer: 750
    unit: g
    hints: ["Pour 12, c'est 3 fois plus que pour 4.", "250 g × 3."]
    on_solve:
      - end: servi
endings:
  - {id: servi, title: "Servi !", text: "Bravo."}
"""

WALKTHROUGH = """scenario: recette
players:
  - {id: p1, pseudonym: Lina}
  - {id: p2, pseudonym: Sam}
steps:
  - {player: p1, use: fiche}
  - {player: p1, answer: {puzzle: farine, value: 250}}
  - {player: p2, answer: {puzzle: farine, value: 750}}
expect:
  ending: servi
"""


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "recette.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    (tmp_path / "recette.walkthrough.yaml").write_text(WALKTHROUGH, encoding="utf-8")
    return path


def test_the_card_shows_every_given_with_its_unit(make_app, scenario: Path) -> None:
    app = make_app(scenario, (1920, 1080))
    walkthrough = load_walkthrough(scenario.with_name("recette.walkthrough.yaml"))
    walkthrough.steps = walkthrough.steps[:1]  # open the puzzle only
    Driver(app, "mouse").play(walkthrough)
    card = app.find("calculation:givens")
    assert card.label == (
        "Les données : Farine pour 4 personnes : 250 g ; Clients ce midi : 12 ; "
        "Beurre pour 4 personnes : 62,5 g"
    )
    assert app.find("number:display").label == "Nombre vide"
    shots = Path(__import__("os").environ.get("DECLIC_SCREENSHOTS", scenario.parent))
    app.screenshot(shots / "puzzle-calculation.png")


@pytest.mark.parametrize("device", DEVICES)
def test_the_driver_answers_a_calculation_with_each_device(
    make_app, scenario: Path, device: str
) -> None:
    app = make_app(scenario)
    walkthrough = load_walkthrough(scenario.with_name("recette.walkthrough.yaml"))
    Driver(app, device).play(walkthrough)
    checked = [(e.answer, e.correct) for e in app.log if isinstance(e, ev.AnswerChecked)]
    assert checked == [("250", False), ("750", True)]
    assert {t.ending for t in app.state.teams.values()} == {"servi"}
    replay = run(Rules(app.scenario), walkthrough)
    assert [e.kind for e in app.log] == [e.kind for e in replay.events]


DOCUMENT_SCENARIO = (
    SCENARIO.replace(
        '      - {id: fiche, label: "La fiche recette", puzzle: farine}\n',
        '      - {id: tiroir, label: "Le tiroir", effects: [{give: fiche_recette}]}\n'
        '      - {id: fiche, label: "Le plan de travail", puzzle: farine, '
        "needs_item: fiche_recette, once: false}\n",
    )
    .replace(
        "puzzles:\n",
        'items:\n  - id: fiche_recette\n    name: "La fiche recette"\n'
        '    description: "Gâteau pour 4 personnes : 250 g de farine, 62,5 g de beurre. '
        'Ce midi : 12 clients."\n    icon: loupe\npuzzles:\n',
    )
    .replace("    givens:\n", "    clue: {document: fiche_recette}\n    givens:\n")
)


def test_the_puzzle_opens_its_document_and_closing_it_keeps_the_puzzle(
    make_app, tmp_path: Path, save_shot
) -> None:
    path = tmp_path / "recette.yaml"
    path.write_text(DOCUMENT_SCENARIO, encoding="utf-8")
    (tmp_path / "recette.walkthrough.yaml").write_text(
        WALKTHROUGH.replace(
            "  - {player: p1, use: fiche}\n",
            "  - {player: p1, use: tiroir}\n"
            "  - {player: p1, use: {hotspot: fiche, item: fiche_recette}}\n",
        ),
        encoding="utf-8",
    )
    app = make_app(path, (1920, 1080))
    walkthrough = load_walkthrough(tmp_path / "recette.walkthrough.yaml")
    walkthrough.steps = walkthrough.steps[:2]  # the card taken, the puzzle opened
    drive = Driver(app, "mouse")
    drive.play(walkthrough)
    assert app.ui.work.puzzle == "farine"
    button = app.find("calculation:document")
    assert button.label == "Voir : La fiche recette"
    save_shot(app.screenshot, tmp_path, "puzzle-calculation-document")
    drive.press("calculation:document", "p1")
    shown = app.ui.document
    assert shown is not None and shown.title == "La fiche recette"
    assert "250 g de farine" in shown.text
    save_shot(app.screenshot, tmp_path, "puzzle-calculation-document-open")
    drive.press("document:close", "p1")
    assert app.ui.document is None and app.ui.work.puzzle == "farine"


def test_no_document_button_before_the_team_has_the_document(make_app, tmp_path: Path) -> None:
    path = tmp_path / "recette.yaml"
    path.write_text(DOCUMENT_SCENARIO.replace(" needs_item: fiche_recette,", ""), encoding="utf-8")
    (tmp_path / "recette.walkthrough.yaml").write_text(WALKTHROUGH, encoding="utf-8")
    app = make_app(path, (1920, 1080))
    walkthrough = load_walkthrough(tmp_path / "recette.walkthrough.yaml")
    walkthrough.steps = walkthrough.steps[:1]
    Driver(app, "mouse").play(walkthrough)
    assert app.ui.work.puzzle == "farine"
    assert app.find("calculation:givens") is not None
    assert app.find("calculation:document") is None


def test_a_hotspot_document_in_sight_opens_with_its_label_and_text(
    make_app, tmp_path: Path
) -> None:
    path = tmp_path / "recette.yaml"
    path.write_text(
        SCENARIO.replace(
            '      - {id: fiche, label: "La fiche recette", puzzle: farine}\n',
            '      - {id: fiche, label: "Le plan de travail", puzzle: farine}\n'
            '      - {id: tableau, label: "Le tableau du chef", text: "Pour 4 : 250 g de '
            'farine, 62,5 g de beurre. Ce midi : 12 clients."}\n',
        ).replace("    givens:\n", "    clue: {document: tableau}\n    givens:\n"),
        encoding="utf-8",
    )
    (tmp_path / "recette.walkthrough.yaml").write_text(WALKTHROUGH, encoding="utf-8")
    app = make_app(path, (1920, 1080))
    walkthrough = load_walkthrough(tmp_path / "recette.walkthrough.yaml")
    walkthrough.steps = walkthrough.steps[:1]
    drive = Driver(app, "keyboard")
    drive.play(walkthrough)
    assert app.find("calculation:document").label == "Voir : Le tableau du chef"
    drive.press("calculation:document", "p1")
    assert app.ui.document is not None
    assert app.ui.document.text.startswith("Pour 4 : 250 g de farine")
