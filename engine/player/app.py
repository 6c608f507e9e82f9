"""The game window: event loop, who-did-what, and the entry points ``play`` and ``run_game``.

One frame: read input → turn it into core actions (with the acting player) → step the rules
→ hand events to the sink → rebuild the widgets if anything changed → repaint what changed
into the cached screen → show the changed parts and the layers.

UI state (what only the screen knows) is ``App.ui`` (``engine/player/ui.py``); screens and
input handlers return intents that ``engine/player/perform.py`` applies.

Layers (``App.layers``) are small live overlays drawn over the screen every frame (timer,
gamepad cursors) through the painter, which records where they drew so the next frame can
erase them. A facilitator overlay or a second window appends a layer (and, for its own
input, an ``App.event_filters`` entry) and acts through ``App.act``; nothing else changes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pygame

from engine.core import actions as ac
from engine.core import events as ev
from engine.core.ports import EventSink
from engine.core.rules import Rules
from engine.core.state import CLOCK, FACILITATOR, GameState, TeamState
from engine.format.puzzles import PuzzleBase
from engine.format.scenario import Scenario
from engine.player.ahead import draw_ahead
from engine.player.console import attach
from engine.player.display import open_display
from engine.player.glossary import Glossary
from engine.player.glyphs import GlyphWarmup, characters, scenario_texts
from engine.player.idle import IdleWork
from engine.player.inputs import handle
from engine.player.locale import Texts, table
from engine.player.memory import keep_freed_memory
from engine.player.narration import main_text
from engine.player.paint import Painter, Recording, Style
from engine.player.perform import (
    after_step,
    announce_done,
    cheer_done,
    perform,
    rebuild,
    reset_form,
)
from engine.player.phones_port import PhonesPort
from engine.player.prepaint import PictureWarmup
from engine.player.repaint import (
    Backdrop,
    changed_regions,
    draw_widgets,
    looks,
    open_over,
    paint_owed,
    put_back,
    repaint,
)
from engine.player.screens.chrome import draw_live, live
from engine.player.session import FakeClock, Session
from engine.player.sound import Sounds
from engine.player.speech import Voice
from engine.player.ui import Layer, Options, UiState, move_pads

log = logging.getLogger("declic.player")


@dataclass
class OnScreen:
    """What the window shows, to compare the next frame with."""

    size: tuple[int, int]
    looks: dict[str, Any] = field(default_factory=dict)  # the looks painted on the screen
    #: what the layers drew last frame, and what they hid
    layers: Recording = field(default_factory=lambda: Recording([], []))
    drawn: list[Hashable] = field(default_factory=list)  # what the layers showed last frame
    #: the pressable widgets' boxes, topmost first, and the list they come from (widget_at)
    hits: tuple[list[Any] | None, list[tuple[Any, ...]]] = (None, [])


class App:
    """The window: the session, the painter, the frame loop and the UI state (``ui``).
    Screens and input handlers read it; ``perform`` changes it."""

    def __init__(
        self,
        scenario: Scenario,
        folder: Path,
        *,
        state: GameState | None = None,
        sink: EventSink | None = None,
        size: tuple[int, int] = (1920, 1080),
        headless: bool = False,
        fullscreen: bool = False,
        clock: Callable[[], float] | None = None,
        options: Options | None = None,
        history: Sequence[ev.Event] = (),
        summary_hook: Callable[[], str] | None = None,
    ) -> None:
        open_display(headless)
        pygame.font.init()
        pygame.joystick.init()
        self.scenario = scenario
        self.folder = folder
        self.rules = Rules(scenario)
        self.fake_clock = FakeClock() if headless and clock is None else None
        self.session = Session(self.rules, clock or self.fake_clock or time.time, state, sink)
        screen = "start" if self.session.state.phase == "lobby" else "play"
        self.ui = UiState(options or Options(language=scenario.language), screen=screen)
        self.t = Texts(self.ui.options.language, scenario.address)
        self.painter = Painter(self._style())
        self.words = Glossary.of(scenario.glossary)
        self.painter.glossary = self.words if scenario.glossary else None
        flags = pygame.RESIZABLE | (pygame.FULLSCREEN if fullscreen else 0)
        self.window_size = size
        self.display = pygame.display.set_mode(size, flags)
        pygame.display.set_caption(f"Déclic — {scenario.title}")
        self.painter.set_target(self.display)
        self.force_full = True  # repaint every widget (else: only what changed)
        self.present_full = True  # update the whole window (else: only what changed)
        self.on_screen = OnScreen(self.display.get_size())  # what the window shows now
        self.memo: dict[Any, Any] = {}  # parts of screens built once (screens.memo)
        self.parts: dict[str, tuple[Any, ...]] = {}  # parts kept until they change (screens.part)
        # the pictures kept under a panel (repaint.py); their two surfaces are made by
        # ``settle_in``: making them costs milliseconds, and no panel is open on the first frame
        self.backdrop = Backdrop()
        texts = scenario_texts(scenario, table(self.ui.options.language))
        self.idle = IdleWork(
            PictureWarmup(self.painter),
            GlyphWarmup(self.painter, characters(texts)),
            lambda budget: paint_owed(self.backdrop, self.painter, budget),
        )
        self.sounds = Sounds(self.ui.options.muted)
        self.voice = Voice(self.ui.options.language)
        self.dirty = True
        self.widgets: list[Any] = []
        # the game's events in order: those before this window opened (``history``, after a
        # resume) then this window's; the console and the debrief read their moments here
        self.log: list[ev.Event] = list(history)
        self.frames = 0
        self.last_tick = self.session.clock()
        self.moments_passed = 0  # of the scenario's ``after_minutes`` moments, last frame
        self.layers: list[Layer] = [Layer(self._draw_live, self._live)]
        #: called with each pygame event before the game sees it; True means "taken"
        self.event_filters: list[Callable[[Any], bool]] = []
        #: called at the start of every frame (the phones' queue is drained here)
        self.frame_hooks: list[Callable[[], None]] = []
        #: set from another thread (the phones' server) when a request waits: the loop stops
        #: waiting for the next frame and runs ``wake_hooks`` at once, on this thread
        self.wake = threading.Event()
        self.wake_hooks: list[Callable[[], None]] = []
        self.phone_link: PhonesPort | None = None  # engine/phones/link.py, when phones are on
        reset_form(self)
        # --- facilitator console (F9) and debrief: engine/player/console, screens/debrief.py --
        # Set by the workshop shell (``declic session``): writes the skills cards and returns
        # a French line saying where; the ending screen then offers it to the facilitator.
        self.summary_hook = summary_hook
        self.console = attach(self)
        #: when the first frame reached the window (``perf_counter``): start-up work that
        #: the first screen does not need (``settle_in``) waits until then
        self.first_shown: float | None = None
        #: started by ``settle_in`` once the first screen is up (the phones' server): the
        #: room sees the game first, what it plugs in comes a moment later
        self.after_first_frame: list[Callable[[], None]] = []

    # --- style ---------------------------------------------------------------------------

    def _style(self) -> Style:
        o = self.ui.options
        return Style.chosen(o.contrast, o.text_step, o.dyslexia)

    def restyle(self) -> None:
        self.painter.set_style(self._style())
        self.dirty = True
        self.force_full = True

    def set_language(self, language: str) -> None:
        self.ui.options.language = language
        self.t = Texts(language, self.scenario.address)
        self.voice.language = language
        self.dirty = True
        self.force_full = True

    def read_aloud(self) -> None:
        """Read the focused (or hovered) thing, else the main text of the screen."""
        widget = self.find(self.ui.focus) or self.find(self.ui.hover)
        said = (widget.spoken or widget.label) if widget is not None else ""
        text = said or self.main_text()
        self.voice.say(text)

    def screen_texts(self) -> list[str]:
        """The scenario's texts on screen now: bubbles, the place, the open puzzle."""
        texts = [n.text for n in self.ui.narration]
        team = self.team()
        scene = self.rules.scenes.get(team.scene or "") if team is not None else None
        if scene is not None:
            texts += [scene.title, scene.text]
        if self.ui.work.puzzle in self.rules.puzzles:
            puzzle = self.puzzle(self.ui.work.puzzle)
            texts += [puzzle.title, puzzle.prompt]
        return texts

    def main_text(self) -> str:
        if self.ui.words is not None:  # « Les mots » is open: its words and definitions
            entries, _pages = self.words.page(self.screen_texts(), self.ui.words)
            return " ".join(f"{e.word} : {e.definition}" for e in entries)
        team = self.team()
        scene = self.rules.scenes[team.scene] if team is not None and team.scene else None
        return main_text(
            self.ui.narration,
            (scene.title, scene.text) if scene is not None else None,
            f"{self.scenario.title}. {self.scenario.summary or ''}",
        )

    # --- game state helpers --------------------------------------------------------------

    @property
    def state(self) -> GameState:
        return self.session.state

    def team(self) -> TeamState | None:
        """The team whose screen this is: the active one in turns mode, else the only one."""
        state = self.state
        if state.active_team and state.active_team in state.teams:
            return state.teams[state.active_team]
        return next(iter(state.teams.values()), None)

    def puzzle(self, puzzle_id: str) -> PuzzleBase:
        """The version of a puzzle this screen's team plays (``variants``: one per team)."""
        team = self.team()
        return self.rules.puzzle_for(puzzle_id, self.state, team.id if team else None)

    def replace_scenario(self, scenario: Scenario, rules: Rules, state: GameState) -> None:
        """Another version of the scenario (``declic play --watch``), at ``state``."""
        self.scenario = scenario
        self.rules = self.session.rules = rules
        self.session.state = state
        self.t = Texts(self.t.language, scenario.address)
        self.words = Glossary.of(scenario.glossary)
        self.painter.glossary = self.words if scenario.glossary else None
        self.painter.invalidate()

    def act(self, action: ac.Action) -> list[ev.Event]:
        """Step the core; the events are logged, then shown and heard (``perform.after_step``)."""
        events = self.session.act(action)
        self.log.extend(events)
        after_step(self, events)
        return events

    # --- widgets -------------------------------------------------------------------------

    def build(self) -> list[Any]:
        return rebuild(self)

    def find(self, key: str | None) -> Any:
        if key is None:
            return None
        return next((w for w in self.widgets if w.key == key), None)

    def widget_at(self, x: float, y: float) -> Any:
        """The top widget that can be pressed at (x, y). A mouse sends many moves a frame:
        the pressable widgets' boxes are listed once per screen, topmost first."""
        if self.on_screen.hits[0] is not self.widgets:
            targets = [w for w in reversed(self.widgets) if w.interactive]
            self.on_screen.hits = (self.widgets, [(*w.rect, w) for w in targets])
        for left, top, width, height, widget in self.on_screen.hits[1]:
            if left <= x < left + width and top <= y < top + height:
                return widget
        return None

    def focusables(self) -> list[Any]:
        return [w for w in self.widgets if w.interactive and w.focusable]

    # --- the loop ------------------------------------------------------------------------

    def frame(self, dt: float = 1 / 60) -> None:
        """One frame: input, clock, pads, then draw and show only what changed."""
        for hook in self.frame_hooks:
            hook()
        for event in pygame.event.get():
            if any(take(event) for take in self.event_filters):
                continue  # an overlay (facilitator console) used it
            perform(self, handle(self, event))
        self._tick_clock()
        cheer_done(self)
        announce_done(self)
        self._move_pads(dt)
        if self.ui.flash_strip > 0:
            self.ui.flash_strip = max(0.0, self.ui.flash_strip - dt)  # the strip's flash fades
            if self.ui.flash_strip == 0:
                self.dirty = True
        if self.ui.minimised:
            return
        surface = pygame.display.get_surface()
        if surface is None:
            return
        if surface is not self.display or surface.get_size() != self.on_screen.size:
            self.display = surface  # a new window surface (resized): paint all of it
            self.on_screen.size = surface.get_size()
            self.on_screen.layers = Recording([], [])
            self.force_full = self.dirty = self.present_full = True
        drawn = [layer.signature() if layer.signature else object() for layer in self.layers]
        still = not (self.dirty or self.force_full or self.present_full)
        shown = looks(self)
        if still and drawn == self.on_screen.drawn and shown == self.on_screen.looks:
            self.frames += 1
            # idle time: collect garbage, draw the looks a hover or a press will need, warm
            # the fonts for the texts to come; one of them per frame
            self.idle.step(self.widgets)
            return  # nothing changed: the window already shows all of it
        self.on_screen.layers.undo(self.display)  # wipe last frame's timer and cursors
        self._present(self._update_screen(shown))
        self.on_screen.drawn = drawn
        self.frames += 1
        if self.first_shown is None:
            self.first_shown = time.perf_counter()
            self.settle_in()

    def settle_in(self) -> None:
        """Right after the first frame is on screen: what later frames must not pay for,
        which the first one need not wait for (bench/frames.py, « first s »)."""
        while self.after_first_frame:
            self.after_first_frame.pop(0)()
        keep_freed_memory()  # pictures reuse memory instead of faulting new pages in
        shown = self.display.get_size()
        self.backdrop.spare += [pygame.Surface(shown, 0, self.display) for _ in "ab"]
        draw_ahead(self)  # the big pictures, now rather than in the frame that first shows one

    @property
    def clean_surface(self) -> Any:
        """The window's own surface holds the screen: no second full-screen copy to keep in
        step, blit and flip; the layers over it are wiped off by putting back what they hid."""
        return self.display

    def _update_screen(self, shown: dict[str, Any]) -> list[Any] | None:
        """Bring the window up to date with every widget and its look (hovered, focused,
        pressed). When the game, the UI or a look changed, only the widgets that look
        different are repainted. Returns the pixel rectangles that changed, None for all."""
        if not (self.dirty or self.force_full) and shown == self.on_screen.looks:
            return []
        self.painter.set_target(self.display)
        old = self.widgets
        if self.dirty:
            self.widgets = self.build()
            shown = looks(self)  # the rebuild may have dropped a focus or hover
        forced, before = self.force_full, self.on_screen.looks
        regions = None if forced else changed_regions(old, self.widgets, before, shown)
        self.on_screen.looks = shown
        self.force_full = False
        self.dirty = False
        if regions is None:
            if forced or not (
                put_back(self, self.painter, shown)
                or open_over(self, self.painter, old, before, shown)
            ):
                draw_widgets(self, self.painter, shown)
            return None
        return repaint(self, self.painter, regions, shown)

    def _present(self, changed: list[Any] | None) -> None:
        """Draw the layers (timer, cursors, console) over the screen, keeping what they hide,
        and update the window only where something changed: a still frame costs almost
        nothing, unlike blitting and flipping the whole screen."""
        wiped = self.on_screen.layers.touched
        self.painter.set_target(self.display)
        self.painter.start_recording()
        for layer in self.layers:
            layer.draw()
        self.on_screen.layers = self.painter.stop_recording()
        if changed is None or self.present_full:
            pygame.display.flip()
        else:
            rects = [*changed, *wiped, *self.on_screen.layers.touched]
            if rects:
                pygame.display.update(rects)
        self.present_full = False

    def _live(self) -> Hashable:
        return live(self)

    def _draw_live(self) -> None:
        draw_live(self, self.painter, live(self))

    def _tick_clock(self) -> None:
        if self.state.phase != "playing" or self.state.clock.paused_at is not None:
            return
        now = self.session.clock()
        if now - self.last_tick >= 1.0:
            self.last_tick = now
            if self._tick_matters():
                self.act(ac.Tick(player=CLOCK))
            passed = self.rules.moments_passed(self.session.elapsed())
            if passed != self.moments_passed:  # an ``after_minutes`` turned true: show it
                self.moments_passed = passed
                self.dirty = True

    def _tick_matters(self) -> bool:
        return bool(self.scenario.timer.events or self.scenario.timer.limit_minutes)

    def _move_pads(self, dt: float) -> None:
        if move_pads(self.ui.pads.values(), dt):
            self.update_pad_hover()

    def update_pad_hover(self) -> None:
        keys = set()
        for pad in self.ui.pads.values():
            widget = self.widget_at(pad.x, pad.y)
            if widget is not None:
                keys.add(widget.key)
        if keys != self.ui.pad_hover:
            self.ui.pad_hover = keys  # a look: repainted without a rebuild

    def wait_until(self, deadline: float) -> None:
        """Sleep until ``deadline`` (``time.perf_counter``); whenever ``wake`` is set
        meanwhile, run ``wake_hooks`` at once instead of at the next frame."""
        while (left := deadline - time.perf_counter()) > 0:
            if self.wake.wait(left):
                self.wake.clear()  # before the hooks: a request put after this wakes again
                for hook in self.wake_hooks:
                    hook()

    def run(self) -> None:
        last = time.perf_counter()
        while self.ui.running:
            self.wait_until(last + 1 / 60)
            now = time.perf_counter()
            dt, last = now - last, now
            self.frame(dt)

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.display, str(path))

    def close(self) -> None:
        self.idle.stop()
        self.voice.stop()
        self.painter.invalidate()  # drops the fonts, each an open file, even if the app lingers
        pygame.display.quit()


__all__ = ["FACILITATOR", "App", "Layer", "Options"]
