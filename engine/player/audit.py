"""Readable from the back of the room: what a full drawing of the current screen shows,
checked against three rules (issue 20).

- every glyph at least ``MIN_TEXT`` pixels at 1080p (scaled with the window): 28 px, the
  size a 4 m reader still makes out on a projector;
- every text inside its box: a line no wider than the width it was given, a wrapped text no
  taller than its rectangle, a widget's text inside the widget's picture (else it is cut)
  and every text inside the window;
- no two texts' glyphs touching;
- no text covered, even in part, by an opaque drawing made after it (a panel, a card, a
  button painted over it): the room would read half a word.

A modal layer is told apart by how it is drawn: it darkens what lies beneath (a
``Painter.shade`` in black or the theme's background colour, as the pause, a puzzle's panel,
a document or a player whose team is not playing now do), and the painter marks such a
drawing ``modal``. What it darkens is put out of play on purpose: neither read, nor
compared, nor said to be covered. A text's own background is drawn before it, so it never
counts; only what is drawn after a text can cover it.

``audit(app)`` draws the whole screen afresh with the painter listening (``Painter.seen``),
then reads the window's pixels to learn which texts stayed visible.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from engine.player.paint import Seen

if TYPE_CHECKING:
    from engine.player.app import App

#: the smallest text, in pixels of a 1080-line window, at the smallest text size (F2)
MIN_TEXT = 28
#: glyphs drawn as pictograms inside a disc (a visited place's tick), not read as text
MARKS = frozenset({"✓"})
#: share of a text's solid pixels still showing its colour for it to count as visible
VISIBLE = 0.5


@dataclass(frozen=True)
class Problem:
    rule: str  # "small", "outside", "overlap", "covered"
    text: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: « {self.text} » {self.detail}"


def drawn_texts(app: App) -> list[Seen]:
    """Every text of a full, fresh drawing of the current screen (caches emptied first)."""
    painter = app.painter
    painter.invalidate()
    app.force_full = app.dirty = app.present_full = True
    painter.seen = []
    try:
        app.frame()
        return painter.seen
    finally:
        painter.seen = None


def audit(app: App) -> list[Problem]:
    """What breaks the three rules on the screen the app shows now."""
    seen = drawn_texts(app)
    window = app.display
    scale = app.painter.s
    least = MIN_TEXT * scale * 0.97  # sizes snap to a ladder (paint.TYPE_SIZES)
    problems: list[Problem] = []
    visible: list[tuple[int, Seen, pygame.mask.Mask]] = []
    covers = [(i, text.rect, text.modal) for i, text in enumerate(seen) if not text.text]
    for i, text in enumerate(seen):
        if not text.text.strip():
            continue
        later = [(c, modal) for n, c, modal in covers if n > i]
        if any(modal and c.contains(text.rect) for c, modal in later):
            continue  # darkened under a modal layer drawn after it: out of play
        if text.overflow:
            problems.append(Problem("outside", text.text, f"taller than its box {text.box}"))
            continue
        ink = _ink(text)
        if ink is None:
            continue  # nothing drawn
        if not any(modal and c.colliderect(text.rect) for c, modal in later):
            over = [c for c, modal in later if _hides(c, text.rect, ink[0])]
            if over:
                problems.append(Problem("covered", text.text, f"under {over[0]} drawn after it"))
                continue
        solid = pygame.mask.from_surface(text.surface, 254) if text.surface else None
        if solid is not None and solid.count() and not _shows(window, text, solid):
            continue  # hidden by what was drawn after it (tiny text has no solid pixel)
        visible.append((i, text, ink[0]))
        if text.pixels < least and text.text not in MARKS:
            problems.append(Problem("small", text.text, f"{text.pixels} px < {least:.0f} px"))
        if text.box is not None and text.rect.width > text.box.width + 1:
            problems.append(
                Problem("outside", text.text, f"{text.rect.width} px wide in {text.box.width}")
            )
        ink_rect = ink[1].move(text.rect.topleft)
        if text.picture is not None and not text.picture.contains(ink_rect):
            problems.append(Problem("outside", text.text, f"cut by its widget {text.picture}"))
        elif not window.get_rect().contains(ink_rect):
            problems.append(Problem("outside", text.text, "beyond the window"))
    for k, (i, a, mask_a) in enumerate(visible):
        for j, b, mask_b in visible[k + 1 :]:
            if not a.rect.colliderect(b.rect) or _same(a, b):
                continue
            offset = (b.rect.x - a.rect.x, b.rect.y - a.rect.y)
            touching = mask_a.overlap_mask(mask_b, offset).get_bounding_rects()
            where = [r.move(a.rect.topleft) for r in touching]
            # the first one drawn is hidden there by a panel drawn before the second: the
            # room sees only the second
            hidden = [r for r in where if any(c.contains(r) for n, c, _ in covers if i < n < j)]
            if len(hidden) < len(where):
                problems.append(Problem("overlap", a.text, f"touches « {b.text} »"))
    return problems


def _ink(text: Seen) -> tuple[pygame.mask.Mask, pygame.Rect] | None:
    """The text's ink (pixels at least half opaque) and its bounds (within its picture)."""
    if text.surface is None:
        return None
    mask = pygame.mask.from_surface(text.surface, 128)
    bounds = mask.get_bounding_rects()
    if not bounds:
        return None
    return mask, bounds[0].unionall(bounds[1:])


def _hides(cover: pygame.Rect, rect: pygame.Rect, ink: pygame.mask.Mask) -> bool:
    """True when ``cover`` lies over some of the ink of the text drawn at ``rect``."""
    area = cover.clip(rect)
    if area.width <= 0 or area.height <= 0:
        return False
    solid = pygame.mask.Mask(area.size, fill=True)
    return ink.overlap_area(solid, (area.x - rect.x, area.y - rect.y)) > 0


def _shows(window: pygame.Surface, text: Seen, mask: pygame.mask.Mask) -> bool:
    """True when most of the text's solid pixels still have its colour in the window and
    the pixels between its letters mostly do not (else a fill of its colour covers it)."""
    area = text.rect.clip(window.get_rect())
    if area.width <= 0 or area.height <= 0:
        return False
    on_screen = pygame.mask.from_threshold(
        window.subsurface(area), (*text.colour[:3], 255), (6, 6, 6, 255)
    )
    solid = mask.count()
    here = mask.overlap_area(on_screen, (area.x - text.rect.x, area.y - text.rect.y))
    around = on_screen.count() - here
    return solid > 0 and here >= VISIBLE * solid and around < VISIBLE * (area.w * area.h - solid)


def _same(a: Seen, b: Seen) -> bool:
    """One text drawn twice a few pixels apart (a shadow or an outline), not two texts."""
    return a.text == b.text and abs(a.rect.x - b.rect.x) <= 6 and abs(a.rect.y - b.rect.y) <= 6
