"""The facilitator's home window: ``declic`` with no arguments.

A small window of its own (no scenario is loaded yet): the pages of ``screens/home.py``
drawn with the game's painter, theme and widgets, the game's input handling
(``inputs.handle``: mouse, touch, keyboard, gamepads) and one place applying what presses
want (``home_perform.perform_home``). What it lists and does goes through a ``HomePort``
(``home_port.py``), implemented by the workshop side and handed in by ``declic``. Starting
or resuming a workshop opens the game window (``launcher``); when it closes, the home
comes back. What may wait on the network (enrolling with the hub, pushing to it) runs
beside the loop (``background``): the window keeps drawing and says it is connecting.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import pygame

from engine.player import intents as do
from engine.player.display import open_display
from engine.player.home_perform import attempt, perform_home
from engine.player.home_port import (
    HomeError,
    HomePort,
    HomeSettings,
    Launch,
    ScenarioCard,
    SessionLine,
)
from engine.player.inputs import handle
from engine.player.locale import Texts
from engine.player.paint import Painter, Style
from engine.player.screens import home as pages
from engine.player.session import FakeClock
from engine.player.sound import Sounds
from engine.player.speech import Voice
from engine.player.ui import HomePage, Options, UiState, move_pads
from engine.player.widgets import Look, Widget

Launcher = Callable[[Launch], Any]
log = logging.getLogger("declic.home")
#: a pad's shoulder buttons turn the pages of a long list (left: back, right: on)
PAD_TURN = {4: -1, 5: 1}


class Home:
    """The home window; screens read it, ``perform_home`` changes it."""

    def __init__(
        self,
        port: HomePort,
        *,
        size: tuple[int, int] = (1920, 1080),
        headless: bool = False,
        fullscreen: bool = False,
        launcher: Launcher | None = None,
        show_file: Callable[[Path], None] | None = None,
    ) -> None:
        self.port = port
        self.headless = headless
        self.fullscreen = fullscreen
        self.window_size = size
        self.launcher = launcher or self._play
        self.show_file = show_file if show_file is not None else (None if headless else open_file)
        self.ui = UiState(Options(), screen="home")
        self.page = HomePage()
        self.cards: list[ScenarioCard] = []
        self.sessions: list[SessionLine] = []
        kept = attempt(self, port.settings) or HomeSettings()
        self.ui.options.language = kept.language
        # the games' contrast and sound are the home's too (its text keeps its size: the
        # pages are laid out for it, and F2 still changes it)
        self.ui.options.contrast, self.ui.options.muted = kept.contrast, kept.muted
        self.t = Texts(kept.language)
        self.phones = kept.phones  # « Téléphones » for the workshops started from here
        self.draft: HomeSettings | None = None  # « Réglages » as being changed
        self.fields: dict[str, str] = {}  # what is typed in « Réglages »
        self.typing: str | None = None  # the field the keyboard types into
        self.busy: Future[str] | None = None
        self._after: Callable[[Home, str], None] | None = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="declic-home")
        self.widgets: list[Widget] = []
        self.sounds = Sounds(self.ui.options.muted)
        self.voice = Voice(self.ui.options.language)
        self.fake_clock: FakeClock | None = None  # the walkthrough driver's clock (none here)
        self.dirty = self.force_full = self.present_full = True
        self.shown: tuple[Any, ...] = ()
        self.launched: list[Launch] = []  # the games opened from here, in order
        self.open_window()

    # --- the window ------------------------------------------------------------------------

    def open_window(self) -> None:
        """(Re)open the window: the game window closes the display when it ends."""
        open_display(self.headless)
        pygame.font.init()
        pygame.joystick.init()
        flags = pygame.RESIZABLE | (pygame.FULLSCREEN if self.fullscreen else 0)
        self.display = pygame.display.set_mode(self.window_size, flags)
        pygame.display.set_caption(self.t("home.window"))
        self.painter = Painter(self._style())
        self.painter.set_target(self.display)
        self.dirty = self.force_full = True

    def _style(self) -> Style:
        o = self.ui.options
        return Style.chosen(o.contrast, o.text_step, o.dyslexia)

    def restyle(self) -> None:
        self.painter.set_style(self._style())
        self.dirty = self.force_full = True

    def read_aloud(self) -> None:
        widget = self.find(self.ui.focus) or self.find(self.ui.hover)
        self.voice.say(widget.label if widget is not None else self.t("home.title.menu"))

    # --- widgets (what inputs.handle asks of a window) --------------------------------------

    def find(self, key: str | None) -> Any:
        return next((w for w in self.widgets if w.key == key), None) if key else None

    def widget_at(self, x: float, y: float) -> Any:
        return next((w for w in reversed(self.widgets) if w.interactive and w.contains(x, y)), None)

    def focusables(self) -> list[Any]:
        return [w for w in self.widgets if w.interactive and w.focusable]

    def current(self) -> SessionLine | None:
        return next((s for s in self.sessions if s.id == self.page.session), None)

    # --- the loop --------------------------------------------------------------------------

    def frame(self, dt: float = 1 / 60) -> None:
        for event in pygame.event.get():
            perform_home(self, self.read(event))
        self.collect()
        moved = self._move_pads(dt)
        if self.ui.minimised or not self.ui.running:
            return
        if self.dirty:
            self.widgets = pages.build(self)
            self.dirty = False
            self.force_full = True
        looks = tuple(self._look(w) for w in self.widgets)
        if looks != self.shown or self.force_full or moved:
            self.painter.set_target(self.display)
            self.painter.fill(self.painter.theme.background)
            for widget, look in zip(self.widgets, looks, strict=True):
                widget.draw(self.painter, look)
            for pad in self.ui.pads.values():  # a gamepad's cursor, as in the game
                self.painter.circle((pad.x, pad.y), 30, (0, 0, 0), 9)
                self.painter.circle((pad.x, pad.y), 30, (230, 230, 230), 6)
                self.painter.circle((pad.x, pad.y), 6, (230, 230, 230))
            pygame.display.flip()
            self.shown = looks
            self.force_full = self.present_full = False

    def read(self, event: Any) -> Any:
        """The game's ``inputs.handle``, and what only the home does with a key: typed text
        goes into the field of « Réglages » being typed; Page Down / Page Up and a pad's
        shoulder buttons turn the pages of a long list."""
        if event.type == pygame.TEXTINPUT:
            return [do.TypeText(event.text)] if self.typing is not None else []
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            return [do.HomeTurn(1 if event.key == pygame.K_PAGEDOWN else -1)]
        if (
            event.type == pygame.KEYDOWN
            and self.typing is not None
            and event.key == pygame.K_RETURN
        ):
            focus = self.find(self.ui.focus)
            if focus is None or focus.key == f"home:field:{self.typing}":
                return [do.HomeField(None)]  # Entrée ends the typing
        pad = event.type == pygame.JOYBUTTONDOWN and event.instance_id in self.ui.pads
        if pad and event.button in PAD_TURN:
            return [do.HomeTurn(PAD_TURN[event.button])]
        return handle(cast(Any, self), event)

    # --- what may wait on the network --------------------------------------------------------

    def background(self, work: Callable[[], str], after: Callable[[Home, str], None]) -> None:
        """Run ``work`` beside the loop; ``after`` gets its French line when it is done."""
        if self.busy is not None:
            return
        self.busy = self._worker.submit(work)
        self._after = after

    def collect(self) -> None:
        """When the background work is done: its line, or its error, on the page."""
        busy, after = self.busy, self._after
        if busy is None or not busy.done() or after is None:
            return
        self.busy = self._after = None
        try:
            after(self, busy.result())
        except HomeError as exc:
            self.page = replace(self.page, message=str(exc))
        except Exception:  # never lose the home to a network surprise
            log.exception("home: a call to the hub failed")
            self.page = replace(self.page, message=self.t("home.failed"))
        self.dirty = True

    def wait(self) -> None:
        """Wait for the background work and show its result (tests, closing)."""
        if self.busy is not None:
            self.busy.exception()
            self.collect()
            self.frame()

    def _look(self, widget: Widget) -> Look:
        ui = self.ui
        return Look(
            hovered=widget.key == ui.hover or widget.key in ui.pad_hover,
            focused=widget.key == ui.focus,
            pressed=widget.key in ui.pressed.values(),
        )

    def _move_pads(self, dt: float) -> bool:
        """Gamepad sticks move their cursors (as in the game); True when one moved."""
        moved = move_pads(self.ui.pads.values(), dt)
        if moved:
            self.update_pad_hover()
        return moved

    def update_pad_hover(self) -> None:
        keys = {w.key for pad in self.ui.pads.values() if (w := self.widget_at(pad.x, pad.y))}
        self.ui.pad_hover = keys

    def run(self) -> None:
        clock = pygame.time.Clock()
        while self.ui.running:
            self.frame(clock.tick(30) / 1000)

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.display, str(path))

    def close(self) -> None:
        self.voice.stop()
        self._worker.shutdown(wait=False, cancel_futures=True)
        self.painter.invalidate()  # drops the fonts, each an open file, even if the home lingers
        pygame.display.quit()

    # --- games -----------------------------------------------------------------------------

    def play(self, launch: Launch) -> None:
        """Open the game on ``launch``; the home comes back when it closes."""
        self.launched.append(launch)
        try:
            self.launcher(launch)
        finally:
            self.open_window()

    def _play(self, launch: Launch) -> None:
        from engine.player.run import run_game

        run_game(
            launch.scenario_path,
            state=launch.state,
            sink=launch.sink,
            on_summary=launch.on_summary,
            history=launch.history,
            size=self.window_size,
            fullscreen=self.fullscreen,
            attach=launch.attach,
            text_step=launch.text_step,
            contrast=launch.contrast,
            muted=launch.muted,
        )


def open_file(path: Path) -> None:
    """Show ``path`` in the system's viewer, when there is a screen to show it on."""
    if sys.platform.startswith("win"):
        os.startfile(path)  # type: ignore[attr-defined]
        return
    if sys.platform == "darwin":
        opener = shutil.which("open")
    elif os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        opener = shutil.which("xdg-open")
    else:
        opener = None
    if opener is not None:
        subprocess.Popen([opener, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run_home(
    port: HomePort, *, size: tuple[int, int] = (1920, 1080), fullscreen: bool = False
) -> int:
    """``declic``: the home window until it is closed."""
    home = Home(port, size=size, fullscreen=fullscreen)
    try:
        home.run()
    finally:
        home.close()
    return 0


__all__ = ["Home", "run_home"]
