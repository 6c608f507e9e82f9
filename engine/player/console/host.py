"""The facilitator console: a second window on the laptop, or an overlay on a single screen.

Why it holds no game state: it reads ``App.session`` and acts through ``App.act`` with the
player ``facilitator``, so every pause, time change, pushed hint and observation goes through
the same rules and the same sink as the players' actions (one writer, one record).

F9 opens or closes it. With two displays or more it opens as its own ``pygame.Window`` (drag
it to the laptop screen); with one display it is drawn over the game window, which it hides.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame

from engine.core import actions as ac
from engine.core.events import Rejected
from engine.core.rules import MAX_ANNOUNCE
from engine.core.state import FACILITATOR
from engine.locale import refusal_text
from engine.player.console.framework import scenario_framework
from engine.player.console.view import build
from engine.player.intents import Redraw
from engine.player.paint import Painter, Style
from engine.player.perform import perform
from engine.player.repaint import REST
from engine.player.theme import NORMAL, font_files
from engine.player.widgets import Look, Widget

if TYPE_CHECKING:
    from engine.player.app import App

TOGGLE_KEY = pygame.K_F9
POINTER = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION)
TYPING = (pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT, pygame.TEXTEDITING)
FINGERS = (pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION)
NOTE_MAX = 120
NOTE, DRAFT = "note", "draft"
FIELDS = {"console:note": NOTE, "console:draft": DRAFT}


@dataclass
class ConsoleSettings:
    """``alert_minutes``: a team without progress for that long is shown in red."""

    alert_minutes: float = 5.0

    @classmethod
    def from_env(cls) -> ConsoleSettings:
        raw = os.environ.get("DECLIC_ALERT_MINUTES", "")
        try:
            minutes = float(raw) if raw else cls.alert_minutes
        except ValueError:
            minutes = cls.alert_minutes
        return cls(alert_minutes=max(0.5, minutes))


class Console:
    def __init__(
        self,
        app: App,
        settings: ConsoleSettings | None = None,
        displays: Callable[[], int] | None = None,
    ) -> None:
        self.app = app
        self.settings = settings or ConsoleSettings.from_env()
        self.displays = displays or pygame.display.get_num_displays
        self.mode: str | None = None  # None (closed), "window" or "overlay"
        self.window: Any = None
        self.painter = Painter(Style(NORMAL, 1.0, font_files(False)))
        self.widgets: list[Widget] = []
        self.hover: str | None = None
        self.focus: str | None = None
        self.pressed: str | None = None
        self.player: str | None = None
        self.skill: str | None = None
        self.note = ""
        self.draft = ""  # the free message to the teams, being typed
        self.typing = False
        self.field = NOTE  # which text field the typing goes to
        self.private = False  # on the projected overlay: observations and solutions shown
        self.team: str | None = None  # the team whose puzzle panel is open
        self.skipping = False  # "skip" pressed once: the panel asks to confirm
        self.solution = False  # the solution is shown (in private only)
        self.message = ""
        self.canvas: pygame.Surface | None = None
        self._drawn: Any = None
        self._skills: list[tuple[str, str]] | None = None
        self._ghosts = 0  # destroyed windows whose "hidden" report is still to come

    # --- opening and closing --------------------------------------------------------------

    def toggle(self) -> None:
        if self.mode is None:
            self.open()
        else:
            self.close()

    def open(self) -> None:
        """A window when there is a second display to put it on, else the overlay."""
        if self.displays() >= 2:
            self.open_window()
        else:
            self.mode = "overlay"
        self._drawn = None

    def open_window(self, size: tuple[int, int] | None = None) -> None:
        if size is None:
            desktop = pygame.display.get_desktop_sizes()[0]
            width = min(1600, desktop[0] - 80, (desktop[1] - 100) * 16 // 9)
            size = (width, width * 9 // 16)
        self.window = pygame.Window(self.app.t("console.window_title"), size, resizable=True)
        self.mode = "window"
        self._drawn = None

    def close(self) -> None:
        if self.window is not None:
            self.window.destroy()
            self.window = None
            # SDL reports the destroyed window as hidden, with no window attached: the game
            # would take it for its own and stop drawing. ``filter`` drops that one report.
            self._ghosts += 1
        self.mode = None
        self.typing = False
        self.private = False  # opened again over the game, it starts hiding observations
        self.close_panel()
        self.canvas = None
        perform(self.app, Redraw(full=True))

    @property
    def confidential(self) -> bool:
        """Whether what is about named players (and solutions) may be shown: always in the
        laptop's window; on the projected overlay only in the private mode."""
        return self.mode == "window" or self.private

    def toggle_private(self) -> None:
        self.private = not self.private
        self.message = ""  # "Noté : Sam — …" must not stay on the projected screen
        self.solution = self.solution and self.private
        if not self.private and self.field == NOTE:
            self.typing = False

    def open_puzzle_panel(self, team: str) -> None:
        """The panel of a team's current puzzle: hint preview, skip, solution."""
        self.team = None if self.team == team else team
        self.skipping = False
        self.solution = False
        self.message = ""

    def close_panel(self) -> None:
        self.team = None
        self.skipping = False
        self.solution = False

    def push_hint(self, team: str, puzzle: str) -> None:
        self.act(ac.PushHint(player=FACILITATOR, team=team, puzzle=puzzle))

    def skip(self, team: str, puzzle: str) -> None:
        """First press asks to confirm; the second skips (recorded, no skill for anyone)."""
        if not self.skipping:
            self.skipping = True
            return
        self.act(ac.SkipPuzzle(player=FACILITATOR, team=team, puzzle=puzzle))
        self.close_panel()

    def show_solution(self) -> None:
        self.solution = self.confidential and not self.solution

    def start_message(self) -> None:
        self.typing = True
        self.field = DRAFT
        self.focus = "console:draft"

    def send_message(self) -> None:
        if not self.draft.strip():
            return
        events = self.app.act(ac.Announce(player=FACILITATOR, text=self.draft))
        rejected = [e for e in events if isinstance(e, Rejected)]
        if rejected:
            self.message = refusal_text(rejected[0], self.app.t.language)
            return
        self.message = self.app.t("console.message_sent")
        self.draft = ""
        self.typing = False

    def scenario_changed(self) -> None:
        """The scenario was reloaded: its skills are read again when next shown."""
        self._skills = None

    # --- what the facilitator does --------------------------------------------------------

    def act(self, action: ac.Action) -> None:
        events = self.app.act(action)
        rejected = [e for e in events if isinstance(e, Rejected)]
        self.message = (
            refusal_text(rejected[0], self.app.t.language, self.app.t.address) if rejected else ""
        )

    def choose_player(self, player: str) -> None:
        self.player = None if self.player == player else player
        self.message = ""

    def choose_skill(self, skill: str) -> None:
        self.skill = None if self.skill == skill else skill
        self.message = ""

    def start_typing(self) -> None:
        self.typing = True
        self.field = NOTE
        self.focus = "console:note"

    def save_observation(self) -> None:
        if self.player is None or self.skill is None:
            return
        events = self.app.act(
            ac.Observe(player=FACILITATOR, target=self.player, skill=self.skill, note=self.note)
        )
        if any(e.kind == "evidence_recorded" for e in events):
            who = self.app.state.players[self.player].pseudonym
            label = dict(self.skills()).get(self.skill, self.skill)
            self.message = self.app.t("console.saved", name=who, skill=label)
            self.skill = None
            self.note = ""
            self.typing = False
        else:
            self.message = next((getattr(e, "reason", "") for e in events), "")

    def skills(self) -> list[tuple[str, str]]:
        """(id, short label) of the scenario's skills framework, in the framework's order."""
        if self._skills is None:
            framework = scenario_framework(self.app.scenario, self.app.folder)
            self._skills = [(s.id, s.label) for s in framework.skills]
        return self._skills

    # --- input ----------------------------------------------------------------------------

    def filter(self, event: Any) -> bool:
        """Take the events meant for the console; True when the game must not see them."""
        kind = event.type
        if kind == pygame.WINDOWHIDDEN and self._ghosts and getattr(event, "window", 0) is None:
            self._ghosts -= 1
            return True
        if kind == pygame.KEYDOWN and event.key == TOGGLE_KEY:
            self.toggle()
            return True
        if self.mode == "window":
            if getattr(event, "window", None) is not self.window or self.window is None:
                return False
            if kind == pygame.WINDOWCLOSE:
                self.close()
            else:
                self.handle(event)
            self._drawn = (
                None if kind in (pygame.WINDOWEXPOSED, pygame.WINDOWRESIZED) else self._drawn
            )
            return True
        if self.mode == "overlay" and kind in POINTER + TYPING + FINGERS:
            self.handle(event)
            return True
        return False

    def handle(self, event: Any) -> None:
        kind = event.type
        if kind in POINTER:
            pos = self.painter.to_virtual(event.pos)
            widget = self.widget_at(pos)
            key = widget.key if widget is not None else None
            if kind == pygame.MOUSEMOTION:
                self.hover = key
            elif getattr(event, "button", 1) != 1:
                return
            elif kind == pygame.MOUSEBUTTONDOWN:
                self.pressed = key
            else:
                if key is not None and key == self.pressed:
                    self.press(widget)
                self.pressed = None
        elif kind == pygame.TEXTINPUT and self.typing:
            if self.field == DRAFT:
                self.draft = (self.draft + event.text)[:MAX_ANNOUNCE]
            else:
                self.note = (self.note + event.text)[:NOTE_MAX]
        elif kind == pygame.KEYDOWN:
            self.key(event)

    def key(self, event: Any) -> None:
        k = event.key
        if k == pygame.K_BACKSPACE and self.typing:
            if self.field == DRAFT:
                self.draft = self.draft[:-1]
            else:
                self.note = self.note[:-1]
        elif k == pygame.K_ESCAPE:
            if self.typing:
                self.typing = False
            elif self.team is not None:  # the puzzle's panel first, then the console
                self.close_panel()
            elif self.mode == "overlay":
                self.close()
        elif k == pygame.K_TAB:
            keys = [w.key for w in self.widgets if w.interactive]
            if keys:
                step = -1 if getattr(event, "mod", 0) & pygame.KMOD_SHIFT else 1
                index = keys.index(self.focus) if self.focus in keys else -1
                self.focus = keys[(index + step) % len(keys)]
                self.typing = self.focus in FIELDS
                self.field = FIELDS.get(self.focus or "", self.field)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.typing:
                if self.field == DRAFT:
                    self.send_message()
                else:
                    self.save_observation()
                return
            widget = self.find(self.focus)
            if widget is not None and widget.interactive:
                self.press(widget)

    def press(self, widget: Widget | None) -> None:
        if widget is None or widget.on_press is None:
            return
        if widget.key not in FIELDS:
            self.typing = False
        widget.on_press(FACILITATOR)

    def find(self, key: str | None) -> Widget | None:
        return next((w for w in self.widgets if w.key == key), None) if key else None

    def widget_at(self, pos: tuple[float, float]) -> Widget | None:
        for widget in reversed(self.widgets):
            if widget.interactive and widget.contains(*pos):
                return widget
        return None

    # --- drawing --------------------------------------------------------------------------

    def layer_signature(self) -> Hashable:
        """Closed, it shows nothing; open, it is drawn each frame (it repaints only on change)."""
        return object() if self.mode else None

    def draw(self) -> None:
        """A layer of the game window: paints the console where it is shown."""
        if self.mode == "window" and self.window is not None:
            target = self.window.get_surface()
            if self.render(target.get_size()):
                assert self.canvas is not None
                target.blit(self.canvas, (0, 0))
                self.window.flip()
        elif self.mode == "overlay":
            self.render(self.app.display.get_size())
            assert self.canvas is not None
            self.app.painter.put(self.canvas)  # through the painter: the window updates there

    def render(self, size: tuple[int, int]) -> bool:
        """Rebuild and repaint when anything it shows changed; True when repainted."""
        self.widgets = build(self)
        signature = (
            size,
            tuple(w.signature for w in self.widgets),
            self.hover,
            self.focus,
            self.pressed,
        )
        if signature == self._drawn and self.canvas is not None:
            return False
        if self.canvas is None or self.canvas.get_size() != size:
            self.canvas = pygame.Surface(size)
        self.painter.set_target(self.canvas)
        for widget in self.widgets:
            look = Look(
                hovered=widget.key == self.hover,
                focused=widget.key == self.focus,
                pressed=widget.key == self.pressed,
            )
            widget.draw(self.painter, look if widget.interactive else REST)
        self._drawn = signature
        return True

    def screenshot(self, path: Any) -> None:
        """Save what the console shows (the window's picture, or the overlay's)."""
        if self.canvas is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            pygame.image.save(self.canvas, str(path))
