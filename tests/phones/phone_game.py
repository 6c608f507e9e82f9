"""A headless game with the phones' server attached, its loop in its own thread as in a
workshop, for the end-to-end phone tests; ``do`` runs a command on the game's thread."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.load.check import load_scenario

WAIT = 15.0


class Game:
    """The game's window (headless) and loop in a thread, with the phones' server attached."""

    def __init__(self, scenario: Path) -> None:
        self.scenario = scenario
        self.ready = threading.Event()
        self.stop = threading.Event()
        self.commands: queue.Queue[Callable[[Any], None]] = queue.Queue()
        self.app: Any = None
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self.run, daemon=True, name="game")

    def run(self) -> None:
        from engine.phones.link import attach_phones
        from engine.player.app import App

        try:
            scenario = load_scenario(self.scenario).scenario
            assert scenario is not None
            app = App(scenario, self.scenario.parent, headless=True)
            close = attach_phones("127.0.0.1", 0, card=lambda p: {"code": f"CARTE-{p.upper()}"})(
                app
            )
            self.app = app
            self.ready.set()
            try:
                while not self.stop.is_set():
                    app.frame()
                    while not self.commands.empty():
                        self.commands.get_nowait()(app)
                    app.wait_until(time.perf_counter() + 0.01)  # phones wake it
            finally:
                close()
                app.close()
        except BaseException as exc:  # seen by the test, not lost in the thread
            self.failure = exc
            self.ready.set()

    def do(self, command: Callable[[Any], None]) -> None:
        """Run ``command(app)`` in the game's thread and wait for it."""
        done = threading.Event()

        def run(app: Any) -> None:
            command(app)
            done.set()

        self.commands.put(run)
        assert done.wait(WAIT), "the game's loop did not run the command"

    def start(self) -> Game:
        self.thread.start()
        self.ready.wait(30)
        if self.failure is not None:
            raise self.failure
        return self

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=10)


def until(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)
