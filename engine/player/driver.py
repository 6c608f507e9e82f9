"""Play a walkthrough through the real UI, as a person would, with a chosen input device.

Each step becomes synthetic pygame events posted to the queue — tap the player's avatar in
"Qui joue ?", then click the hotspot's rectangle on screen, type the code on the keypad… —
never a direct call to the core. Used by ``declic play --headless --walkthrough`` and by the
tests, which drive every shipped scenario with the mouse, touch, the keyboard and gamepads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from engine.core import actions as ac
from engine.core.events import Event
from engine.core.state import FACILITATOR
from engine.player.puzzle_views import view_of
from engine.player.screens.keyboard import ROWS, key_id
from engine.walkthrough import PlayerSpec, Walkthrough

if TYPE_CHECKING:
    from engine.player.app import App

DEVICES = ("mouse", "touch", "keyboard", "gamepad")
OSK_CHARS = set("".join(ROWS)) | {" "}


class DriverError(Exception):
    """The walkthrough cannot be played through the screen (a thing is missing or refused)."""


@dataclass
class StepRecord:
    index: int
    action: ac.Action
    player: str  # the UI's id of the walkthrough's player
    events: list[Event]
    screenshot: Path | None = None


@dataclass
class DriveResult:
    ids: dict[str, str] = field(default_factory=dict)
    records: list[StepRecord] = field(default_factory=list)
    screenshots: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Pace:
    """How a person uses a mouse: the pointer travels to its target over ``travel`` frames
    and a button stays down for ``hold`` frames. Without a pace the driver moves, presses
    and releases within one frame (fast tests); with one, a benchmark sees the frames a
    room would: the hovers on the way, the pressed look, then the answer."""

    travel: int = 12
    hold: int = 6


class Driver:
    def __init__(self, app: App, device: str = "mouse", pace: Pace | None = None) -> None:
        if device not in DEVICES:
            raise DriverError(f"appareil inconnu « {device} » (choix : {', '.join(DEVICES)})")
        self.app = app
        self.device = device
        self.pace = pace
        self.pointer = (0.0, 0.0)  # where the mouse is, in window pixels
        self.result = DriveResult()
        self.pads: dict[str, int] = {}
        self.shots: Path | None = None
        self.count = 0
        self.observer: Callable[[str, App], None] | None = None  # sees each moment (gallery)

    # --- the walkthrough -------------------------------------------------------------------

    def play(self, walkthrough: Walkthrough, screenshots: Path | None = None) -> DriveResult:
        app = self.app
        self.shots = screenshots
        app.frame()
        if app.ui.screen == "start":
            self.shot("start")
            self.press("start:play", None)
        for spec in walkthrough.spec.players:
            if spec.id in app.state.players:
                self.result.ids[spec.id] = spec.id
                continue
            self.join(spec)
        self.shot("lobby")
        if app.state.phase == "lobby":
            self.press("lobby:start", None)
        self.shot("go")
        self.dismiss()
        for index, step in enumerate(walkthrough.steps):
            self.advance(step.wait if step.action is None else walkthrough.spec.seconds_per_step)
            if step.action is None:
                self.frames(2)
                continue
            if app.state.phase == "ended":
                break
            start = len(app.log)
            self.do(step.action)
            who = self.result.ids.get(step.action.player, step.action.player)
            record = StepRecord(index, step.action, who, list(app.log[start:]))
            record.screenshot = self.shot(f"{step.action.key}")
            self.result.records.append(record)
            self.dismiss()
        self.frames(2)
        self.shot("end")
        return self.result

    def advance(self, seconds: float) -> None:
        if self.app.fake_clock is not None:
            self.app.fake_clock.advance(seconds)
        self.frames(1)

    def shot(self, label: str) -> Path | None:
        if self.observer is not None:
            self.frames(1)
            self.observer(label, self.app)
        if self.shots is None:
            return None
        self.frames(1)
        path = self.shots / f"{self.count:03d}-{label}.png"
        self.count += 1
        self.app.screenshot(path)
        self.result.screenshots.append(path)
        return path

    def dismiss(self) -> None:
        cheer = self.app.ui.cheer
        if cheer is not None:  # the points stay on screen their time, then the hand-over
            if self.app.fake_clock is not None:
                self.app.fake_clock.advance(max(0.0, cheer.until - self.app.session.clock()))
            else:
                self.press("cheer", None)
            self.frames(1)
        if self.app.find("handover:ok") is not None:
            self.press("handover:ok", None)

    # --- joining ---------------------------------------------------------------------------

    def join(self, spec: PlayerSpec) -> None:
        app = self.app
        if self.device == "gamepad":
            index = len(self.pads)
            instance = 100 + index
            post(pygame.JOYDEVICEADDED, device_index=index + 50, instance_id=instance)
            self.frames(1)
            self.pads[spec.id] = instance
        actor = spec.id
        self.press("field:pseudonym", actor, lobby=True)
        self.type(spec.pseudonym, actor, "osk", lobby=True)
        given = spec.model_fields_set
        if "colour" in given:  # else keep the colour the lobby suggests (all different)
            self.press(f"colour:{spec.colour.lower()}", actor, lobby=True)
        if "avatar" in given:
            self.press(f"shape:{spec.avatar}", actor, lobby=True)
        if app.scenario.team_mode == "turns":
            self.press(f"team:{spec.team}", actor, lobby=True)
        before = len(app.state.players)
        self.press("lobby:add", actor, lobby=True)
        if len(app.state.players) == before or app.ui.last_joined is None:
            raise DriverError(
                f"le joueur « {spec.pseudonym} » n'a pas pu rejoindre : {app.ui.notice or '?'}"
            )
        self.result.ids[spec.id] = app.ui.last_joined

    def type(self, text: str, actor: str | None, prefix: str, *, lobby: bool = False) -> None:
        """Type with the physical keyboard (keyboard, mouse users) or the on-screen one."""
        if self.device in ("keyboard", "mouse") and (lobby or self.device == "keyboard"):
            for char in text:
                post(pygame.TEXTINPUT, text=char)
            self.frames(1)
            return
        for char in text.lower():
            if char not in OSK_CHARS:
                raise DriverError(f"le caractère « {char} » n'est pas sur le clavier à l'écran")
            self.press(f"{prefix}:{key_id(char)}", actor, lobby=lobby)

    # --- actions ---------------------------------------------------------------------------

    def select(self, player: str) -> None:
        """Tap the player's avatar in "Qui joue ?" (gamepads are already bound to theirs)."""
        if player == FACILITATOR or self.device == "gamepad":
            return
        self.press(f"player:{self.result.ids.get(player, player)}", player)

    def do(self, action: ac.Action) -> None:
        who = action.player
        self.select(who)
        match action:
            case ac.Use(hotspot=hotspot, item=item):
                if item is not None:
                    self.press(f"item:{item}", who)
                self.press(f"hotspot:{hotspot}", who)
            case ac.Go(to=to):
                key = f"exit:{to}" if self.app.find(f"exit:{to}") is not None else f"place:{to}"
                self.press(key, who)
            case ac.Examine(item=item):
                self.press(f"item:{item}", who)
                self.press("held:examine", who)
                if self.app.ui.document is not None:  # read full screen, then closed
                    self.shot(f"document-{item}")
                    self.press("document:close", who)
            case ac.Combine(first=first, second=second):
                self.press(f"item:{first}", who)
                self.press(f"item:{second}", who)
            case ac.Answer(puzzle=puzzle_id, value=value):
                self.answer(who, puzzle_id, value)
            case ac.Hint():
                self.press("puzzle:hint", who)
            case ac.Close():
                self.press("puzzle:close", who)
            case ac.PassTurn():
                self.press("turn:pass", who)
            case ac.Pause() | ac.Resume():
                self.press("bar:pause", who)
            case _:
                raise DriverError(f"l'action « {action.key} » n'a pas encore de geste à l'écran")

    def answer(self, who: str, puzzle_id: str, value: Any) -> None:
        """The puzzle type's view says how a person answers it (``puzzle_views``); then
        "Valider", unless the view's widgets answer by themselves."""
        app = self.app
        puzzle = app.puzzle(puzzle_id) if puzzle_id in app.rules.puzzles else None
        if puzzle is None:
            raise DriverError(f"l'énigme « {puzzle_id} » n'est pas ouverte à l'écran")
        view = view_of(puzzle)
        if view.panel and app.ui.work.puzzle != puzzle_id:
            raise DriverError(f"l'énigme « {puzzle_id} » n'est pas ouverte à l'écran")
        view.drive(self, who, puzzle, value)
        if view.submits:
            self.press("puzzle:submit", who)

    # --- gestures --------------------------------------------------------------------------

    def widget(self, key: str) -> Any:
        widget = self.app.find(key)
        if widget is None:
            self.frames(1)
            widget = self.app.find(key)
        if widget is None:
            raise DriverError(f"« {key} » n'est pas à l'écran ({self.app.ui.screen})")
        if not widget.interactive:
            raise DriverError(f"« {key} » ne peut pas être activé maintenant")
        return widget

    def press(self, key: str, actor: str | None, *, lobby: bool = False) -> None:
        widget = self.widget(key)
        if self.device == "mouse":
            pos = self.app.painter.to_window(widget.centre)
            self.travel(pos)
            post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False)
            self.hold()
            post(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False)
        elif self.device == "touch":
            self.finger(widget.centre, widget.centre)
        elif self.device == "keyboard":
            self.focus(key)
            self.key(pygame.K_RETURN)
            return
        else:
            pad = self.pad_for(actor)
            self.move_pad(pad, widget)
            post(pygame.JOYBUTTONDOWN, instance_id=pad, joy=pad, button=0)
            post(pygame.JOYBUTTONUP, instance_id=pad, joy=pad, button=0)
        self.frames(1)

    def finger(self, start: tuple[float, float], end: tuple[float, float]) -> None:
        """A tap (or a drag) with one finger, plus the mouse copies SDL makes of it."""
        w, h = self.app.display.get_size()
        a = self.app.painter.to_window(start)
        b = self.app.painter.to_window(end)
        post(
            pygame.FINGERDOWN,
            touch_id=1,
            finger_id=0,
            x=a[0] / w,
            y=a[1] / h,
            dx=0.0,
            dy=0.0,
            pressure=1.0,
        )
        post(pygame.MOUSEBUTTONDOWN, pos=a, button=1, touch=True)
        if b != a:
            post(
                pygame.FINGERMOTION,
                touch_id=1,
                finger_id=0,
                x=b[0] / w,
                y=b[1] / h,
                dx=0.0,
                dy=0.0,
                pressure=1.0,
            )
        post(
            pygame.FINGERUP,
            touch_id=1,
            finger_id=0,
            x=b[0] / w,
            y=b[1] / h,
            dx=0.0,
            dy=0.0,
            pressure=0.0,
        )
        post(pygame.MOUSEBUTTONUP, pos=b, button=1, touch=True)

    def drag(self, source: str, target: str) -> None:
        a, b = self.widget(source).centre, self.widget(target).centre
        if self.device == "touch":
            self.finger(a, b)
        else:
            pa, pb = self.app.painter.to_window(a), self.app.painter.to_window(b)
            if self.pace is not None:
                self.travel(pa)
            post(pygame.MOUSEBUTTONDOWN, pos=pa, button=1, touch=False)
            self.hold()
            self.travel(pb, buttons=(1, 0, 0))
            post(pygame.MOUSEBUTTONUP, pos=pb, button=1, touch=False)
        self.frames(1)

    def travel(self, to: tuple[float, float], buttons: tuple[int, int, int] = (0, 0, 0)) -> None:
        """Move the mouse to ``to``: at once, or along a line over the pace's frames."""
        start = self.pointer
        steps = self.pace.travel if self.pace is not None else 1
        for i in range(1, steps + 1):
            at = (
                round(start[0] + (to[0] - start[0]) * i / steps),
                round(start[1] + (to[1] - start[1]) * i / steps),
            )
            rel = (at[0] - round(self.pointer[0]), at[1] - round(self.pointer[1]))
            post(pygame.MOUSEMOTION, pos=at, rel=rel, buttons=buttons, touch=False)
            self.pointer = at
            if i < steps:
                self.frames(1)

    def hold(self) -> None:
        """Keep a mouse button down as long as the pace says (not at all without one)."""
        if self.pace is not None:
            self.frames(self.pace.hold)

    def key(self, code: int, mod: int = 0) -> None:
        post(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0)
        post(pygame.KEYUP, key=code, mod=mod, unicode="", scancode=0)
        self.frames(1)

    def focus(self, key: str) -> None:
        """Press Tab until the wanted widget has the focus, as a keyboard user does."""
        app = self.app
        for _ in range(len(app.focusables()) + 2):
            if app.ui.focus == key:
                return
            self.key(pygame.K_TAB)
        raise DriverError(f"« {key} » n'est pas atteignable avec Tab")

    def pad_for(self, actor: str | None) -> int:
        if actor is not None and actor in self.pads:
            return self.pads[actor]
        if not self.pads:
            post(pygame.JOYDEVICEADDED, device_index=49, instance_id=99)
            self.frames(1)
            self.pads["__facilitator"] = 99
        return next(iter(self.pads.values()))

    def move_pad(self, instance: int, widget: Any) -> None:
        """Push the stick towards the widget until the pad's cursor is on it."""
        app = self.app
        _x, _y, w, h = widget.rect
        cx, cy = widget.centre
        for _ in range(900):
            pad = app.ui.pads.get(instance)
            if pad is None:
                raise DriverError("la manette a été débranchée")
            dx, dy = cx - pad.x, cy - pad.y
            inside_x, inside_y = abs(dx) < w * 0.3, abs(dy) < h * 0.3
            if inside_x and inside_y:
                break
            ax = 0.0 if inside_x else _stick(dx)
            ay = 0.0 if inside_y else _stick(dy)
            post(pygame.JOYAXISMOTION, instance_id=instance, joy=instance, axis=0, value=ax)
            post(pygame.JOYAXISMOTION, instance_id=instance, joy=instance, axis=1, value=ay)
            self.frames(1)
        else:
            raise DriverError("le curseur de la manette n'atteint pas sa cible")
        post(pygame.JOYAXISMOTION, instance_id=instance, joy=instance, axis=0, value=0.0)
        post(pygame.JOYAXISMOTION, instance_id=instance, joy=instance, axis=1, value=0.0)
        self.frames(1)

    def frames(self, n: int) -> None:
        for _ in range(n):
            self.app.frame(1 / 60)


def _stick(distance: float) -> float:
    magnitude = max(0.3, min(1.0, abs(distance) / 300))
    return magnitude if distance > 0 else -magnitude


def post(kind: int, **values: Any) -> None:
    pygame.event.post(pygame.event.Event(kind, **values))
