"""« Les mots difficiles »: a scenario's glossary in the game. Its words are underlined where
they appear, the top bar opens their definitions (those on screen first), F1 reads them and
Échap closes. The matching itself is pure and tested without a window."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pygame
import pytest

from engine.format.glossary import GlossaryEntry
from engine.player.driver import Driver
from engine.player.glossary import PAGE_HEIGHT, Glossary, entry_height, paginate
from engine.shipped import scenarios_dir
from engine.walkthrough import default_walkthrough, load_walkthrough


def entry(word: str, definition: str = "Une définition courte.") -> GlossaryEntry:
    return GlossaryEntry(word=word, definition=definition)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Les Chaudronnières soudent.", ["Chaudronnières"]),
        ("Un chaudronnier et une apprentie.", ["chaudronnier", "apprentie"]),
        ("En salles blanches, pas en salle.", ["salles blanches"]),
        ("L'EPR de Flamanville.", ["EPR"]),
        ("Une épreuve, un apprentissage.", []),  # never inside a longer word
    ],
)
def test_glossary_words_are_found_whole_with_their_plural(text: str, found: list[str]) -> None:
    words = Glossary.of(
        [
            entry("chaudronnier, chaudronnière"),
            entry("salle blanche"),
            entry("EPR"),
            entry("apprenti, apprentie"),
        ]
    )
    assert [text[a:b] for a, b in words.spans(text)] == found


def test_the_words_on_screen_come_first_and_pages_never_overflow() -> None:
    long = "Une définition longue. " * 12
    entries = [entry(f"mot{k}", long if k % 2 else "Court.") for k in range(9)]
    words = Glossary.of(entries)
    first, _pages = words.page(["On parle de mot7 et de mot3."], 0)
    assert [e.word for e in first[:2]] == ["mot7", "mot3"]
    pages = paginate(words.ordered_for([]))
    assert [e for page in pages for e in page] == entries
    assert all(sum(entry_height(e) for e in page) <= PAGE_HEIGHT for page in pages)
    assert len(pages) > 1


def test_the_hard_words_of_the_kitchen_from_the_top_bar(
    make_app, tmp_path: Path, save_shot
) -> None:
    path = scenarios_dir() / "cuisine" / "cuisine.yaml"
    app = make_app(path, (1920, 1080))
    walkthrough = load_walkthrough(default_walkthrough(path))
    Driver(app, "mouse").play(dataclasses.replace(walkthrough, steps=[]))
    assert app.ui.screen == "play" and "brigade" in app.screen_texts()[-1].casefold()
    app.frame()
    save_shot(app.screenshot, tmp_path, "words-underlined")

    driver = Driver(app, "mouse")
    driver.press("bar:words", None)
    shown = app.find("words")
    assert shown is not None
    brigade = next(e for e in app.scenario.glossary if e.word == "brigade")
    assert shown.label.startswith(f"brigade : {brigade.definition}")  # on screen: first
    app.frame()
    save_shot(app.screenshot, tmp_path, "words-open")

    said: list[str] = []
    app.voice.say = lambda text: said.append(text) or True  # type: ignore[method-assign]
    driver.key(pygame.K_F1)
    assert said and brigade.definition in said[-1]

    driver.key(pygame.K_ESCAPE)
    assert app.ui.words is None and app.find("words") is None
    assert app.state.phase == "playing"
