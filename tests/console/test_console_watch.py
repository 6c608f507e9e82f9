"""``declic play --watch``: a valid edit reloads the scenario and keeps the position, an
invalid one shows the check diagnostics on screen (no crash), fixing it resumes the game."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pygame

from engine.core import events as ev
from engine.core.apply import apply
from engine.core.rules import Rules
from engine.load.check import load_scenario
from engine.player.driver import Driver
from engine.player.watch import moved_to_start, open_watched
from engine.walkthrough import load_walkthrough

DEMO = Path(__file__).resolve().parents[2] / "scenarios" / "demo-escape"


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_console_watch_reloads_and_shows_errors(tmp_path: Path, save_shot: Any) -> None:
    import dataclasses

    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder)
    path = folder / "demo-escape.yaml"
    watch = open_watched(path, headless=True)
    app = watch.app
    try:
        walkthrough = load_walkthrough(folder / "demo-escape.walkthrough.yaml")
        driver = Driver(app, "mouse")
        driver.play(dataclasses.replace(walkthrough, steps=walkthrough.steps[:5]))
        scene = app.team().scene
        solved = app.team().solved
        assert scene == "cuisine" and solved
        assert watch.poll(force=True) is False  # nothing changed yet

        original = path.read_text(encoding="utf-8")
        old_text = app.rules.scenes[scene].text
        _write(path, original.replace(old_text[:30], "Texte tout neuf ! " + old_text[:30], 1))
        assert watch.poll(force=True) is True
        driver.frames(1)
        assert app.team().scene == scene  # position kept
        assert app.team().solved == solved  # progress kept (events replayed)
        assert app.rules.scenes[scene].text.startswith("Texte tout neuf !")
        assert "Texte tout neuf !" in app.main_text()

        _write(path, original.replace("start:", "start: [", 1))
        assert watch.poll(force=True) is False
        assert watch.errors and watch.errors[0].line > 0
        driver.frames(2)  # drawing the panel does not crash
        save_shot(app.screenshot, tmp_path, "console-watch-error")
        before = len(app.log)
        widget = app.find(f"player:{driver.result.ids['p1']}")
        pos = app.painter.to_window(widget.centre)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        driver.frames(1)
        assert len(app.log) == before  # the game under the panel takes no input

        _write(path, original)
        assert watch.poll(force=True) is True
        assert watch.errors == []
        assert app.team().scene == scene
        driver.frames(1)
        assert app.ui.screen == "play"
    finally:
        app.close()


def test_console_watch_sends_a_team_back_to_start_when_its_scene_is_gone() -> None:
    loaded = load_scenario(DEMO / "demo-escape.yaml")
    assert loaded.scenario is not None
    rules = Rules(loaded.scenario)
    state = rules.new_game()
    state = apply(
        state,
        ev.PlayerJoined(
            t=0,
            player="p1",
            team="equipe",
            pseudonym="Lina",
            colour="#e69f00",
            avatar="cercle",
            team_name="L'équipe",
        ),
    )
    state = apply(state, ev.Moved(t=1, team="equipe", scene="disparue", first_visit=True))
    moved = moved_to_start(state, rules)
    assert moved.teams["equipe"].scene == loaded.scenario.start
