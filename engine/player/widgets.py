"""Widgets: what is on screen, where, and what pressing it does.

A screen is rebuilt as a flat list of widgets whenever something changed; the same list is
drawn in order, hit-tested from the top, walked by Tab and read aloud. Keys are stable
(``hotspot:frigo``, ``player:p2``) so focus survives a rebuild and tests can find things.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pygame

from engine.player.icons import avatar_maker, icon_surface
from engine.player.intents import Intents
from engine.player.paint import Painter, VRect
from engine.player.theme import Colour, mix, readable_on


@dataclass(frozen=True)
class Look:
    hovered: bool = False
    focused: bool = False
    pressed: bool = False


AT_REST = Look()
#: a press gets the acting player (or None) and returns what it wants done (intents.py)
Press = Callable[[str | None], Intents]
DrawFn = Callable[[Painter, Look], None]


@dataclass
class Widget:
    """``on_press`` gets the acting player id (or None when nobody is chosen yet)."""

    key: str
    rect: VRect
    draw: DrawFn
    label: str = ""
    on_press: Press | None = None
    needs_player: bool = False
    focusable: bool = True
    on_drop: Callable[[str, str | None], Intents] | None = None
    sig: Hashable = None  # what it shows besides its label: unchanged → not repainted
    bleed: float = 16  # how far its drawing may spill outside ``rect`` (shadows, chips)
    rest_bleed: float | None = None  # the same at rest (no hover, focus ring or lift)
    #: this widget and all before it change rarely (a puzzle's panel over the scene): the
    #: repaint keeps their picture and copies it back under changes above (engine/player/repaint)
    backdrop: bool = False
    #: a backdrop widget whose drawing is opaque over the whole screen (the hand-over): what
    #: lies before it is not drawn when it appears, but painted ahead while idle, for when
    #: it closes (engine/player/repaint)
    covers: bool = False
    #: its drawing is opaque and depends only on ``signature`` and the look (the style aside):
    #: it may be drawn once into a picture and blitted (engine/player/repaint.paint)
    pictured: bool = False
    #: pictured, and the first thing drawn over the plain background wherever it reaches (a
    #: screen's backdrop, the tour's map): its picture holds that background and is opaque,
    #: so repainting a part of it copies pixels instead of blending them
    ground: bool = False
    #: read aloud instead of ``label`` when it says more than the drawing shows (an order
    #: card's place): not part of the signature, so the picture stays the same
    spoken: str | None = None
    #: takes the focus when nothing has it (Enter then presses it): the debrief's "next"
    autofocus: bool = False

    @cached_property
    def signature(self) -> Hashable:
        """What it shows (with its look): kept, since every frame compares it."""
        return (self.rect, self.label, self.sig)

    @property
    def paint(self) -> VRect:
        x, y, w, h = self.rect
        b = self.bleed
        return (x - b, y - b, w + 2 * b, h + 2 * b)

    def reach(self, look: Look) -> VRect:
        """Where it draws with this look: a repaint skips it when that misses the region."""
        if self.rest_bleed is None or look != AT_REST:
            return self.paint
        x, y, w, h = self.rect
        b = self.rest_bleed
        return (x - b, y - b, w + 2 * b, h + 2 * b)

    @property
    def interactive(self) -> bool:
        return self.on_press is not None

    def contains(self, x: float, y: float) -> bool:
        rx, ry, rw, rh = self.rect
        return rx <= x < rx + rw and ry <= y < ry + rh

    @property
    def centre(self) -> tuple[float, float]:
        x, y, w, h = self.rect
        return x + w / 2, y + h / 2


def decoration(
    key: str,
    rect: VRect,
    draw: DrawFn,
    label: str = "",
    sig: Hashable = None,
    *,
    backdrop: bool = False,
    covers: bool = False,
    bleed: float = 16,
    pictured: bool = False,
    ground: bool = False,
) -> Widget:
    """Something drawn that cannot be pressed (it may still be read aloud)."""
    return Widget(
        key,
        rect,
        draw,
        label,
        None,
        focusable=False,
        sig=sig,
        bleed=bleed,
        backdrop=backdrop or covers,
        covers=covers,
        pictured=pictured or ground,
        ground=ground,
    )


def focus_ring(p: Painter, rect: VRect, look: Look, radius: float = 18) -> None:
    if look.focused:
        x, y, w, h = rect
        p.rect((x - 7, y - 7, w + 14, h + 14), (0, 0, 0), radius + 6, 9)
        p.rect((x - 6, y - 6, w + 12, h + 12), p.theme.focus, radius + 6, 6)


def _faded(surface: pygame.Surface, enabled: bool) -> pygame.Surface:
    if not enabled:
        surface.set_alpha(70)
    return surface


def button_face(
    p: Painter,
    rect: VRect,
    look: Look,
    colour: Colour | None = None,
    selected: bool = False,
    enabled: bool = True,
) -> tuple[float, Colour]:
    """A button's body: its shadow, its colour (lit when hovered) lifted when hovered or
    focused, its outline in high contrast; returns the lift and the colour, for the label."""
    theme = p.theme
    base = colour or theme.panel_alt
    if selected:
        base = theme.accent
    if not enabled:
        base = mix(base, theme.background, 0.6)
    if look.hovered or look.pressed:
        base = mix(base, (255, 255, 255), 0.18)
    x, y, w, h = rect
    lift = 4 if (look.hovered or look.focused) and enabled else 0
    p.rect((x, y + 6, w, h), mix(base, (0, 0, 0), 0.45), 18)
    p.rect((x, y - lift, w, h), base, 18)
    if theme.outline:
        p.rect((x, y - lift, w, h), theme.text, 18, theme.outline)
    return lift, base


def button(
    key: str,
    rect: VRect,
    label: str,
    on_press: Press | None,
    *,
    icon: str | None = None,
    colour: Colour | None = None,
    text_colour: Colour | None = None,
    needs_player: bool = False,
    selected: bool = False,
    enabled: bool = True,
    size: float = 34,
    show_label: bool = True,
    spoken: str | None = None,
    badge: str | None = None,
    one_line: bool = False,
) -> Widget:
    """A big rounded button: optional icon, label, badge; focus ring and hover light. A
    ``one_line`` label (a key of the on-screen keyboard) keeps its size in a low button: it
    is centred on one line and narrowed only if too wide, not shrunk to a line's height."""

    def draw(p: Painter, look: Look) -> None:
        theme = p.theme
        lift, base = button_face(p, rect, look, colour, selected, enabled)
        x, y, w, h = rect
        ink = text_colour or (theme.accent_text if selected else readable_on(base))
        if not enabled:
            ink = mix(ink, base, 0.5)
        pad = 14
        if icon is not None:
            side = min(h - 2 * pad, w - 2 * pad) if not show_label else h - 2 * pad
            ix = x + pad if show_label else x + (w - side) / 2
            p.blit_shape(
                ("icon", icon, enabled),
                (ix, y - lift + (h - side) / 2, side, side),
                lambda s: _faded(icon_surface(icon, s, label), enabled),
            )
            tx = ix + side + 12
        else:
            tx = x + pad
        if show_label and one_line:
            p.text(label, (x + w / 2, y - lift + h / 2), size, ink, True, "center", w - 12)
        elif show_label:
            inner = (tx, y - lift + 6, x + w - pad - tx, h - 12)
            p.text_box(
                label, inner, size, ink, True, "center" if icon is None else "left", "middle"
            )
        if badge:
            p.circle((x + w - 10, y - lift + 10), 24, theme.bad)
            p.text(badge, (x + w - 10, y - lift + 10), 26, (255, 255, 255), True, "center")
        focus_ring(p, (x, y - lift, w, h), look)

    sig = (label, icon, colour, text_colour, selected, enabled, size, show_label, badge, one_line)
    return Widget(
        key,
        rect,
        draw,
        spoken or label,
        on_press if enabled else None,
        needs_player,
        sig=sig,
        # shadow 6 below, lift 4 and focus ring 7 around; a badge sticks out 18 up and 14 right
        bleed=20 if badge else 12,
        rest_bleed=20 if badge else 6,
        pictured=True,
    )


def avatar_row(
    p: Painter,
    players: Sequence[Any],
    *,
    top: float,
    side: float,
    width: float,
    most: float,
    gap: float,
    size: float,
    ink: Colour,
) -> None:
    """Players' avatars with their pseudonyms below, centred on the screen (hand-over,
    ending, debrief): each gets ``width / n`` of the row, at most ``most``."""
    n = max(1, len(players))
    each = min(most, width / n)
    x0 = 960 - each * n / 2
    for i, player in enumerate(players):
        cx = x0 + i * each
        p.blit_shape(
            ("avatar", player.avatar, player.colour, player.pseudonym),
            (cx + (each - side) / 2, top, side, side),
            avatar_maker(player.avatar, player.colour, player.pseudonym),
        )
        p.text(
            player.pseudonym,
            (cx + each / 2, top + side + gap),
            size,
            ink,
            True,
            "midtop",
            max_width=each - 8,
        )
