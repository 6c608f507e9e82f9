"""The fonts of the cards, and the Latin subsets embedded in the PDF.

Why subsets: fpdf2 parses every glyph of a font it is given, and the full DejaVu Sans (6 000
glyphs) costs about 0.3 s per style for each PDF. The shipped ``*-Latin.ttf`` files keep the
Latin scripts, punctuation and the card's symbols (≈ 10 times faster to load). A PDF whose text
needs a glyph outside them gets the full font as fallback, so nothing is ever lost. The PNG
cards always use the full fonts (FreeType loads them lazily).

Regenerate the subsets (deterministic) with ``python -m facilitator.summaries.fonts``; the
test ``tests/summaries/test_summaries_fonts.py`` checks they are present and complete.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from engine.reference import assets_dir

FULL = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}
LATIN = {"regular": "DejaVuSans-Latin.ttf", "bold": "DejaVuSans-Bold-Latin.ttf"}

#: Basic Latin, Latin-1, Latin Extended-A/B and Additional, general punctuation, currency,
#: and the few symbols drawn on the cards (✓ ★ ▸ • → …).
RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),
    (0x00A0, 0x024F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20A0, 0x20BF),
    (0x2122, 0x2122),
    (0x2190, 0x2193),
    (0x25B6, 0x25B8),
    (0x25CB, 0x25CF),
    (0x2605, 0x2606),
    (0x2713, 0x2714),
)


def codepoints() -> list[int]:
    return [c for start, end in RANGES for c in range(start, end + 1)]


def font_file(style: str, *, latin: bool = False) -> Path:
    return assets_dir() / "fonts" / (LATIN if latin else FULL)[style]


@cache
def latin_coverage() -> frozenset[int]:
    """The code points the Latin subsets can draw (the same for both styles)."""
    font = TTFont(str(font_file("regular", latin=True)), lazy=True)
    return frozenset(font.getBestCmap())


def covered(text: str) -> bool:
    coverage = latin_coverage()
    return all(ord(char) in coverage or char.isspace() for char in text)


def make_subsets(folder: Path | None = None) -> list[Path]:
    """Write the Latin subsets next to the full fonts (or into ``folder``)."""
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]
    written = []
    for style in FULL:
        font = TTFont(str(font_file(style)), recalcTimestamp=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints())
        subsetter.subset(font)
        target = font_file(style, latin=True)
        if folder is not None:
            target = folder / target.name
        font.save(str(target))
        written.append(target)
    return written


if __name__ == "__main__":
    for path in make_subsets():
        print(path)
