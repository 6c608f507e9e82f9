"""Input: mouse, touch, keyboard and gamepads become widget presses by a known player.

``handle`` reads one pygame event and returns what it means, as intents
(``engine/player/intents.py``); ``engine/player/perform.py`` applies them.

Who acts: a gamepad acts for the player it is bound to; mouse, touch and keyboard act for
the player chosen in the "Qui joue ?" strip. SDL turns each touch into a mouse event too;
those copies carry ``touch=True`` and are ignored here, so a tap never acts twice.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import pygame

from engine.player import intents as do
from engine.player.intents import Intent
from engine.player.puzzle_views.order import shifted

if TYPE_CHECKING:
    from engine.player.app import App

MAX_PADS = 8
ACTIVATE_BUTTONS = (0,)  # A / cross
BACK_BUTTONS = (1,)  # B / circle
NAV_KEYS = {
    pygame.K_LEFT: (-1, 0),
    pygame.K_RIGHT: (1, 0),
    pygame.K_UP: (0, -1),
    pygame.K_DOWN: (0, 1),
}


def handle(app: App, event: Any) -> list[Intent]:
    """What one pygame event asks for."""
    kind = event.type
    ui = app.ui
    if kind == pygame.QUIT:
        return [do.Quit()]
    if kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
        if getattr(event, "touch", False):
            return []  # SDL's copy of a finger event: the FINGER* event already counted
        if kind == pygame.MOUSEMOTION:
            return hover(app, app.painter.to_virtual(event.pos))
        if getattr(event, "button", 1) == 1:
            down = kind == pygame.MOUSEBUTTONDOWN
            return pointer(app, "mouse", app.painter.to_virtual(event.pos), down, ui.selected)
        return []
    if kind in (pygame.FINGERDOWN, pygame.FINGERUP):
        w, h = app.display.get_size()
        pos = app.painter.to_virtual((event.x * w, event.y * h))
        return pointer(
            app, f"finger:{event.finger_id}", pos, kind == pygame.FINGERDOWN, ui.selected
        )
    if kind == pygame.KEYDOWN:
        return key(app, event)
    if kind == pygame.TEXTINPUT:
        return [do.TypeText(event.text)] if ui.screen == "lobby" or ui.work.puzzle else []
    if kind == pygame.JOYDEVICEADDED:
        return pad_added(app, event)
    if kind == pygame.JOYDEVICEREMOVED:
        return [do.PadRemoved(getattr(event, "instance_id", -1))]
    if kind == pygame.JOYAXISMOTION:
        if event.instance_id in ui.pads and event.axis in (0, 1):
            return [do.PadStick(event.instance_id, event.axis, event.value)]
        return []
    if kind == pygame.JOYHATMOTION:
        pad = ui.pads.get(event.instance_id)
        if pad is not None and event.value != (0, 0):
            return snap(app, pad, event.value[0], -event.value[1])
        return []
    if kind in (pygame.JOYBUTTONDOWN, pygame.JOYBUTTONUP):
        pad = ui.pads.get(event.instance_id)
        if pad is None:
            return []
        if event.button in ACTIVATE_BUTTONS:
            source = f"pad:{pad.instance_id}"
            return pointer(app, source, (pad.x, pad.y), kind == pygame.JOYBUTTONDOWN, pad.player)
        if event.button in BACK_BUTTONS and kind == pygame.JOYBUTTONDOWN:
            return [do.Back(pad.player)]
        return []
    if kind in (pygame.WINDOWMINIMIZED, pygame.WINDOWHIDDEN):
        return [do.Window(minimised=True)]
    if kind in (
        pygame.WINDOWRESTORED,
        pygame.WINDOWSHOWN,
        pygame.WINDOWMAXIMIZED,
        pygame.WINDOWEXPOSED,
    ):
        return [do.Window(minimised=False)]  # the system may have lost the window's pixels
    if kind in (pygame.WINDOWRESIZED, pygame.WINDOWSIZECHANGED, pygame.VIDEORESIZE):
        return [do.Redraw(window=True)]
    if kind == pygame.WINDOWFOCUSLOST:
        return [do.Window(minimised=None)]
    return []


def hover(app: App, pos: tuple[float, float]) -> list[Intent]:
    widget = app.widget_at(*pos)
    key = widget.key if widget is not None else None
    return [do.Hover(key)] if key != app.ui.hover else []


def pointer(
    app: App, source: str, pos: tuple[float, float], down: bool, player: str | None
) -> list[Intent]:
    """A press then a release on the same widget activates it; on another one, it drops."""
    widget = app.widget_at(*pos)
    if down:
        if widget is None:
            return []
        pressed: list[Intent] = [do.PressStart(source, widget.key)]
        if widget.on_drop is not None:  # a draggable thing is picked up at once
            pressed.append(do.Activate(widget.key, player, source))
        return pressed
    start = app.ui.pressed.get(source)
    ended: list[Intent] = [do.PressEnd(source)]
    if widget is None or start is None:
        return ended
    if widget.key == start:
        if widget.on_drop is None:
            ended.append(do.Activate(widget.key, player, source))
    elif widget.on_drop is not None:
        ended.append(do.Drop(start, widget.key, player))
    return ended


def key(app: App, event: Any) -> list[Intent]:
    k = event.key
    mods = getattr(event, "mod", 0)
    ui = app.ui
    if k in OPTION_KEYS:
        return [OPTION_KEYS[k]]
    if k == pygame.K_q and mods & pygame.KMOD_CTRL:
        return [do.Quit()]
    if k == pygame.K_TAB:
        return move_focus(app, -1 if mods & pygame.KMOD_SHIFT else 1)
    if k in NAV_KEYS:
        dx, dy = NAV_KEYS[k]
        grabbed = ui.work.grabbed
        if grabbed and dy and ui.focus == f"order:{grabbed}":
            return [do.EditWork(partial(shifted, grabbed, dy))]
        return spatial_focus(app, dx, dy)
    if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
        widget = app.find(ui.focus)
        if widget is None or not widget.interactive:
            widget = app.find("puzzle:submit") or app.find("lobby:add")
        if widget is not None and widget.interactive:
            return [do.Activate(widget.key, ui.selected, "keyboard")]
        return []
    if k == pygame.K_BACKSPACE:
        return [do.Backspace()]
    if k == pygame.K_ESCAPE:
        return [do.Back(ui.selected)]
    return []


OPTION_KEYS: dict[int, Intent] = {
    pygame.K_F11: do.Fullscreen(),
    pygame.K_F1: do.ReadAloud(),
    pygame.K_F2: do.Option("text_size"),
    pygame.K_F3: do.Option("contrast"),
    pygame.K_F4: do.Option("font"),
    pygame.K_F5: do.Option("sound"),
}


def move_focus(app: App, step: int) -> list[Intent]:
    items = app.focusables()
    if not items:
        return []
    keys = [w.key for w in items]
    focus = app.ui.focus
    index = keys.index(focus) if focus in keys else (-1 if step > 0 else 0)
    return [do.Focus(keys[(index + step) % len(keys)])]


def spatial_focus(app: App, dx: int, dy: int) -> list[Intent]:
    """Arrows move the focus to the nearest widget in that direction."""
    items = app.focusables()
    current = app.find(app.ui.focus)
    if current is None:
        return move_focus(app, 1)
    cx, cy = current.centre
    best, best_score = None, float("inf")
    for widget in items:
        if widget.key == current.key:
            continue
        x, y = widget.centre
        along = (x - cx) * dx + (y - cy) * dy
        if along <= 1:
            continue
        across = abs((x - cx) * dy) + abs((y - cy) * dx)
        score = along + 2.5 * across
        if score < best_score:
            best, best_score = widget, score
    return [do.Focus(best.key)] if best is not None else []


def snap(app: App, pad: Any, dx: int, dy: int) -> list[Intent]:
    """The D-pad jumps the pad's cursor to the next widget in that direction."""
    best, best_score = None, float("inf")
    for widget in app.focusables():
        x, y = widget.centre
        along = (x - pad.x) * dx + (y - pad.y) * dy
        if along <= 4:
            continue
        score = along + 2.5 * (abs((x - pad.x) * dy) + abs((y - pad.y) * dx))
        if score < best_score:
            best, best_score = widget, score
    if best is None:
        return []
    x, y = best.centre
    return [do.PadTo(pad.instance_id, x, y)]


def pad_added(app: App, event: Any) -> list[Intent]:
    pads = app.ui.pads
    if len(pads) >= MAX_PADS:
        return []
    device = None
    given: Any = getattr(event, "instance_id", None)
    if given is None:
        given = getattr(event, "device_index", len(pads))
    instance = int(given)
    try:
        device = pygame.joystick.Joystick(event.device_index)
        instance = device.get_instance_id()
    except (pygame.error, AttributeError):
        pass  # a synthetic device (tests): keep the id given by the event
    return [] if instance in pads else [do.PadAdded(instance, device)]


def toggle_fullscreen(window_size: tuple[int, int]) -> None:
    try:
        pygame.display.toggle_fullscreen()
    except pygame.error:
        surface = pygame.display.get_surface()
        flags = surface.get_flags() if surface is not None else 0
        try:
            if flags & pygame.FULLSCREEN:
                pygame.display.set_mode(window_size, pygame.RESIZABLE)
            else:
                pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        except pygame.error:
            return
