"""F2 (text size) and F3 (contrast) work on every screen (issue 20, point 3): the home's
pages, the start, the lobby, a scene, a puzzle, the pause, the hand-over and the ending.
Each key changes the option and the window shows it at once; pressing on brings the room's
choice back."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pygame

from declic.commands.session import write_cards
from engine.load.check import load_scenario
from engine.player.app import App
from engine.player.driver import Driver
from engine.player.gallery import screen_name
from engine.player.home import Home
from engine.player.theme import TEXT_STEPS
from engine.shipped import scenarios_dir, shipped_scenarios
from engine.walkthrough import default_walkthrough, load_walkthrough
from facilitator.sessions.home import WorkshopHome
from facilitator.storage.db import open_database


def picture(window: Any) -> bytes:
    return bytes(pygame.image.tobytes(window.display, "RGB"))


def keys_change_the_screen(window: Any, drive: Driver, where: str) -> None:
    """F2 through every text size and F3 twice, each changing what the window shows."""
    options = window.ui.options
    step, contrast = options.text_step, options.contrast
    seen = picture(window)
    for n in range(1, len(TEXT_STEPS) + 1):
        drive.key(pygame.K_F2)
        assert options.text_step == (step + n) % len(TEXT_STEPS), where
        now = picture(window)
        assert now != seen, f"F2 changed nothing on {where}"
        seen = now
    for n in (1, 2):
        drive.key(pygame.K_F3)
        assert options.contrast == (contrast if n == 2 else not contrast), where
        now = picture(window)
        assert now != seen, f"F3 changed nothing on {where}"
        seen = now


def play_pressing_keys(name: str) -> set[str]:
    path = scenarios_dir() / name / f"{name}.yaml"
    loaded = load_scenario(path)
    assert loaded.scenario is not None
    app = App(loaded.scenario, path.parent, size=(960, 540), headless=True)
    drive = Driver(app, "mouse")
    done: set[str] = set()

    def observe(label: str, app: App) -> None:
        screen = screen_name(app, label)
        if screen is None or screen in done:
            return
        done.add(screen)
        keys_change_the_screen(app, drive, f"{name} {screen}")
        if screen.endswith("-scene") and app.find("bar:pause") is not None:
            drive.press("bar:pause", None)
            keys_change_the_screen(app, drive, f"{name} pause")
            done.add("pause")
            drive.press("bar:pause", None)

    drive.observer = observe
    try:
        drive.play(load_walkthrough(default_walkthrough(path)))
    finally:
        app.close()
    return done


def test_f2_and_f3_work_on_every_screen_of_a_game() -> None:
    escape = play_pressing_keys("demo-escape")
    assert {"start", "lobby", "escape-scene", "pause", "escape-ending"} <= escape, escape
    assert any(screen.startswith("puzzle-") for screen in escape)
    rally = play_pressing_keys("demo-rally")
    assert {"rally-handover", "rally-ending"} <= rally, rally


def test_f2_and_f3_work_on_the_home_pages(tmp_path: Path) -> None:
    port = WorkshopHome(open_database(tmp_path / "atelier.db"), shipped_scenarios(), write_cards)
    home = Home(port, headless=True, launcher=lambda _launch: None, show_file=lambda _p: None)
    drive = Driver(cast(Any, home), "mouse")
    try:
        drive.frames(1)
        keys_change_the_screen(home, drive, "home menu")
        drive.press("home:new", None)
        keys_change_the_screen(home, drive, "home new")
    finally:
        home.close()
