"""``declic play SCENARIO --watch``: reload the scenario when its files change, for authors.

Every second the modification times of the scenario file and the files beside it (walkthrough,
pictures, sounds) are compared with the last ones seen — polling, no extra dependency. A
changed scenario is checked again with ``check``; when valid, the rules are rebuilt and the
events so far are replayed on the new scenario's initial state, so the author keeps playing
from where they were (the start when their scene is gone). When invalid, the diagnostics are
shown in a panel over the game until the file is fixed: the window never crashes.
"""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from engine.core import events as ev
from engine.core.apply import apply, replay
from engine.core.ports import NullSink
from engine.core.rules import Rules
from engine.core.state import GameState
from engine.diagnostics import Diagnostic
from engine.load.check import load_scenario
from engine.player.app import App
from engine.player.intents import Redraw, Reloaded
from engine.player.perform import perform
from engine.player.ui import Layer, parse_size
from engine.player.watch_panel import draw_panel

POLL_SECONDS = 1.0
log = logging.getLogger("declic.player")


def watched_files(scenario: Path) -> list[Path]:
    """The scenario and every file beside it or in its sub-folders (assets, walkthrough)."""
    folder = scenario.parent
    found = [scenario]
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path != scenario and not path.name.startswith("."):
            found.append(path)
    return found[:500]


def snapshot(scenario: Path) -> dict[Path, tuple[int, int]]:
    stamps = {}
    for path in watched_files(scenario):
        try:
            info = path.stat()
        except OSError:
            continue
        stamps[path] = (info.st_mtime_ns, info.st_size)
    return stamps


def moved_to_start(state: GameState, rules: Rules) -> GameState:
    """Teams whose scene (or open puzzle) vanished from the new scenario go back to the start."""
    for team in list(state.teams.values()):
        if team.open_puzzle is not None and team.open_puzzle not in rules.puzzles:
            state = apply(state, ev.PuzzleClosed(t=0.0, team=team.id, puzzle=team.open_puzzle))
        if team.scene is not None and team.scene not in rules.scenes:
            start = rules.scenario.start
            state = apply(state, ev.Moved(t=0.0, team=team.id, scene=start, first_visit=False))
    return state


class Watch:
    """Polls the files and swaps the app's scenario; ``errors`` is what the panel shows."""

    def __init__(
        self, app: Any, path: Path, sink: NullSink, clock: Callable[[], float] | None = None
    ):
        self.app = app
        self.path = path
        self.sink = sink
        self.clock = clock or time.monotonic
        self.stamps = snapshot(path)
        self.last_poll = self.clock()
        self.errors: list[Diagnostic] = []
        self.reloads = 0
        app.layers.append(Layer(self.draw, lambda: object() if self.errors else None))
        app.event_filters.insert(0, self.filter)

    def poll(self, force: bool = False) -> bool:
        """Check the files (at most once a second unless ``force``); True when reloaded."""
        now = self.clock()
        if not force and now - self.last_poll < POLL_SECONDS:
            return False
        self.last_poll = now
        stamps = snapshot(self.path)
        if stamps == self.stamps:
            return False
        self.stamps = stamps
        return self.reload()

    def reload(self) -> bool:
        loaded = load_scenario(self.path)
        errors = [d for d in loaded.diagnostics if d.severity == "error"]
        if loaded.scenario is None or errors:
            self.errors = errors or list(loaded.diagnostics)
            self._refresh()
            return False
        self.errors = []
        before = (self.app.scenario, self.app.rules, self.app.session.state)
        self.swap(loaded.scenario)
        try:
            self.app.build()  # a screen the new scenario cannot draw must not kill the window
        except Exception:  # any drawing failure: keep the last good scenario
            log.exception("le scénario rechargé ne peut pas être affiché")
            self.app.replace_scenario(*before)
            self._refresh()
            return False
        self.reloads += 1
        return True

    def swap(self, scenario: Any) -> None:
        app = self.app
        rules = Rules(scenario)
        state = replay(rules.new_game(), self.sink.events)
        app.replace_scenario(scenario, rules, moved_to_start(state, rules))
        perform(app, Reloaded(app.t("watch.reloaded")))
        app.console.scenario_changed()
        self._refresh()

    def _refresh(self) -> None:
        perform(self.app, Redraw(full=True))

    def filter(self, event: Any) -> bool:
        """While the panel is shown, the game below takes no input (closing still works)."""
        if not self.errors:
            return False
        return event.type in (
            pygame.MOUSEBUTTONDOWN,
            pygame.MOUSEBUTTONUP,
            pygame.KEYDOWN,
            pygame.TEXTINPUT,
            pygame.FINGERDOWN,
            pygame.FINGERUP,
            pygame.JOYBUTTONDOWN,
        ) and not (event.type == pygame.KEYDOWN and event.key in (pygame.K_F9, pygame.K_F11))

    def draw(self) -> None:
        if not self.errors:
            return
        draw_panel(self.app, self.errors, self.path)


def open_watched(
    path: Path,
    *,
    headless: bool = False,
    size: tuple[int, int] = (1920, 1080),
    fullscreen: bool = False,
) -> Watch:
    """A game window with a ``Watch`` on ``path`` (the scenario must be valid to start)."""
    loaded = load_scenario(path)
    if loaded.scenario is None:
        raise ValueError("; ".join(d.format() for d in loaded.diagnostics))
    sink = NullSink()
    app = App(
        loaded.scenario,
        path.parent,
        sink=sink,
        size=size,
        headless=headless,
        fullscreen=fullscreen,
    )
    return Watch(app, path, sink)


def play_watched(path: Path, args: argparse.Namespace) -> int:
    """The loop of ``declic play --watch``: poll, then one frame, sixty times a second."""
    watch = open_watched(
        path,
        headless=bool(getattr(args, "headless", False)),
        size=parse_size(getattr(args, "size", "1920x1080")),
        fullscreen=bool(getattr(args, "fullscreen", False)),
    )
    app = watch.app
    print(f"declic : je surveille {path.parent} (Ctrl+Q pour quitter)")
    try:
        ticker = pygame.time.Clock()
        while app.ui.running:
            watch.poll()
            app.frame(ticker.tick(60) / 1000)
            if getattr(args, "headless", False):
                break
    finally:
        app.close()
    return 0
