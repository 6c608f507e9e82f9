"""The game window: event loop, who-did-what, and the entry points ``play`` and ``run_game``.

One frame: read input → turn it into core actions (with the acting player) → step the rules
→ hand events to the sink → rebuild the widgets if anything changed → repaint what changed
into the cached screen → show the changed parts and the layers.

Layers (``App.layers``) are small live overlays drawn over the screen every frame (timer,
gamepad cursors) through the painter, which records where they drew so the next frame can
erase them. A facilitator overlay or a second window appends a layer (and, for its own
input, an ``App.event_filters`` entry) and acts through ``App.act``; nothing else changes.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.core import actions as ac
from engine.core import events as ev
from engine.core.ports import EventSink
from engine.core.rules import Rules
from engine.core.state import CLOCK, FACILITATOR, GameState, TeamState
from engine.format.scenario import Scenario
from engine.locale import refusal_text

log = logging.getLogger("declic.player")

DEADZONE = 0.2
PAD_SPEED = 1500.0  # virtual pixels per second at full stick
MAX_PADS = 8
WARM_BUDGET = 0.00025  # seconds of drawing ahead in a frame that shows nothing new


@dataclass
class Pad:
    """One gamepad: its cursor and the player it plays for."""

    instance_id: int
    player: str | None = None
    x: float = 960.0
    y: float = 540.0
    ax: float = 0.0
    ay: float = 0.0
    device: Any = None


@dataclass
class Layer:
    """Something drawn over the screen (timer, cursors, console). ``signature`` says what
    it shows: while it and the screen stay the same, the frame draws nothing; without one,
    the layer is drawn every frame."""

    draw: Callable[[], None]
    signature: Callable[[], Hashable] | None = None


@dataclass
class Narration:
    kind: str  # say, blocked, hint, rejected, gain, item, right, wrong
    text: str
    icon: str | None = None


@dataclass
class PuzzleWork:
    """What the room is composing for the open puzzle, before it is sent as an answer."""

    puzzle: str = ""
    entry: str = ""
    choice: str | None = None
    choices: list[str] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    pairs: dict[str, str] = field(default_factory=dict)
    right_order: list[str] = field(default_factory=list)
    left: str | None = None
    grabbed: str | None = None


@dataclass
class LobbyForm:
    pseudonym: str = ""
    colour: str = ""
    avatar: str = ""
    team: str = ""
    field: str = "pseudonym"


@dataclass
class Options:
    language: str = "fr"
    text_step: int = 0
    contrast: bool = False
    dyslexia: bool = False
    muted: bool = False


class App:
    """Everything the window needs; screens read it and call its methods."""

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
    ) -> None:
        if headless:
            os.environ["SDL_VIDEODRIVER"] = "dummy"
            os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        import pygame

        from engine.player.garbage import IdleCollector
        from engine.player.glyphs import GlyphWarmup, characters, scenario_texts
        from engine.player.locale import Texts, table
        from engine.player.memory import keep_freed_memory
        from engine.player.paint import Painter, Recording
        from engine.player.prepaint import PictureWarmup
        from engine.player.repaint import Backdrop
        from engine.player.session import FakeClock, Session
        from engine.player.sound import Sounds
        from engine.player.speech import Voice
        from engine.player.theme import HIGH_CONTRAST, NORMAL, TEXT_STEPS, font_files

        keep_freed_memory()  # pictures reuse memory instead of faulting new pages in
        self.pg = pygame
        self._themes = (NORMAL, HIGH_CONTRAST)
        self._steps = TEXT_STEPS
        self._font_files = font_files
        self.started = time.perf_counter()
        pygame.display.init()
        pygame.font.init()
        pygame.joystick.init()
        self.headless = headless
        self.scenario = scenario
        self.folder = folder
        self.rules = Rules(scenario)
        self.fake_clock = FakeClock() if headless and clock is None else None
        self.session = Session(self.rules, clock or self.fake_clock or time.time, state, sink)
        self.options = options or Options(language=scenario.language)
        self.t = Texts(self.options.language)
        self.painter = Painter(self._style())
        flags = pygame.RESIZABLE | (pygame.FULLSCREEN if fullscreen else 0)
        self.window_size = size
        self.display = pygame.display.set_mode(size, flags)
        pygame.display.set_caption(f"Déclic — {scenario.title}")
        self.painter.set_target(self.display)
        self._size = self.display.get_size()
        self.force_full = True  # repaint every widget (else: only what changed)
        self.present_full = True  # update the whole window (else: only what changed)
        self._shown: dict[str, Any] = {}  # the looks painted on the screen
        self._layers = Recording([], [])  # what the layers drew last frame, and what they hid
        self._drawn: list[Hashable] = []  # what the layers showed last frame
        self.memo: dict[Any, Any] = {}  # parts of screens built once (screens.memo)
        self.parts: dict[str, tuple[Any, ...]] = {}  # parts kept until they change (screens.part)
        # the pictures kept under a panel (repaint.py); made now: making them costs milliseconds
        shown = self.display.get_size()
        self.backdrop = Backdrop(spare=[pygame.Surface(shown, 0, self.display) for _ in "ab"])
        self.looks_ahead = PictureWarmup(self.painter)
        self.garbage = IdleCollector()
        self.garbage.start()
        self.glyphs = GlyphWarmup(
            self.painter, characters(scenario_texts(scenario, table(self.options.language)))
        )
        self.sounds = Sounds(self.options.muted)
        self.voice = Voice(self.options.language)
        # --- what only the screen knows --------------------------------------------------
        self.screen = "start" if self.session.state.phase == "lobby" else "play"
        self.selected: str | None = None
        self.pads: dict[int, Pad] = {}
        self.focus: str | None = None
        self.hover: str | None = None
        self.pressed: dict[str, str] = {}  # pointer source → widget key under the press
        self.form = LobbyForm()
        self.work = PuzzleWork()
        self.held: str | None = None
        self.narration: list[Narration] = []
        self.handover: str | None = None
        self.notice: str | None = None
        self.flash_strip = 0.0
        self.last_joined: str | None = None
        self.minimised = False
        self.running = True
        self.dirty = True
        self.widgets: list[Any] = []
        # the game's events in order: those before this window opened (``history``, after a
        # resume) then this window's; the console and the debrief read their moments here
        self.log: list[ev.Event] = list(history)
        self.pad_hover: set[str] = set()
        self.frames = 0
        self.last_tick = self.session.clock()
        self.moments_passed = 0  # of the scenario's ``after_minutes`` moments, last frame
        self._hits: tuple[list[Any] | None, list[tuple[Any, ...]]] = (None, [])  # widget_at
        self.layers: list[Layer] = [Layer(self._draw_live, self._live)]
        #: called with each pygame event before the game sees it; True means "taken"
        self.event_filters: list[Callable[[Any], bool]] = []
        self._reset_form()
        # --- facilitator console (F9) and debrief: engine/player/console, screens/debrief.py --
        from engine.player.console import attach

        self.debrief: Any = None  # set by attach: the debrief screen's state
        # Set by the workshop shell (``declic session``): writes the skills cards and returns
        # a French line saying where; the ending screen then offers it to the facilitator.
        self.summary_hook: Callable[[], str] | None = None
        self.summary_message: str | None = None
        self.console = attach(self)

    # --- style ---------------------------------------------------------------------------

    def _style(self) -> Any:
        from engine.player.paint import Style

        theme = self._themes[1 if self.options.contrast else 0]
        return Style(
            theme, self._steps[self.options.text_step], self._font_files(self.options.dyslexia)
        )

    def restyle(self) -> None:
        self.painter.set_style(self._style())
        self.dirty = True
        self.force_full = True

    def cycle_text_size(self, _who: str | None = None) -> None:
        self.options.text_step = (self.options.text_step + 1) % len(self._steps)
        self.restyle()

    def toggle_contrast(self, _who: str | None = None) -> None:
        self.options.contrast = not self.options.contrast
        self.restyle()

    def toggle_font(self, _who: str | None = None) -> None:
        self.options.dyslexia = not self.options.dyslexia
        self.restyle()

    def toggle_sound(self, _who: str | None = None) -> None:
        self.options.muted = not self.options.muted
        self.sounds.muted = self.options.muted
        self.dirty = True

    def set_language(self, language: str) -> None:
        from engine.player.locale import Texts

        self.options.language = language
        self.t = Texts(language)
        self.voice.language = language
        self._reset_form()
        self.dirty = True
        self.force_full = True

    def read_aloud(self, _who: str | None = None) -> None:
        """Read the focused (or hovered) thing, else the main text of the screen."""
        widget = self.find(self.focus) or self.find(self.hover)
        said = (widget.spoken or widget.label) if widget is not None else ""
        text = said or self.main_text()
        self.voice.say(text)

    def main_text(self) -> str:
        if self.narration:
            return " ".join(n.text for n in self.narration)
        team = self.team()
        if team is not None and team.scene:
            scene = self.rules.scenes[team.scene]
            return f"{scene.title}. {scene.text}"
        return f"{self.scenario.title}. {self.scenario.summary or ''}"

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

    def act(self, action: ac.Action) -> list[ev.Event]:
        events = self.session.act(action)
        self.log.extend(events)
        self._react(events)
        self.dirty = True
        return events

    def _react(self, events: Sequence[ev.Event]) -> None:
        """Turn the events of one step into what the room sees and hears."""
        said: list[Narration] = []
        fresh = False  # a new place, puzzle or turn: old messages no longer apply
        names = {i.id: i for i in self.scenario.items}
        for e in events:
            if isinstance(e, ev.Said):
                said.append(Narration("say", e.text))
            elif isinstance(e, ev.Blocked):
                said.append(Narration("blocked", e.text, "cadenas"))
                self.sounds.play("failure")
            elif isinstance(e, ev.HintShown):
                said.append(
                    Narration("hint", self.t("hint.shown", level=e.level, text=e.text), "indice")
                )
            elif isinstance(e, ev.Rejected):
                said.append(Narration("rejected", refusal_text(e, self.t.language)))
            elif isinstance(e, ev.ItemGained) and e.item in names:
                said.append(
                    Narration(
                        "gain", self.t("item.gained", name=names[e.item].name), names[e.item].icon
                    )
                )
            elif isinstance(e, ev.ItemExamined) and e.item in names:
                item = names[e.item]
                said.append(Narration("item", f"{item.name} : {item.description}", item.icon))
            elif isinstance(e, ev.AnswerChecked):
                if e.correct:
                    self.sounds.play("success")
                else:
                    self.sounds.play("failure")
                    self.work.entry = ""
            elif isinstance(e, ev.PuzzleOpened):
                self._open_work(e.puzzle)
                fresh = True
            elif isinstance(e, ev.PuzzleClosed):
                self.work = PuzzleWork()
            elif isinstance(e, ev.ItemLost) and self.held == e.item:
                self.held = None
            elif isinstance(e, ev.Moved):
                self.held = None
                fresh = True
            elif (
                isinstance(e, ev.TurnPassed)
                and len(self.state.teams) > 1
                and self.state.phase == "playing"
            ):
                self.handover = e.team
                self.held = None
                if self.selected and self.state.players[self.selected].team != e.team:
                    self.selected = None
            elif isinstance(e, ev.GameEnded):
                self.sounds.play("ending")
                self.handover = None
            elif isinstance(e, ev.PlayerJoined) and e.player is not None:
                self.last_joined = e.player
        if said:
            self.narration = said[-4:]
        elif fresh:
            self.narration = []
        self.notice = None

    def _open_work(self, puzzle_id: str) -> None:
        from engine.player.screens.puzzles import start_work

        self.work = start_work(self.rules.puzzles[puzzle_id])

    # --- lobby ---------------------------------------------------------------------------

    def _reset_form(self) -> None:
        from engine.player.theme import AVATAR_SHAPES, PLAYER_COLOURS

        used = {(p.colour, p.avatar) for p in self.state.players.values()}
        n = len(self.state.players)
        colour, avatar = (
            PLAYER_COLOURS[n % len(PLAYER_COLOURS)],
            AVATAR_SHAPES[n % len(AVATAR_SHAPES)],
        )
        for k in range(len(PLAYER_COLOURS) * len(AVATAR_SHAPES)):
            pair = (
                PLAYER_COLOURS[(n + k) % len(PLAYER_COLOURS)],
                AVATAR_SHAPES[(n + k) % len(AVATAR_SHAPES)],
            )
            if pair not in used:
                colour, avatar = pair
                break
        team = self.form.team if self.scenario.team_mode == "turns" else ""
        self.form = LobbyForm(colour=colour, avatar=avatar, team=team)

    def new_player_id(self) -> str:
        n = len(self.state.players) + 1
        while f"p{n}" in self.state.players:
            n += 1
        return f"p{n}"

    def join(self, source: str) -> None:
        """The form's "add me" button: a Join action, attributed to the new player."""
        form = self.form
        name = form.pseudonym.strip()
        if not name:
            self.notice = self.t("lobby.need_name")
            return
        if self.scenario.team_mode == "turns" and not form.team.strip():
            self.notice = self.t("lobby.need_team")
            return
        player = self.new_player_id()
        team = form.team.strip() if self.scenario.team_mode == "turns" else "equipe"
        events = self.act(
            ac.Join(
                player=player, pseudonym=name, team=team, colour=form.colour, avatar=form.avatar
            )
        )
        if any(isinstance(e, ev.PlayerJoined) for e in events):
            if source.startswith("pad:"):
                pad = self.pads.get(int(source[4:]))
                if pad is not None:
                    pad.player = player
            else:
                self.selected = player
            self._reset_form()

    def type_text(self, text: str) -> None:
        """Characters typed on a keyboard or the on-screen keyboard go to the active field."""
        if self.screen == "lobby":
            if self.form.field == "team":
                self.form.team = (self.form.team + text)[:24]
            else:
                value = (self.form.pseudonym + text)[:16]
                self.form.pseudonym = value[:1].upper() + value[1:]
        elif self.work.puzzle:
            from engine.player.screens.puzzles import accepts_text

            puzzle = self.rules.puzzles[self.work.puzzle]
            self.work.entry = accepts_text(puzzle, self.work.entry, text)
        self.dirty = True

    def backspace(self) -> None:
        if self.screen == "lobby":
            if self.form.field == "team":
                self.form.team = self.form.team[:-1]
            else:
                self.form.pseudonym = self.form.pseudonym[:-1]
        elif self.work.puzzle:
            self.work.entry = self.work.entry[:-1]
        self.dirty = True

    # --- widgets -------------------------------------------------------------------------

    def build(self) -> list[Any]:
        from engine.player.screens import build_screen

        return build_screen(self)

    def find(self, key: str | None) -> Any:
        if key is None:
            return None
        return next((w for w in self.widgets if w.key == key), None)

    def widget_at(self, x: float, y: float) -> Any:
        """The top widget that can be pressed at (x, y). A mouse sends many moves a frame:
        the pressable widgets' boxes are listed once per screen, topmost first."""
        if self._hits[0] is not self.widgets:
            targets = [w for w in reversed(self.widgets) if w.interactive]
            self._hits = (self.widgets, [(*w.rect, w) for w in targets])
        for left, top, width, height, widget in self._hits[1]:
            if left <= x < left + width and top <= y < top + height:
                return widget
        return None

    def focusables(self) -> list[Any]:
        return [w for w in self.widgets if w.interactive and w.focusable]

    def press(self, widget: Any, player: str | None, source: str) -> None:
        """Activate a widget for ``player``; refuse game actions when nobody is chosen."""
        if widget is None or widget.on_press is None:
            return
        if widget.needs_player and player is None:
            self.notice = self.t("who.first")
            self.flash_strip = 1.0
            self.sounds.play("failure")
            self.dirty = True
            return
        self._source = source
        widget.on_press(player)
        self.dirty = True

    @property
    def source(self) -> str:
        return getattr(self, "_source", "mouse")

    # --- the loop ------------------------------------------------------------------------

    def frame(self, dt: float = 1 / 60) -> None:
        """One frame: input, clock, pads, then draw and show only what changed."""
        from engine.player.inputs import handle

        for event in self.pg.event.get():
            if any(take(event) for take in self.event_filters):
                continue  # an overlay (facilitator console) used it
            handle(self, event)
        self._tick_clock()
        self._move_pads(dt)
        if self.flash_strip > 0:
            self.flash_strip = max(0.0, self.flash_strip - dt)
            if self.flash_strip == 0:
                self.dirty = True
        if self.minimised:
            return
        surface = self.pg.display.get_surface()
        if surface is None:
            return
        if surface is not self.display or surface.get_size() != self._size:
            self.display = surface  # a new window surface (resized): paint all of it
            self._size = surface.get_size()
            self._layers = type(self._layers)([], [])
            self.force_full = self.dirty = self.present_full = True
        from engine.player.repaint import looks

        drawn = [layer.signature() if layer.signature else object() for layer in self.layers]
        still = not (self.dirty or self.force_full or self.present_full)
        shown = looks(self)
        if still and drawn == self._drawn and shown == self._shown:
            self.frames += 1
            # idle time: collect garbage, draw the looks a hover or a press will need, warm
            # the fonts for the texts to come; one of them per frame
            if self.garbage.due:
                self.garbage.step()
            elif not self.looks_ahead.done(self.widgets):
                self.looks_ahead.step(self.widgets, WARM_BUDGET)
            elif not self.glyphs.done:
                self.glyphs.step(WARM_BUDGET)
            return  # nothing changed: the window already shows all of it
        self._layers.undo(self.display)  # wipe last frame's timer and cursors
        self._present(self._update_screen(shown))
        self._drawn = drawn
        self.frames += 1

    @property
    def clean_surface(self) -> Any:
        """The window's own surface holds the screen: no second full-screen copy to keep in
        step, blit and flip; the layers over it are wiped off by putting back what they hid."""
        return self.display

    def _update_screen(self, shown: dict[str, Any]) -> list[Any] | None:
        """Bring the window up to date with every widget and its look (hovered, focused,
        pressed). When the game, the UI or a look changed, only the widgets that look
        different are repainted. Returns the pixel rectangles that changed, None for all."""
        from engine.player.repaint import (
            changed_regions,
            draw_widgets,
            looks,
            open_over,
            put_back,
            repaint,
        )

        if not (self.dirty or self.force_full) and shown == self._shown:
            return []
        self.painter.set_target(self.display)
        old = self.widgets
        if self.dirty:
            self.widgets = self.build()
            shown = looks(self)  # the rebuild may have dropped a focus or hover
        forced, before = self.force_full, self._shown
        regions = None if forced else changed_regions(old, self.widgets, before, shown)
        self._shown = shown
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
        wiped = self._layers.touched
        self.painter.set_target(self.display)
        self.painter.start_recording()
        for layer in self.layers:
            layer.draw()
        self._layers = self.painter.stop_recording()
        if changed is None or self.present_full:
            self.pg.display.flip()
        else:
            rects = [*changed, *wiped, *self._layers.touched]
            if rects:
                self.pg.display.update(rects)
        self.present_full = False

    def _live(self) -> Hashable:
        from engine.player.screens.chrome import live

        return live(self)

    def _draw_live(self) -> None:
        from engine.player.screens.chrome import draw_live, live

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
        for pad in self.pads.values():
            ax = pad.ax if abs(pad.ax) > DEADZONE else 0.0
            ay = pad.ay if abs(pad.ay) > DEADZONE else 0.0
            if ax or ay:
                pad.x = min(1920.0, max(0.0, pad.x + ax * PAD_SPEED * dt))
                pad.y = min(1080.0, max(0.0, pad.y + ay * PAD_SPEED * dt))
                self._update_hover()

    def _update_hover(self) -> None:
        keys = set()
        for pad in self.pads.values():
            widget = self.widget_at(pad.x, pad.y)
            if widget is not None:
                keys.add(widget.key)
        if keys != self.pad_hover:
            self.pad_hover = keys

    def run(self) -> None:
        clock = self.pg.time.Clock()
        while self.running:
            dt = clock.tick(60) / 1000
            self.frame(dt)

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.pg.image.save(self.display, str(path))

    def close(self) -> None:
        self.garbage.stop()
        self.voice.stop()
        self.pg.display.quit()


