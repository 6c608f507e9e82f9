"""Warming the fonts' glyph caches while the screen is still.

A font at a pixel size lays out and rasterises each glyph the first time it meets it (up to
0.3 ms a word); a hint or a narration shown at a size not used before then stalls the frame
by milliseconds. So while nothing moves (start screen, lobby, the group thinking), the player
draws the characters of the scenario and of the interface at the sizes the screens use, a
few glyphs per frame within a time budget, most common sizes first.
"""

from __future__ import annotations

import string
import time
from collections import deque
from collections.abc import Iterable, Iterator

from engine.player.paint import Painter, type_size
from engine.typography import NBSP

#: the virtual sizes of most texts (body, buttons, titles), warmed before they are used
COMMON = (32, 28, 36, 26, 30, 24, 34, 44)
FRENCH = "àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÙÛŒ"  # typed in pseudonyms and answers


def characters(texts: Iterable[str]) -> str:
    """The distinct printable characters of ``texts``, plus digits and common marks (the
    minus sign a number puzzle shows, degrees and euros its units may use)."""
    found = set(string.ascii_letters + string.digits + " .,;:!?'«»()-–—−…%/+|°€") | set(FRENCH)
    found |= {c for text in texts for c in text}
    found.add(NBSP)  # not "printable" for Python, yet drawn before every ! ? : ; and in « »
    return "".join(sorted(c for c in found if c.isprintable() or c == NBSP))


def scenario_texts(scenario: object, locale: dict[str, str]) -> list[str]:
    """Everything a scenario may show (every string in it) and the UI texts. The objects are
    walked, not serialised: a dump would build pydantic's serialisers before the first frame."""
    return [*strings_in(scenario), *locale.values()]


def strings_in(value: object) -> Iterator[str]:
    """Every string in ``value``: its fields, items, keys, at any depth."""
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            todo.extend(item.keys())
            todo.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            todo.extend(item)
        elif hasattr(item, "__pydantic_fields__"):
            todo.extend(vars(item).values())


class GlyphWarmup:
    """Warms, glyph by glyph, first the fonts the screens already opened (a size in use
    will show new texts), then the most common sizes; a new style or window size starts
    over, since its fonts are other ones."""

    def __init__(self, painter: Painter, chars: str) -> None:
        self.painter = painter
        self.chars = chars
        self.planned_for: tuple[object, ...] | None = None
        self.todo: deque[tuple[int, bool, str]] = deque()
        self.queued: set[tuple[bool, int]] = set()

    def _queue(self, keys: list[tuple[bool, int]], first: bool = False) -> None:
        fresh = [key for key in dict.fromkeys(keys) if key not in self.queued]
        self.queued.update(fresh)
        jobs = [(pixels, bold, self.chars) for bold, pixels in fresh]
        if first:
            self.todo.extendleft(reversed(jobs))
        else:
            self.todo.extend(jobs)

    def _plan(self) -> None:
        p = self.painter
        self.planned_for = (p.s, p.style)
        self.todo.clear()
        self.queued = set()
        sizes = [type_size(v * p.style.text_scale * p.s) for v in COMMON]
        self._queue([(bold, pixels) for pixels in sizes for bold in (True, False)])

    @property
    def done(self) -> bool:
        return (
            self.planned_for == (self.painter.s, self.painter.style)
            and not self.todo
            and self.painter.fonts.keys() <= self.queued
        )

    def step(self, budget: float) -> None:
        """Warm glyphs one by one for about ``budget`` seconds (a big cold glyph may take
        a fifth of a millisecond, so the budget is kept to within one glyph)."""
        if self.planned_for != (self.painter.s, self.painter.style):
            self._plan()  # a new window size or text style: other fonts
        self._queue(list(self.painter.fonts), first=True)  # in use: these first
        end = time.perf_counter() + budget
        while self.todo:
            pixels, bold, chars = self.todo.popleft()
            font = self.painter.font_at(pixels, bold)
            for i, char in enumerate(chars):
                font.render(char, True, (0, 0, 0))
                if time.perf_counter() >= end:
                    if chars[i + 1 :]:
                        self.todo.appendleft((pixels, bold, chars[i + 1 :]))
                    return
