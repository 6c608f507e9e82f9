"""Fixtures of the console tests: a headless game part-way through the demo escape game,
and gestures on the console (clicks and typing posted as pygame events, never direct calls)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from engine.core.ports import NullSink
from engine.load.check import load_scenario
from engine.walkthrough import load_walkthrough

DEMO = Path(__file__).resolve().parents[2] / "scenarios" / "demo-escape"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


class Game:
    """A headless App, its driver and the sink every event went to."""

    def __init__(self, app: Any, driver: Any, sink: NullSink, walkthrough: Any) -> None:
        self.app = app
        self.driver = driver
        self.sink = sink
        self.walkthrough = walkthrough

    def id_of(self, walkthrough_player: str) -> str:
        return str(self.driver.result.ids[walkthrough_player])

    def play_steps(self, first: int, last: int | None = None) -> None:
        for step in self.walkthrough.steps[first:last]:
            self.driver.advance(self.walkthrough.spec.seconds_per_step)
            self.driver.do(step.action)
            self.driver.dismiss()

    def click(self, key: str) -> None:
        """A mouse click on a console widget, in the console's window or overlay."""
        console = self.app.console
        self.app.frame()
        widget = console.find(key)
        assert widget is not None, f"{key} not on the console"
        assert widget.interactive, f"{key} cannot be pressed"
        pos = console.painter.to_window(widget.centre)
        extra = {"window": console.window} if console.mode == "window" else {}
        for kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            values = {"pos": pos, "touch": False, **extra}
            if kind == pygame.MOUSEMOTION:
                values.update(rel=(0, 0), buttons=(0, 0, 0))
            else:
                values["button"] = 1
            pygame.event.post(pygame.event.Event(kind, **values))
        self.app.frame()

    def type(self, text: str) -> None:
        console = self.app.console
        extra = {"window": console.window} if console.mode == "window" else {}
        for char in text:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char, **extra))
        self.app.frame()

    def new_events(self, start: int) -> list[Any]:
        return self.sink.events[start:]


@pytest.fixture
def game() -> Iterator[Any]:
    """Returns ``start(steps)``: the demo game after that many walkthrough steps."""
    from engine.player.app import App
    from engine.player.driver import Driver

    opened: list[Any] = []

    def start(steps: int, folder: Path = DEMO) -> Game:
        path = folder / "demo-escape.yaml"
        loaded = load_scenario(path)
        assert loaded.scenario is not None
        sink = NullSink()
        app = App(loaded.scenario, folder, sink=sink, size=(1920, 1080), headless=True)
        opened.append(app)
        walkthrough = load_walkthrough(folder / "demo-escape.walkthrough.yaml")
        driver = Driver(app, "mouse")
        driver.play(dataclasses.replace(walkthrough, steps=walkthrough.steps[:steps]))
        return Game(app, driver, sink, walkthrough)

    yield start
    for app in opened:
        app.close()
