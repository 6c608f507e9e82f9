"""The number keypad: typing rules, the display with its unit, and the Driver answering
decimals and negative numbers with every device (the kitchen's scales, an integer, is played
by test_player_devices.py)."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from engine.core import actions as ac
from engine.core import events as ev
from engine.core.rules import Rules
from engine.player.driver import DEVICES, Driver, post
from engine.player.puzzle_views.number import NUMBER_DIGITS, number_typed
from engine.walkthrough import load_walkthrough, run

SCENARIO = """format: 1
id: chiffres
title: "Les chiffres de la cuisine"
kind: escape
duration_minutes: 10
players: {min: 1, max: 4}
start: cuisine
scenes:
  - id: cuisine
    title: "La cuisine"
    text: "La recette dit : 2,5 L de crème. Le congélateur doit être à -18 °C."
    hotspots:
      - {id: casserole, label: "La casserole", puzzle: creme}
      - {id: congelateur, label: "Le congélateur", puzzle: froid}
puzzles:
  - id: creme
    type: number
    title: "La crème"
    prompt: "Combien de litres de crème faut-il ?"
    answer: 2.5
    unit: "L"
    hints: ["Lisez la recette.", "Deux litres et demi."]
  - id: froid
    type: number
    title: "Le congélateur"
    prompt: "À quelle température faut-il régler le congélateur ?"
    answer: -18
    tolerance: 0.5
    unit: "°C"
    hints: ["Lisez la recette.", "Moins dix-huit."]
    on_solve:
      - end: servi
endings:
  - {id: servi, title: "Servi !", text: "Bravo."}
"""

WALKTHROUGH = """scenario: chiffres
players:
  - {id: p1, pseudonym: Lina}
  - {id: p2, pseudonym: Sam}
steps:
  - {player: p1, use: casserole}
  - {player: p1, answer: {puzzle: creme, value: 2.4}}
  - {player: p2, answer: {puzzle: creme, value: 2.5}}
  - {player: p2, use: congelateur}
  - {player: p1, answer: {puzzle: froid, value: -17.5}}
expect:
  ending: servi
"""


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "chiffres.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    (tmp_path / "chiffres.walkthrough.yaml").write_text(WALKTHROUGH, encoding="utf-8")
    return path


def typed(chars: str, entry: str = "") -> str:
    for char in chars:
        entry = number_typed(entry, char)
    return entry


@pytest.mark.parametrize(
    ("keys", "entry"),
    [
        ("600", "600"),
        ("12,5", "12,5"),
        ("12.5", "12,5"),  # a dot on a keyboard is the comma
        ("1,2,5", "1,25"),  # one comma only
        (",5", "0,5"),
        ("-18", "-18"),
        ("18-", "-18"),  # the minus goes in front whenever it is pressed
        ("-18-", "18"),  # pressed again, it goes away
        ("-,5", "-0,5"),
        ("007", "7"),
        ("0,07", "0,07"),
        ("6 0g0", "600"),  # anything else is ignored: the unit is shown, not typed
        ("1" * 20, "1" * NUMBER_DIGITS),
    ],
)
def test_typing_a_number(keys: str, entry: str) -> None:
    assert typed(keys) == entry


def test_the_sign_still_toggles_on_a_full_number() -> None:
    full = typed("9" * NUMBER_DIGITS)
    assert typed("-", full) == "-" + full
    assert typed("-9", full) == "-" + full


def test_keypad_display_and_keyboard(make_app, scenario: Path) -> None:
    """The keys type, "effacer" erases, the display reads the number with its unit, and a
    keyboard types digits, a dot as the comma and a minus, but no letters."""
    app = make_app(scenario)
    driver = Driver(app, "mouse")
    walkthrough = load_walkthrough(scenario.with_name("chiffres.walkthrough.yaml"))
    walkthrough.steps = walkthrough.steps[:1]  # open the cream's puzzle only
    driver.play(walkthrough)
    assert app.ui.work.puzzle == "creme"
    for key in ("1", "2", "comma", "5", "minus"):
        driver.press(f"key:{key}", "p1")
    display = app.find("number:display")
    assert (app.ui.work.entry, display.label) == ("-12,5", "−12,5 L")
    assert app.find("key:minus").label == "moins" and app.find("key:comma").label == "virgule"
    driver.press("key:back", "p1")
    assert app.ui.work.entry == "-12,"
    for char in "a.7":
        post(pygame.TEXTINPUT, text=char)
    driver.frames(1)
    assert app.find("number:display").label == "−12,7 L"
    for _ in range(6):
        driver.press("key:back", "p1")
    assert app.find("number:display").label == "Nombre vide"


@pytest.mark.parametrize("device", DEVICES)
def test_the_driver_types_decimals_and_negatives_with_each_device(
    make_app, scenario: Path, device: str
) -> None:
    """Walkthrough numbers (2.4, 2.5, -17.5) are typed as a player would, with a French
    comma; a wrong one clears the display; the game ends as the pure replay does."""
    app = make_app(scenario, (1280, 720))
    walkthrough = load_walkthrough(scenario.with_name("chiffres.walkthrough.yaml"))
    Driver(app, device).play(walkthrough)
    checked = [(e.answer, e.correct) for e in app.log if isinstance(e, ev.AnswerChecked)]
    assert checked == [("2,4", False), ("2,5", True), ("-17,5", True)]
    assert {t.ending for t in app.state.teams.values()} == {"servi"}
    replay = run(Rules(app.scenario), walkthrough)
    assert [e.kind for e in app.log] == [e.kind for e in replay.events]
    assert isinstance(walkthrough.steps[1].action, ac.Answer)
    assert walkthrough.steps[1].action.value == 2.4  # the walkthrough gives numbers
