"""Pictures on pair and order cards: an icon name (Déclic's or OpenMoji's) or an image file
beside the scenario, drawn square at the card's left; the Driver still answers with every
device; the loader warns of an unknown icon (W120) and a missing file (E017) on a card."""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest

from engine.core import events as ev
from engine.load.check import load_scenario
from engine.player.driver import DEVICES, Driver
from engine.walkthrough import load_walkthrough

SCENARIO = """format: 1
id: tri
title: "Le tri des déchets"
kind: escape
duration_minutes: 10
players: {min: 1, max: 4}
start: atelier
scenes:
  - id: atelier
    title: "L'atelier"
    text: "Des déchets à trier, puis les gestes d'une journée."
    hotspots:
      - {id: bacs, label: "Les bacs de tri", puzzle: tri}
      - {id: planning, label: "Le planning", puzzle: journee}
puzzles:
  - id: tri
    type: pairs
    title: "Le tri"
    prompt: "Reliez chaque déchet à son bac."
    clue: {knowledge: true}
    pairs:
      - {id: verre, left: "Une bouteille en verre", right: "Le bac à verre", left_picture: glass-bottle, right_picture: RIGHT_FILE}
      - {id: papier, left: "Un carton", right: "Le bac jaune", left_picture: package}
      - {id: pile, left: "Une pile usagée", right: "La borne à piles", left_picture: LEFT_ICON}
    hints: ["Le verre va au verre.", "Les piles ne vont jamais à la poubelle."]
    on_solve: [{set: trie}]
  - id: journee
    type: order
    title: "La journée du cariste"
    prompt: "Remettez les gestes dans l'ordre."
    clue: {knowledge: true}
    items:
      - {id: gilet, text: "Mettre son gilet", picture: safety-vest}
      - {id: verifier, text: "Vérifier le chariot", picture: chariot}
      - {id: charger, text: "Charger la palette", picture: CARD_FILE}
      - {id: ranger, text: "Ranger le chariot"}
    hints: ["La sécurité d'abord.", "On vérifie avant de conduire."]
    on_solve: [{end: fini}]
endings:
  - {id: fini, title: "Fini !", text: "Bravo."}
"""

WALKTHROUGH = """scenario: tri
players:
  - {id: p1, pseudonym: Lina}
steps:
  - {player: p1, use: bacs}
  - {player: p1, answer: {puzzle: tri, value: {verre: verre, papier: papier, pile: pile}}}
  - {player: p1, use: planning}
  - {player: p1, answer: {puzzle: journee, value: [gilet, verifier, charger, ranger]}}
expect:
  ending: fini
"""


def write(folder: Path, **names: str) -> Path:
    text = SCENARIO
    for key, value in {
        "RIGHT_FILE": "bac.png",
        "LEFT_ICON": "battery",
        "CARD_FILE": "palette.png",
        **names,
    }.items():
        text = text.replace(key, value)
    path = folder / "tri.yaml"
    path.write_text(text, encoding="utf-8")
    (folder / "tri.walkthrough.yaml").write_text(WALKTHROUGH, encoding="utf-8")
    return path


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    pygame.init()
    for name, colour in (("bac.png", (0, 140, 70)), ("palette.png", (170, 110, 40))):
        picture = pygame.Surface((120, 60))  # wide: fitted whole on a white square
        picture.fill(colour)
        pygame.draw.circle(picture, (255, 255, 255), (60, 30), 20)
        pygame.image.save(picture, str(tmp_path / name))
    return write(tmp_path)


def _shots(default: Path) -> Path:
    return Path(os.environ.get("DECLIC_SCREENSHOTS", default))


def test_cards_show_their_pictures(make_app, scenario: Path) -> None:
    """Each card's signature carries its picture (repainted when it changes); both puzzles
    are saved as screenshots (looked at: pictures at the left, text after them)."""
    app = make_app(scenario, (1920, 1080))
    driver = Driver(app, "mouse")
    walkthrough = load_walkthrough(scenario.with_name("tri.walkthrough.yaml"))
    steps = walkthrough.steps
    walkthrough.steps = steps[:1]
    driver.play(walkthrough)
    driver.press("left:verre", "p1")
    driver.press("right:verre", "p1")
    assert "glass-bottle" in app.find("left:verre").sig
    assert "bac.png" in app.find("right:verre").sig
    assert None in app.find("right:pile").sig  # no picture: the text alone
    app.screenshot(_shots(scenario.parent) / "puzzle-pairs-pictures.png")
    walkthrough.steps = steps[1:3]
    driver.play(walkthrough)
    assert app.ui.work.puzzle == "journee"
    assert "palette.png" in app.find("order:charger").sig
    app.screenshot(_shots(scenario.parent) / "puzzle-order-pictures.png")


@pytest.mark.parametrize("device", DEVICES)
def test_the_driver_answers_cards_with_pictures_with_each_device(
    make_app, scenario: Path, device: str
) -> None:
    app = make_app(scenario)
    Driver(app, device).play(load_walkthrough(scenario.with_name("tri.walkthrough.yaml")))
    solved = [e.puzzle for e in app.log if isinstance(e, ev.PuzzleSolved)]
    assert solved == ["tri", "journee"]


def test_the_loader_checks_card_pictures(tmp_path: Path) -> None:
    path = write(tmp_path, LEFT_ICON="batterie-inconnue", CARD_FILE="absente.png")
    found = {d.code: d for d in load_scenario(path).diagnostics}
    assert "« batterie-inconnue » inconnue" in found["W120"].message
    assert (found["W120"].line, found["W120"].col) == (24, 86)
    assert "« absente.png » introuvable" in found["E017"].message
    assert (found["E017"].line, found["E017"].col) == (35, 60)
