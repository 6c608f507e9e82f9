"""Narration is a pure function from a step's events to bubbles and sounds: tested here with
plain events and the real shipped scenario, without pygame (this module never imports it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from engine.core import events as ev
from engine.format.scenario import Scenario
from engine.load.check import load_scenario
from engine.player.locale import Texts
from engine.player.narration import KEPT, Told, main_text, narrate
from engine.player.ui import Narration

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def escape() -> Scenario:
    loaded = load_scenario(ROOT / "scenarios" / "demo-escape" / "demo-escape.yaml")
    assert loaded.scenario is not None
    return loaded.scenario


def test_narration_does_not_need_pygame() -> None:
    """Importing it (and what it imports) leaves pygame out: it runs where pygame cannot."""
    code = (
        "import sys, engine.player.narration, engine.player.intents, engine.player.ui; "
        "print('pygame' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


def test_what_is_said_becomes_bubbles_with_icons_and_sounds(escape: Scenario) -> None:
    t = Texts("fr")
    told = narrate(
        [
            ev.Said(t=1, text="La porte grince."),
            ev.ItemGained(t=1, item="badge"),
            ev.Blocked(t=1, text="C'est fermé.", target="porte"),
            ev.HintShown(t=1, puzzle="p", level=2, text="Regardez l'affiche."),
        ],
        escape,
        t,
    )
    badge = next(i for i in escape.items if i.id == "badge")
    assert told.lines == (
        Narration("say", "La porte grince."),
        Narration("gain", "Nouvel objet : Badge", badge.icon),
        Narration("blocked", "C'est fermé.", "cadenas"),
        Narration("hint", "Indice 2 : Regardez l'affiche.", "indice"),
    )
    assert told.sounds == ("failure",)


def test_only_the_newest_bubbles_are_kept() -> None:
    said = [ev.Said(t=0, text=f"ligne {i}") for i in range(KEPT + 3)]
    told = narrate(said, Scenario.model_construct(items=[]), Texts("fr"))
    assert told.lines is not None
    assert [n.text for n in told.lines] == [f"ligne {i}" for i in range(3, KEPT + 3)]


def test_a_new_place_or_puzzle_clears_bubbles_and_silence_keeps_them(escape: Scenario) -> None:
    t = Texts("fr")
    assert narrate([ev.Moved(t=2, scene="cuisine", first_visit=True)], escape, t) == Told((), ())
    assert narrate([ev.PuzzleOpened(t=2, puzzle="cadenas")], escape, t) == Told((), ())
    assert narrate([ev.GameEnded(t=9)], escape, t) == Told(None, ("ending",))


def test_answers_sound_right_or_wrong_in_order(escape: Scenario) -> None:
    checks = [
        ev.AnswerChecked(t=3, puzzle="p", answer="1", correct=False),
        ev.AnswerChecked(t=4, puzzle="p", answer="2", correct=True),
    ]
    assert narrate(checks, escape, Texts("fr")).sounds == ("failure", "success")


def test_english_texts_and_unknown_items(escape: Scenario) -> None:
    told = narrate(
        [ev.ItemGained(t=1, item="badge"), ev.ItemGained(t=1, item="nowhere")],
        escape,
        Texts("en"),
    )
    assert told.lines is not None and len(told.lines) == 1  # an unknown item says nothing
    assert told.lines[0].text != "Nouvel objet : Badge"
    assert "Badge" in told.lines[0].text


def test_refusals_are_said_in_the_players_language(escape: Scenario) -> None:
    refused = ev.Rejected(t=1, action="end", code="game_over")
    assert narrate([refused], escape, Texts("fr")).lines == (
        Narration("rejected", "La partie est terminée."),
    )
    english = narrate([refused], escape, Texts("en")).lines
    assert english is not None and english[0].text != "La partie est terminée."
    old_log = ev.Rejected(t=1, action="use", reason="Votre équipe n'a pas cet objet.", code="x")
    assert narrate([old_log], escape, Texts("fr")).lines == (
        Narration("rejected", "Votre équipe n'a pas cet objet."),
    )


def test_read_aloud_text_without_a_focus() -> None:
    lines = [Narration("say", "Bonjour."), Narration("gain", "Nouvel objet : Badge")]
    assert main_text(lines, ("Cuisine", "Ça sent bon."), "Jeu.") == "Bonjour. Nouvel objet : Badge"
    assert main_text([], ("Cuisine", "Ça sent bon."), "Jeu.") == "Cuisine. Ça sent bon."
    assert main_text([], None, "Jeu. Résumé") == "Jeu. Résumé"
