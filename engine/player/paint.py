"""The painter: draws in a 1920×1080 virtual space, scaled to whatever the window is.

Why not draw at 1920×1080 and scale the image: text and icons would blur on a 4K projector
and cost a full-screen resample per frame. Instead every call converts virtual coordinates
to pixels and fonts are opened at the pixel size they are shown at. Rendered text, icons,
gradients and translucent panels are cached: the same frame redraws almost for free.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import pygame

from engine.player.glossary import Glossary
from engine.player.theme import (
    HIGH_CONTRAST,
    NORMAL,
    TEXT_STEPS,
    VIRTUAL_H,
    VIRTUAL_W,
    Colour,
    FontFiles,
    Theme,
    font_files,
)
from engine.typography import spaced

VRect = tuple[float, float, float, float]
#: where a line may break: any white space but the no-break ones typography puts in
_BREAKS = re.compile(r"[^\S\u00a0\u202f\u2007]+")


class LRU:
    """A small bounded cache: the room may cycle through many texts in a session. Bounded
    in entries and, if ``pixels`` is given, in the pixels its surfaces hold."""

    def __init__(self, size: int, pixels: int | None = None) -> None:
        self.size = size
        self.pixels = pixels
        self.held = 0
        self.data: OrderedDict[Hashable, pygame.Surface] = OrderedDict()

    def get(self, key: Hashable, make: Callable[[], pygame.Surface]) -> pygame.Surface:
        found = self.data.get(key)
        if found is not None:
            self.data.move_to_end(key)
            return found
        value = make()
        self.data[key] = value
        self.held += value.get_width() * value.get_height()
        while len(self.data) > self.size or (
            self.pixels is not None and self.held > self.pixels and len(self.data) > 1
        ):
            _, old = self.data.popitem(last=False)
            self.held -= old.get_width() * old.get_height()
        return value

    def clear(self) -> None:
        self.data.clear()
        self.held = 0


@dataclass
class Style:
    """What the room chose: theme, text size step and font."""

    theme: Theme
    text_scale: float
    fonts: FontFiles

    @classmethod
    def chosen(cls, contrast: bool, text_step: int, dyslexia: bool) -> Style:
        """The style of the options (F2 text size, F3 contrast, F4 font)."""
        theme = HIGH_CONTRAST if contrast else NORMAL
        return cls(theme, TEXT_STEPS[text_step], font_files(dyslexia))


class Painter:
    def __init__(self, style: Style) -> None:
        self.style = style
        self.surface: pygame.Surface | None = None
        self.s = 1.0
        self.ox = 0
        self.oy = 0
        self.fonts: dict[tuple[bool, int], pygame.font.Font] = {}
        self.sized: dict[tuple[float, bool], pygame.font.Font] = {}  # by virtual size
        self.texts = LRU(1500)
        self.shapes = LRU(400)
        self.pictures = LRU(24)
        self.compositions = LRU(8)  # see ``composed``: few, replaced often (the timer)
        # widgets drawn as pictures (``pictured``): at most about five full screens of them
        self.widgets = LRU(800, pixels=5 * 1920 * 1080)
        self.wraps: dict[tuple[str, int, int], list[str]] = {}
        self.widths: dict[tuple[str, int], int] = {}  # of single words, for wrapping
        #: while recording (``start_recording``): where drawings landed and what was there
        self.touched: list[pygame.Rect] | None = None
        self.under: list[tuple[pygame.Rect, pygame.Surface]] = []
        #: the clip of a partial repaint: drawings wholly outside it are skipped, not clipped
        self.clip: pygame.Rect | None = None
        #: the scenario's hard words: underlined (dotted) wherever a text box shows them
        self.glossary: Glossary | None = None
        #: while a readability audit listens (``engine/player/audit.py``): every text drawn,
        #: with where it landed in the window; ``at`` is the picture being drawn's place
        self.seen: list[Seen] | None = None
        self.at: tuple[int, int, pygame.Rect | None] = (0, 0, None)

    # --- geometry --------------------------------------------------------------------------

    def set_target(self, surface: pygame.Surface) -> None:
        """Draw on ``surface`` from now on; recompute the scale when its size changed."""
        self.surface = surface
        self.clip = None
        w, h = surface.get_size()
        s = min(w / VIRTUAL_W, h / VIRTUAL_H)
        ox, oy = round((w - VIRTUAL_W * s) / 2), round((h - VIRTUAL_H * s) / 2)
        if (s, ox, oy) != (self.s, self.ox, self.oy):
            self.s, self.ox, self.oy = s, ox, oy
            self.invalidate()

    def set_style(self, style: Style) -> None:
        self.style = style
        self.invalidate()

    def invalidate(self) -> None:
        self.sized.clear()
        self.wraps.clear()
        self.widths.clear()
        self.fonts.clear()
        self.texts.clear()
        self.shapes.clear()
        self.pictures.clear()
        self.compositions.clear()
        self.widgets.clear()

    @property
    def theme(self) -> Theme:
        return self.style.theme

    def px(self, r: VRect) -> pygame.Rect:
        x, y, w, h = r
        left, top = round(x * self.s) + self.ox, round(y * self.s) + self.oy
        return pygame.Rect(
            left,
            top,
            max(1, round((x + w) * self.s) + self.ox - left),
            max(1, round((y + h) * self.s) + self.oy - top),
        )

    def pt(self, x: float, y: float) -> tuple[int, int]:
        return round(x * self.s) + self.ox, round(y * self.s) + self.oy

    def n(self, value: float) -> int:
        """A virtual length in pixels (at least one)."""
        return max(1, round(value * self.s))

    def to_virtual(self, pos: tuple[float, float]) -> tuple[float, float]:
        return (pos[0] - self.ox) / self.s, (pos[1] - self.oy) / self.s

    def to_window(self, pos: tuple[float, float]) -> tuple[int, int]:
        return self.pt(*pos)

    @property
    def target(self) -> pygame.Surface:
        assert self.surface is not None, "set_target first"
        return self.surface

    def clip_to(self, rect: pygame.Rect | None) -> None:
        """Draw only inside ``rect`` (None: everywhere). A widget overlapping a repainted
        region often has most of its shapes outside it: those cost nothing then."""
        self.clip = rect
        self.target.set_clip(rect)

    def hidden_by(self, r: VRect) -> bool:
        """True when an opaque picture about to fill ``r`` will cover all the clip: what
        lies under it need not be drawn."""
        return self.clip is not None and self.px(r).contains(self.clip)

    def _outside(self, box: pygame.Rect) -> bool:
        return self.clip is not None and not self.clip.colliderect(box)

    def start_recording(self) -> None:
        """Until ``stop_recording``, keep a copy of the pixels each drawing covers, before it
        draws: the layers drawn over the screen can then be wiped off by ``Recording.undo``
        without keeping a second copy of the whole screen."""
        self.touched = []
        self.under = []

    def stop_recording(self) -> Recording:
        recording = Recording(self.touched or [], self.under)
        self.touched, self.under = None, []
        return recording

    def _mark(self, box: pygame.Rect) -> None:
        """Called before drawing into ``box`` (a bound of what the drawing may cover)."""
        if self.touched is None:
            return
        box = box.clip(self.target.get_rect())
        if box.width <= 0 or box.height <= 0:
            return
        if not any(done.contains(box) for done in self.touched):
            self.under.append((box, self.target.subsurface(box).copy()))
            self.touched.append(box)

    def put(self, surface: pygame.Surface, pos: tuple[int, int] = (0, 0)) -> None:
        """Blit a ready picture at a pixel position (an overlay rendered elsewhere)."""
        self._mark(surface.get_rect(topleft=pos))
        self.target.blit(surface, pos)

    # --- shapes ----------------------------------------------------------------------------

    def fill(self, colour: Colour) -> None:
        self._mark(self.target.get_rect())
        self.target.fill(colour)

    def rect(self, r: VRect, colour: Colour, radius: float = 0, width: float = 0) -> None:
        box = self.px(r)
        if self._outside(box):
            return
        self._mark(box)
        if self.seen is not None and not width:
            self._covered(box)
        pygame.draw.rect(
            self.target, colour, box, self.n(width) if width else 0, self.n(radius) if radius else 0
        )

    def shade(self, r: VRect, colour: Colour, alpha: int, radius: float = 0) -> None:
        """A translucent panel (cached per size: alpha blits are cheap, building them is not)."""
        box = self.px(r)
        if self._outside(box):
            return
        if self.seen is not None and alpha >= 128:  # what lies under it is no longer read
            # a darkening (black, or the background's colour) is a modal layer (the pause,
            # a puzzle's panel, a player not playing now): what it darkens is put out of
            # play on purpose, not covered by mistake
            self._covered(box, modal=colour in ((0, 0, 0), self.theme.background))
        if colour == (0, 0, 0) and not radius:  # darkening: a multiply fill, no alpha blit
            level = 255 - alpha
            # clip by hand: pygame-ce fills a rect lying wholly outside the clip anyway
            inside = box.clip(self.target.get_clip())
            if inside.width > 0 and inside.height > 0:
                self._mark(inside)
                self.target.fill((level, level, level), inside, special_flags=pygame.BLEND_RGB_MULT)
            return
        key = ("shade", box.size, colour, alpha, self.n(radius) if radius else 0)

        def make() -> pygame.Surface:
            surf = pygame.Surface(box.size, pygame.SRCALPHA)
            pygame.draw.rect(surf, (*colour, alpha), surf.get_rect(), 0, key[4])
            return surf

        self._mark(box)
        self.target.blit(self.shapes.get(key, make), box)

    def gradient(self, r: VRect, top: Colour, bottom: Colour, radius: float = 0) -> None:
        box = self.px(r)
        if self._outside(box):
            return
        surf = self._gradient(box, top, bottom, radius)
        self._mark(box)
        if self.seen is not None:
            self._covered(box)
        self.target.blit(surf, box)

    def _gradient(
        self, box: pygame.Rect, top: Colour, bottom: Colour, radius: float
    ) -> pygame.Surface:
        key = ("grad", box.size, top, bottom, self.n(radius) if radius else 0)
        return self.shapes.get(key, lambda: gradient_surface(box.size, top, bottom, key[4]))

    def gradient_ahead(self, r: VRect, top: Colour, bottom: Colour, radius: float = 0) -> None:
        """Make the picture ``gradient`` will want, without drawing it."""
        self._gradient(self.px(r), top, bottom, radius)

    def circle(
        self, centre: tuple[float, float], radius: float, colour: Colour, width: float = 0
    ) -> None:
        x, y = self.pt(*centre)
        size = self.n(radius)
        box = pygame.Rect(x - size - 1, y - size - 1, 2 * size + 3, 2 * size + 3)
        if self._outside(box):
            return
        self._mark(box)
        pygame.draw.circle(self.target, colour, (x, y), size, self.n(width) if width else 0)

    def line(
        self, a: tuple[float, float], b: tuple[float, float], colour: Colour, width: float = 2
    ) -> None:
        ends = [self.pt(*a), self.pt(*b)]
        self._mark(_bounds(ends, self.n(width)))
        pygame.draw.line(self.target, colour, ends[0], ends[1], self.n(width))

    def polygon(
        self, points: Sequence[tuple[float, float]], colour: Colour, width: float = 0
    ) -> None:
        corners = [self.pt(*p) for p in points]
        self._mark(_bounds(corners, self.n(width) if width else 1))
        pygame.draw.polygon(self.target, colour, corners, self.n(width) if width else 0)

    def blit_cached(
        self, key: Hashable, r: VRect, make: Callable[[tuple[int, int]], pygame.Surface]
    ) -> None:
        """Blit a picture built once per pixel size (scene drawings, icons, maps)."""
        box = self.px(r)
        if self._outside(box):
            return
        surf = self.pictures.get((key, box.size), lambda: make(box.size))
        self._mark(box)
        if self.seen is not None:
            self._covered(box)
        self.target.blit(surf, box)

    def ahead(
        self, key: Hashable, r: VRect, make: Callable[[tuple[int, int]], pygame.Surface]
    ) -> None:
        """Make the picture ``blit_cached`` will want for ``key`` at ``r``, without drawing."""
        box = self.px(r)
        self.pictures.get((key, box.size), lambda: make(box.size))

    def blit_shape(
        self, key: Hashable, r: VRect, make: Callable[[tuple[int, int]], pygame.Surface]
    ) -> None:
        box = self.px(r)
        surf = self.shapes.get((key, box.size), lambda: make(box.size))
        at = surf.get_rect(center=box.center)
        self._mark(at)
        self.target.blit(surf, at)

    def composed(self, key: Hashable, r: VRect, draw: Callable[[], None]) -> None:
        """Blit what ``draw`` paints inside ``r``, painted once per ``key`` into a picture:
        something redrawn every frame it shows (the timer) then costs one blit."""
        self._picture(self.compositions, key, r, draw)

    def pictured(
        self, key: Hashable, r: VRect, draw: Callable[[], None], ground: bool = False
    ) -> None:
        """The same for widgets (many, each kept while it looks the same). A ``ground``
        picture is drawn over the theme's background and kept opaque."""
        self._picture(self.widgets, key, r, draw, ground)

    def prepare(
        self, key: Hashable, r: VRect, draw: Callable[[], None], ground: bool = False
    ) -> bool:
        """Draw a widget's picture ahead, without showing it (idle frames: the look a
        hover or a press will need). False when it was already there."""
        box = self.px(r)
        if (key, box.size) in self.widgets.data:
            return False
        self.widgets.get((key, box.size), lambda: self._draw_picture(box, draw, ground))
        return True

    def _picture(
        self,
        cache: LRU,
        key: Hashable,
        r: VRect,
        draw: Callable[[], None],
        ground: bool = False,
    ) -> None:
        box = self.px(r)
        if self._outside(box):
            return
        surf = cache.get((key, box.size), lambda: self._draw_picture(box, draw, ground))
        self._mark(box)
        self.target.blit(surf, box)

    def _draw_picture(
        self, box: pygame.Rect, draw: Callable[[], None], ground: bool = False
    ) -> pygame.Surface:
        """What ``draw`` paints inside ``box`` (pixels), on a transparent picture, or on
        the theme's background for a ``ground`` one."""
        if ground:
            picture = pygame.Surface(box.size, 0, self.target)
            picture.fill(self.theme.background)
        else:
            picture = pygame.Surface(box.size, pygame.SRCALPHA)
        kept = (self.surface, self.ox, self.oy, self.clip, self.touched, self.at)
        self.surface, self.clip, self.touched = picture, None, None
        self.ox, self.oy = self.ox - box.x, self.oy - box.y
        self.at = (self.at[0] + box.x, self.at[1] + box.y, box.move(self.at[0], self.at[1]))
        try:
            draw()
        finally:
            self.surface, self.ox, self.oy, self.clip, self.touched, self.at = kept
        return picture

    # --- text ------------------------------------------------------------------------------

    def font(self, size: float, bold: bool = False) -> pygame.font.Font:
        """The font for a virtual text size, at the window's scale and the room's choice."""
        found = self.sized.get((size, bold))
        if found is None:
            found = self.font_at(type_size(size * self.style.text_scale * self.s), bold)
            if len(self.sized) < 4096:  # shrink-to-fit loops ask for many sizes
                self.sized[(size, bold)] = found
        return found

    def font_at(self, pixels: int, bold: bool = False) -> pygame.font.Font:
        key = (bold, pixels)
        if key not in self.fonts:
            path = self.style.fonts.bold if bold else self.style.fonts.regular
            try:
                self.fonts[key] = pygame.font.Font(str(path), pixels)
            except (OSError, FileNotFoundError):
                self.fonts[key] = pygame.font.Font(None, pixels)
        return self.fonts[key]

    def line_height(self, size: float, bold: bool = False) -> float:
        """How far apart the lines of a wrapped text are (virtual pixels)."""
        pixels = type_size(size * self.style.text_scale * self.s)
        line = min(
            self.font(size, bold).get_linesize(), math.ceil(pixels * self.style.fonts.leading)
        )
        return line / self.s

    def rendered(
        self, text: str, size: float, colour: Colour, bold: bool = False
    ) -> pygame.Surface:
        font = self.font(size, bold)
        key = (text, id(font), colour)
        return self.texts.get(key, lambda: font.render(spaced(text), True, colour))

    def text(
        self,
        text: str,
        pos: tuple[float, float],
        size: float,
        colour: Colour,
        bold: bool = False,
        anchor: str = "topleft",
        max_width: float | None = None,
        ellipsis: bool = False,
    ) -> pygame.Rect:
        """One line of text anchored at a virtual point; shrinks to ``max_width`` if given,
        or with ``ellipsis`` keeps its size and ends in « … » (a name among others must stay
        as large as they are)."""
        if ellipsis and max_width is not None:
            text = self.cut(text, max_width, size, bold)
        surf = self.rendered(text, size, colour, bold)
        if max_width is not None and not ellipsis:
            while surf.get_width() > self.n(max_width) and size > 12:
                size *= 0.9
                surf = self.rendered(text, size, colour, bold)
        rect = surf.get_rect(**{anchor: self.pt(*pos)})
        if self.seen is not None:
            self._saw(text, rect, surf, size, colour, max_width)
        if not self._outside(rect):
            self._mark(rect)
            self.target.blit(surf, rect)
        return rect

    def _saw(
        self,
        text: str,
        rect: pygame.Rect,
        surf: pygame.Surface,
        size: float,
        colour: Colour,
        max_width: float | None,
    ) -> None:
        assert self.seen is not None
        dx, dy, picture = self.at
        box = None  # only its width matters
        if max_width is not None:
            box = pygame.Rect(rect.x, rect.y, self.n(max_width), rect.height)
        self.seen.append(
            Seen(
                text,
                rect.move(dx, dy),
                surf,
                type_size(size * self.style.text_scale * self.s),
                colour,
                box.move(dx, dy) if box is not None else None,
                picture,
            )
        )

    def _covered(self, box: pygame.Rect, modal: bool = False) -> None:
        """An opaque (or nearly) drawing: the texts drawn before it are hidden there."""
        assert self.seen is not None
        at = box.move(self.at[0], self.at[1])
        self.seen.append(Seen("", at, None, 0, (0, 0, 0), modal=modal))

    def cut(self, text: str, width: float, size: float, bold: bool = False) -> str:
        """``text``, or its longest start that fits ``width`` followed by « … »."""
        font = self.font(size, bold)
        limit = self.n(width)
        if self._width(spaced(text), font) <= limit:
            return text
        low, high = 0, len(text)  # the longest start that fits, by bisection
        while low < high:
            middle = (low + high + 1) // 2
            if self._width(spaced(text[:middle].rstrip()) + "…", font) <= limit:
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + "…"

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        font = self.font(size, bold)
        limit = self.n(width)
        key = (text, limit, id(font))
        found = self.wraps.get(key)
        if found is None:
            found = self.wraps[key] = self._wrap(spaced(text), limit, font)
            if len(self.wraps) > 3000:
                self.wraps.clear()
        return found

    def _wrap(self, text: str, limit: int, font: pygame.font.Font) -> list[str]:
        """Greedy wrapping. Measuring each growing line costs a text layout per word; words
        are measured once (cached) and summed instead, and each line is checked whole."""
        space = self._width(" ", font)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            words = breakable_words(paragraph)
            widths = [self._width(word, font) for word in words]
            start, used = 0, 0
            found: list[str] = []
            for i, w in enumerate(widths):
                if i > start and used + space + w > limit:
                    found.append(" ".join(words[start:i]))
                    start, used = i, w
                else:
                    used = w if i == start else used + space + w
            found.append(" ".join(words[start:]))
            if any(font.size(line)[0] > limit for line in found if " " in line):
                found = _wrap_exactly(words, limit, font)  # kerning across spaces: rare
            lines += found
        return lines

    def _width(self, word: str, font: pygame.font.Font) -> int:
        key = (word, id(font))
        width = self.widths.get(key)
        if width is None:
            width = self.widths[key] = font.size(word)[0]
            if len(self.widths) > 20000:
                self.widths.clear()
        return width

    def fitted_size(self, text: str, w: float, h: float, size: float, bold: bool = False) -> float:
        """The size ``text_box`` draws ``text`` at in a ``w``×``h`` box: ``size``, shrunk
        until its wrapped lines fit (layouts ask it to give a text room to stay readable)."""
        while len(self.wrap(text, w, size, bold)) * self.line_height(size, bold) > h and size > 14:
            size *= 0.92
        return size

    def pixels(self, size: float) -> int:
        """How tall, in window pixels, a text of virtual ``size`` is drawn."""
        return type_size(size * self.style.text_scale * self.s)

    def text_box(
        self,
        text: str,
        r: VRect,
        size: float,
        colour: Colour,
        bold: bool = False,
        align: str = "left",
        valign: str = "top",
    ) -> float:
        """Wrapped text inside a virtual rectangle, shrunk until it fits; returns its height."""
        x, y, w, h = r
        size = self.fitted_size(text, w, h, size, bold)
        lines = self.wrap(text, w, size, bold)
        line_h = self.line_height(size, bold)
        total = line_h * len(lines)
        top = y if valign == "top" else y + (h - total) / 2 if valign == "middle" else y + h - total
        if self.seen is not None and total > h + 1:
            box = self.px(r).move(self.at[0], self.at[1])
            self.seen.append(
                Seen(
                    text,
                    self.px((x, top, w, total)).move(*self.at[:2]),
                    None,
                    0,
                    colour,
                    box,
                    self.at[2],
                    overflow=True,
                )
            )
        if self._outside(self.px((x, top, w, total)).inflate(self.n(w), self.n(size))):
            return total  # wholly outside the repainted region: measured, not drawn
        for i, line in enumerate(lines):
            ly = top + i * line_h
            if align == "center":
                drawn = self.text(line, (x + w / 2, ly), size, colour, bold, "midtop")
            elif align == "right":
                drawn = self.text(line, (x + w, ly), size, colour, bold, "topright")
            else:
                drawn = self.text(line, (x, ly), size, colour, bold)
            if self.glossary is not None:
                self._underline_words(line, drawn, size, colour, bold)
        return total

    def _underline_words(
        self, line: str, drawn: pygame.Rect, size: float, colour: Colour, bold: bool
    ) -> None:
        """A dotted line under each glossary word of a drawn line: « Les mots » explains it."""
        assert self.glossary is not None
        spans = self.glossary.spans(line)
        if not spans or self._outside(drawn):
            return
        font = self.font(size, bold)
        thick = max(2, round(3 * self.s))
        dash = max(3, round(8 * self.s))
        y = drawn.bottom - thick - max(1, round(2 * self.s))
        for start, end in spans:
            x0 = drawn.x + self._width(line[:start], font)
            x1 = drawn.x + self._width(line[:end], font)
            for dx in range(x0, x1, 2 * dash):
                self.target.fill(colour, pygame.Rect(dx, y, min(dash, x1 - dx), thick))


