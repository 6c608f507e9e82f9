"""Which words of a scenario's ``glossary`` a text uses, and where (pure, no pygame).

The painter underlines them (dotted) so players see a word is explained; « Les mots » lists
the definitions of those on screen first. A glossary ``word`` may give several forms
(« chaudronnier, chaudronnière »); each matches alone or with a plural s or x, whatever the
case, never inside a longer word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from engine.format.glossary import GlossaryEntry

#: « Les mots » in virtual pixels: the height a page holds, a word's line, a definition's
#: line at 32 px and how many characters such a line holds (about 95 fit: a margin).
PAGE_HEIGHT = 640
WORD_LINE = 60
DEFINITION_LINE = 44
LINE_CHARACTERS = 85


def entry_height(entry: GlossaryEntry) -> int:
    """The height of one entry: its word, then its definition wrapped at the room's size."""
    lines = max(1, -(-len(entry.definition) // LINE_CHARACTERS))
    return WORD_LINE + lines * DEFINITION_LINE + 24


def paginate(entries: Sequence[GlossaryEntry]) -> list[list[GlossaryEntry]]:
    """Entries in pages that each fit ``PAGE_HEIGHT``, so no text is ever shrunk."""
    pages: list[list[GlossaryEntry]] = [[]]
    used = 0
    for entry in entries:
        height = entry_height(entry)
        if pages[-1] and used + height > PAGE_HEIGHT:
            pages.append([])
            used = 0
        pages[-1].append(entry)
        used += height
    return pages


def forms(entry: GlossaryEntry) -> list[str]:
    """The forms a glossary word is written in: « apprenti, apprentie » gives both."""
    return [form.strip() for form in entry.word.split(",") if form.strip()]


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]
    _pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, entries: Sequence[GlossaryEntry]) -> Glossary:
        groups = []
        for index, entry in enumerate(entries):
            written = sorted(forms(entry), key=len, reverse=True)
            if written:
                alternatives = "|".join(_form_pattern(form) for form in written)
                groups.append((len(written[0]), f"(?P<e{index}>{alternatives})"))
        if not groups:
            return cls(tuple(entries))
        groups.sort(key=lambda group: -group[0])  # « salle blanche » before « salle »
        body = "|".join(pattern for _length, pattern in groups)
        return cls(tuple(entries), re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where glossary words are in ``text``, as (start, end) character offsets."""
        if self._pattern is None:
            return []
        return [match.span() for match in self._pattern.finditer(text)]

    def used_in(self, texts: Iterable[str]) -> list[GlossaryEntry]:
        """The entries the texts use, in the order they first appear."""
        if self._pattern is None:
            return []
        found: dict[int, None] = {}
        for text in texts:
            for match in self._pattern.finditer(text):
                found.setdefault(int((match.lastgroup or "e0")[1:]), None)
        return [self.entries[index] for index in found]

    def ordered_for(self, texts: Iterable[str]) -> list[GlossaryEntry]:
        """Every entry, those the screen uses first."""
        first = self.used_in(texts)
        return first + [entry for entry in self.entries if entry not in first]

    def page(self, texts: Iterable[str], number: int) -> tuple[list[GlossaryEntry], int]:
        """The entries « Les mots » shows on page ``number`` (from 0), and how many pages."""
        pages = paginate(self.ordered_for(texts))
        return pages[number % len(pages)], len(pages)


def _form_pattern(form: str) -> str:
    """A form whose every word may take a plural s or x: « salles blanches »."""
    return r"\s+".join(re.escape(word) + "(?:s|x)?" for word in form.split())
