"""Input: mouse, touch, keyboard and gamepads become widget presses by a known player.

Who acts: a gamepad acts for the player it is bound to; mouse, touch and keyboard act for
the player chosen in the "Qui joue ?" strip. SDL turns each touch into a mouse event too;
those copies carry ``touch=True`` and are ignored here, so a tap never acts twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from engine.core import actions as ac
from engine.core.state import FACILITATOR

if TYPE_CHECKING:
    from engine.player.app import App

ACTIVATE_BUTTONS = (0,)  # A / cross
BACK_BUTTONS = (1,)  # B / circle
NAV_KEYS = {
    pygame.K_LEFT: (-1, 0),
    pygame.K_RIGHT: (1, 0),
    pygame.K_UP: (0, -1),
    pygame.K_DOWN: (0, 1),
}


def handle(app: App, event: Any) -> None:
    kind = event.type
    if kind == pygame.QUIT:
        app.running = False
    elif kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
        if getattr(event, "touch", False):
            return  # SDL's copy of a finger event: the FINGER* event already counted
        if kind == pygame.MOUSEMOTION:
            hover(app, app.painter.to_virtual(event.pos))
        elif getattr(event, "button", 1) == 1:
            pointer(
                app,
                "mouse",
                app.painter.to_virtual(event.pos),
                kind == pygame.MOUSEBUTTONDOWN,
                app.selected,
            )
    elif kind in (pygame.FINGERDOWN, pygame.FINGERUP):
        w, h = app.display.get_size()
        pos = app.painter.to_virtual((event.x * w, event.y * h))
        pointer(app, f"finger:{event.finger_id}", pos, kind == pygame.FINGERDOWN, app.selected)
    elif kind == pygame.KEYDOWN:
        key(app, event)
    elif kind == pygame.TEXTINPUT:
        if app.screen == "lobby" or app.work.puzzle:
            app.type_text(event.text)
    elif kind == pygame.JOYDEVICEADDED:
        pad_added(app, event)
    elif kind == pygame.JOYDEVICEREMOVED:
        pad_removed(app, event)
    elif kind == pygame.JOYAXISMOTION:
        pad = app.pads.get(event.instance_id)
        if pad is not None and event.axis in (0, 1):
            if event.axis == 0:
                pad.ax = event.value
            else:
                pad.ay = event.value
    elif kind == pygame.JOYHATMOTION:
        pad = app.pads.get(event.instance_id)
        if pad is not None and event.value != (0, 0):
            snap(app, pad, event.value[0], -event.value[1])
    elif kind in (pygame.JOYBUTTONDOWN, pygame.JOYBUTTONUP):
        pad = app.pads.get(event.instance_id)
        if pad is None:
            return
        if event.button in ACTIVATE_BUTTONS:
            pointer(
                app,
                f"pad:{pad.instance_id}",
                (pad.x, pad.y),
                kind == pygame.JOYBUTTONDOWN,
                pad.player,
            )
        elif event.button in BACK_BUTTONS and kind == pygame.JOYBUTTONDOWN:
            back(app, pad.player)
    elif kind in (pygame.WINDOWMINIMIZED, pygame.WINDOWHIDDEN):
        app.minimised = True
    elif kind in (
        pygame.WINDOWRESTORED,
        pygame.WINDOWSHOWN,
        pygame.WINDOWMAXIMIZED,
        pygame.WINDOWEXPOSED,
    ):
        app.minimised = False
        app.dirty = True
        app.present_full = True  # the system may have lost the window's pixels
    elif kind in (pygame.WINDOWRESIZED, pygame.WINDOWSIZECHANGED, pygame.VIDEORESIZE):
        app.dirty = True
        app.present_full = True
    elif kind == pygame.WINDOWFOCUSLOST:
        app.pressed.clear()
        app.hover = None
        for pad in app.pads.values():
            pad.ax = pad.ay = 0.0
        app.dirty = True


def hover(app: App, pos: tuple[float, float]) -> None:
    widget = app.widget_at(*pos)
    key = widget.key if widget is not None else None
    if key != app.hover:
        app.hover = key


def pointer(
    app: App, source: str, pos: tuple[float, float], down: bool, player: str | None
) -> None:
    """A press then a release on the same widget activates it; on another one, it drops."""
    widget = app.widget_at(*pos)
    if down:
        if widget is not None:
            app.pressed[source] = widget.key
            if widget.on_drop is not None:  # a draggable thing is picked up at once
                app.press(widget, player, source)
        return
    start = app.pressed.pop(source, None)
    if widget is None or start is None:
        return
    if widget.key == start:
        if widget.on_drop is None:
            app.press(widget, player, source)
    elif widget.on_drop is not None:
        widget.on_drop(start, player)
        app.dirty = True


def key(app: App, event: Any) -> None:
    k = event.key
    mods = getattr(event, "mod", 0)
    if k == pygame.K_F11:
        toggle_fullscreen(app)
    elif k == pygame.K_F1:
        app.read_aloud()
    elif k == pygame.K_F2:
        app.cycle_text_size()
    elif k == pygame.K_F3:
        app.toggle_contrast()
    elif k == pygame.K_F4:
        app.toggle_font()
    elif k == pygame.K_F5:
        app.toggle_sound()
    elif k == pygame.K_q and mods & pygame.KMOD_CTRL:
        app.running = False
    elif k == pygame.K_TAB:
        move_focus(app, -1 if mods & pygame.KMOD_SHIFT else 1)
    elif k in NAV_KEYS:
        dx, dy = NAV_KEYS[k]
        grabbed = app.work.grabbed
        if grabbed and dy and app.focus == f"order:{grabbed}":
            from engine.player.screens.puzzles import shift_item

            shift_item(app, grabbed, dy)
        else:
            spatial_focus(app, dx, dy)
    elif k in (pygame.K_RETURN, pygame.K_KP_ENTER):
        widget = app.find(app.focus)
        if widget is not None and widget.interactive:
            app.press(widget, app.selected, "keyboard")
        else:
            default = app.find("puzzle:submit") or app.find("lobby:add")
            if default is not None and default.interactive:
                app.press(default, app.selected, "keyboard")
    elif k == pygame.K_BACKSPACE:
        app.backspace()
    elif k == pygame.K_ESCAPE:
        back(app, app.selected)


def back(app: App, player: str | None) -> None:
    """Escape / B: drop what is held, else close the open puzzle, else close an overlay."""
    if app.work.grabbed or app.work.left:
        app.work.grabbed = None
        app.work.left = None
    elif app.held is not None:
        app.held = None
    elif app.handover is not None:
        app.handover = None
    elif app.work.puzzle and player is not None:
        app.act(ac.Close(player=player))
    app.dirty = True


def move_focus(app: App, step: int) -> None:
    items = app.focusables()
    if not items:
        return
    keys = [w.key for w in items]
    index = keys.index(app.focus) if app.focus in keys else (-1 if step > 0 else 0)
    app.focus = keys[(index + step) % len(keys)]


def spatial_focus(app: App, dx: int, dy: int) -> None:
    """Arrows move the focus to the nearest widget in that direction."""
    items = app.focusables()
    current = app.find(app.focus)
    if current is None:
        move_focus(app, 1)
        return
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
    if best is not None:
        app.focus = best.key


def snap(app: App, pad: Any, dx: int, dy: int) -> None:
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
    if best is not None:
        pad.x, pad.y = best.centre
        app._update_hover()


def pad_added(app: App, event: Any) -> None:
    if len(app.pads) >= 8:
        return
    device = None
    given: Any = getattr(event, "instance_id", None)
    if given is None:
        given = getattr(event, "device_index", len(app.pads))
    instance = int(given)
    try:
        device = pygame.joystick.Joystick(event.device_index)
        instance = device.get_instance_id()
    except (pygame.error, AttributeError):
        pass  # a synthetic device (tests): keep the id given by the event
    if instance in app.pads:
        return
    from engine.player.app import Pad

    n = len(app.pads)
    app.pads[instance] = Pad(instance, None, 560.0 + 120 * n, 620.0, device=device)
    app.notice = app.t("pad.added")
    app.dirty = True


def pad_removed(app: App, event: Any) -> None:
    pad = app.pads.pop(getattr(event, "instance_id", -1), None)
    if pad is None:
        return
    app.pressed.pop(f"pad:{pad.instance_id}", None)
    who = app.state.players.get(pad.player or "")
    app.notice = app.t("pad.removed", name=who.pseudonym) if who else app.t("pad.removed_free")
    app._update_hover()
    app.dirty = True


def toggle_fullscreen(app: App) -> None:
    try:
        pygame.display.toggle_fullscreen()
    except pygame.error:
        surface = pygame.display.get_surface()
        flags = surface.get_flags() if surface is not None else 0
        try:
            if flags & pygame.FULLSCREEN:
                pygame.display.set_mode(app.window_size, pygame.RESIZABLE)
            else:
                pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        except pygame.error:
            return
    app.dirty = True


def pause(app: App, _who: str | None) -> None:
    if app.state.clock.paused_at is None:
        app.act(ac.Pause(player=FACILITATOR))
    else:
        app.act(ac.Resume(player=FACILITATOR))