#: Pixel sizes text is drawn at, about 8 % apart. Shrink-to-fit loops and scaled layouts
#: ask for many sizes; each new one opens the font again and lays out every glyph anew
#: (up to 0.3 ms a word), so sizes snap to this ladder and glyphs stay warm.
TYPE_SIZES: tuple[int, ...] = (
    8,
    9,
    10,
    11,
    12,
    13,
    14,
    15,
    16,
    17,
    18,
    20,
    22,
    24,
    26,
    28,
    30,
    32,
    35,
    38,
)
TYPE_SIZES += tuple(round(38 * 1.08**i) for i in range(1, 40))


def type_size(pixels: float) -> int:
    """The ladder size nearest to ``pixels``."""
    i = bisect.bisect_left(TYPE_SIZES, pixels)
    if i == 0:
        return TYPE_SIZES[0]
    if i == len(TYPE_SIZES):
        return TYPE_SIZES[-1]
    below, above = TYPE_SIZES[i - 1], TYPE_SIZES[i]
    return below if pixels - below <= above - pixels else above


def breakable_words(paragraph: str) -> list[str]:
    """The pieces a line may break between; not ``str.split()``, which breaks at no-break
    spaces too."""
    return [word for word in _BREAKS.split(paragraph) if word]


def _wrap_exactly(words: list[str], limit: int, font: pygame.font.Font) -> list[str]:
    """Greedy wrapping measuring every candidate line (slow, exact)."""
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if font.size(candidate)[0] <= limit or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return lines