# --- entry points ---------------------------------------------------------------------------


def _parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        return 1920, 1080
    return max(320, w), max(240, h)


def run_game(
    scenario_path: Path,
    *,
    state: GameState | None = None,
    sink: EventSink | None = None,
    size: tuple[int, int] = (1920, 1080),
    headless: bool = False,
    walkthrough: Path | None = None,
    screenshots: Path | None = None,
    players: Sequence[Any] | None = None,
    fullscreen: bool = False,
    device: str = "mouse",
    on_summary: Callable[[], str] | None = None,
    history: Sequence[ev.Event] = (),
) -> GameState:
    """Play a scenario; with ``walkthrough``, drive it through the UI and return at the end.

    ``players`` (objects or dicts with id, pseudonym, team, colour, avatar) are joined before
    the lobby opens, as when a workshop session already knows who is in the room. ``history``
    is what happened before ``state`` (a resumed session's events), for the console and debrief.
    """
    from engine.load.check import load_scenario
    from engine.player.driver import Driver

    loaded = load_scenario(scenario_path)
    if loaded.scenario is None:
        raise ValueError("; ".join(d.format() for d in loaded.diagnostics))
    app = App(
        loaded.scenario,
        scenario_path.parent,
        state=state,
        sink=sink,
        size=size,
        headless=headless,
        fullscreen=fullscreen,
        history=history,
    )
    app.summary_hook = on_summary
    try:
        for spec in players or ():
            data = (
                spec
                if isinstance(spec, dict)
                else spec.model_dump()
                if hasattr(spec, "model_dump")
                else vars(spec)
            )
            app.act(
                ac.Join(
                    player=data["id"],
                    pseudonym=data["pseudonym"],
                    team=data.get("team", "equipe"),
                    colour=data.get("colour", "#0072b2"),
                    avatar=data.get("avatar", "cercle"),
                )
            )
        if walkthrough is not None:
            from engine.walkthrough import load_walkthrough

            Driver(app, device).play(load_walkthrough(walkthrough), screenshots)
        elif headless:
            app.frame()
            if screenshots is not None:
                app.screenshot(screenshots / "000-start.png")
        else:
            app.run()
        return app.state
    finally:
        app.close()


