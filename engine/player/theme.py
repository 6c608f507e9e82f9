"""Colours, text sizes and fonts of the player: the look, in one place.

Why Okabe–Ito: its eight colours stay distinct for the common colour-blindnesses; avatars
still carry a shape and an initial so that colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.reference import assets_dir

Colour = tuple[int, int, int]

#: Okabe–Ito palette (colour-blind safe), with French names for read-aloud.
PLAYER_COLOURS: tuple[str, ...] = (
    "#e69f00",
    "#56b4e9",
    "#009e73",
    "#f0e442",
    "#0072b2",
    "#d55e00",
    "#cc79a7",
    "#ffffff",
)
AVATAR_SHAPES: tuple[str, ...] = (
    "cercle",
    "carre",
    "triangle",
    "etoile",
    "losange",
    "hexagone",
    "coeur",
    "eclair",
)
#: Text size steps offered to the room (normal, large, very large).
TEXT_STEPS: tuple[float, ...] = (1.0, 1.18, 1.36)

VIRTUAL_W, VIRTUAL_H = 1920, 1080


def rgb(hex_colour: str) -> Colour:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def readable_on(colour: Colour) -> Colour:
    """Black or white, whichever reads better on ``colour`` (relative luminance)."""
    r, g, b = (c / 255 for c in colour)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return (20, 20, 28) if luminance > 0.5 else (255, 255, 255)


def contrast(a: Colour, b: Colour) -> float:
    """The WCAG contrast ratio of two colours, 1 (same) to 21 (black on white)."""

    def lum(colour: Colour) -> float:
        c = [v / 255 for v in colour]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    light, dark = sorted((lum(a), lum(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(a: Colour, b: Colour, t: float) -> Colour:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


@dataclass(frozen=True)
class Theme:
    name: str
    background: Colour
    bar: Colour
    panel: Colour
    panel_alt: Colour
    card: Colour
    text: Colour
    text_dim: Colour
    text_on_card: Colour
    accent: Colour
    accent_text: Colour
    good: Colour
    bad: Colour
    warn: Colour
    hint: Colour
    focus: Colour
    shade_alpha: int
    outline: int


NORMAL = Theme(
    name="normal",
    background=(18, 22, 48),
    bar=(28, 33, 70),
    panel=(34, 40, 84),
    panel_alt=(48, 56, 112),
    card=(250, 246, 236),
    text=(250, 250, 255),
    text_dim=(190, 198, 230),
    text_on_card=(24, 26, 44),
    accent=(255, 176, 32),
    accent_text=(24, 20, 10),
    good=(38, 196, 120),
    bad=(240, 90, 70),
    warn=(255, 150, 40),
    hint=(255, 222, 90),
    focus=(255, 236, 64),
    shade_alpha=150,
    outline=0,
)

HIGH_CONTRAST = Theme(
    name="contrast",
    background=(0, 0, 0),
    bar=(0, 0, 0),
    panel=(0, 0, 0),
    panel_alt=(20, 20, 20),
    card=(255, 255, 255),
    text=(255, 255, 255),
    text_dim=(255, 255, 255),
    text_on_card=(0, 0, 0),
    accent=(255, 255, 0),
    accent_text=(0, 0, 0),
    good=(0, 255, 120),
    bad=(255, 80, 80),
    warn=(255, 200, 0),
    hint=(255, 255, 0),
    focus=(0, 255, 255),
    shade_alpha=220,
    outline=3,
)


@dataclass(frozen=True)
class FontFiles:
    regular: Path
    bold: Path
    #: lines of wrapped text are this many times the type size apart: the font's own line
    #: (1.64 for Andika) leaves room for stacked accents French never uses, and keeps big
    #: text from fitting; 1.34 still keeps « É » clear of the line above's « g »
    leading: float = 1.34


def font_files(dyslexia: bool) -> FontFiles:
    """Andika (SIL, designed for new readers) by default; OpenDyslexic on request."""
    folder = assets_dir() / "fonts"
    if dyslexia:
        return FontFiles(
            folder / "OpenDyslexic-Regular.otf", folder / "OpenDyslexic-Bold.otf", leading=1.6
        )
    return FontFiles(folder / "Andika-Regular.ttf", folder / "Andika-Bold.ttf")