@dataclass
class Seen:
    """A text the painter drew, for a readability audit: where it landed in the window,
    its picture, its pixel size, the box it had to fit (a width, or a wrapped text's
    rectangle) and, when drawn into a widget's picture, that picture's bounds. One with no
    text is an opaque drawing's place (a panel): what was drawn before is hidden there;
    a ``modal`` one (a darkening) puts what it darkens out of play on purpose."""

    text: str
    rect: pygame.Rect
    surface: pygame.Surface | None
    pixels: int
    colour: Colour
    box: pygame.Rect | None = None
    picture: pygame.Rect | None = None
    overflow: bool = False
    modal: bool = False


@dataclass
class Recording:
    """Where some drawings landed and the pixels they covered."""

    touched: list[pygame.Rect]
    under: list[tuple[pygame.Rect, pygame.Surface]]

    def undo(self, surface: pygame.Surface) -> None:
        """Put back what was there before the drawings (same surface, same size)."""
        for box, pixels in reversed(self.under):
            surface.blit(pixels, box)


def _bounds(points: Sequence[tuple[int, int]], width: int) -> pygame.Rect:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    pad = width + 2
    return pygame.Rect(
        min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad
    )


def gradient_surface(
    size: tuple[int, int], top: Colour, bottom: Colour, radius: int = 0
) -> pygame.Surface:
    """A vertical gradient, built from a 1-pixel-wide column scaled up (fast)."""
    w, h = max(1, size[0]), max(1, size[1])
    column = pygame.Surface((1, 64))
    for i in range(64):
        t = i / 63
        column.set_at((0, i), tuple(round(top[k] + (bottom[k] - top[k]) * t) for k in range(3)))
    surf = pygame.transform.smoothscale(column, (w, h))
    if radius:
        rounded = pygame.Surface((w, h), pygame.SRCALPHA)
        pygame.draw.rect(rounded, (255, 255, 255, 255), rounded.get_rect(), 0, radius)
        out = surf.convert_alpha() if pygame.display.get_surface() else surf.copy().convert_alpha()
        out.blit(rounded, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
        return out
    return surf