def play(path: Path, args: argparse.Namespace) -> int:
    """``declic play``: a window for the room, or a headless walkthrough with screenshots."""
    from engine.load.check import load_scenario
    from engine.player.driver import DriverError
    from engine.walkthrough import WalkthroughError

    loaded = load_scenario(path)
    for diagnostic in loaded.diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    if loaded.scenario is None:
        return 1
    if getattr(args, "watch", False) and getattr(args, "walkthrough", None) is None:
        from engine.player.watch import play_watched  # hot reload for authors (watch.py)

        return play_watched(path, args)
    try:
        state = run_game(
            path,
            size=_parse_size(getattr(args, "size", "1920x1080")),
            headless=bool(getattr(args, "headless", False)),
            walkthrough=getattr(args, "walkthrough", None),
            screenshots=getattr(args, "screenshots", None),
            fullscreen=bool(getattr(args, "fullscreen", False)),
        )
    except (DriverError, WalkthroughError) as exc:
        for diagnostic in getattr(exc, "diagnostics", []):
            print(diagnostic.format(), file=sys.stderr)
        print(f"declic : {exc}", file=sys.stderr)
        return 1
    if getattr(args, "screenshots", None):
        print(f"Captures d'écran dans {args.screenshots}")
    if getattr(args, "walkthrough", None) is not None:
        return 0 if state.phase == "ended" else 1
    return 0


__all__ = ["FACILITATOR", "App", "Layer", "Options", "play", "run_game"]
