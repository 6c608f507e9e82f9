"""Two renderers of one drawing: Pillow for the PNG card, fpdf2 for the printable PDF.

The card's layout (``card.py``) is computed once, in millimetres, as a list of drawing
operations; each renderer turns it into pixels or PDF vectors. Text is measured with the same
TTF file for both, so lines wrap at the same words on screen and on paper. QR codes are drawn
as modules (filled squares): crisp vectors in the PDF, whole pixels in the PNG.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from facilitator.summaries.fonts import covered, font_file

RGB = tuple[int, int, int]
FontName = Literal["regular", "bold"]

PT = 25.4 / 72  # one typographic point in millimetres
PAGE_W, PAGE_H = 210.0, 297.0  # A4 portrait, mm

STYLES: tuple[FontName, ...] = ("regular", "bold")


@cache
def _font(name: FontName, pixels: int) -> ImageFont.FreeTypeFont:
    # BASIC layout: French needs no complex shaping, and it is several times faster than raqm.
    return ImageFont.truetype(str(font_file(name)), pixels)


_MEASURE_PX = 1000  # measuring at a large size keeps widths linear in the point size


@lru_cache(maxsize=8192)
def text_width(text: str, font: FontName, size: float) -> float:
    """Width in mm of ``text`` set in ``font`` at ``size`` points."""
    return _font(font, _MEASURE_PX).getlength(text) / _MEASURE_PX * size * PT


def wrap(text: str, font: FontName, size: float, width: float) -> list[str]:
    """Greedy word wrap to ``width`` mm; a single too-long word is cut with a hyphen."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while text_width(word, font, size) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut] + "-", font, size) > width:
                cut -= 1
            lines.append(word[:cut] + "-")
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


# --- the display list --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: RGB | None = None
    stroke: RGB | None = None
    width: float = 0.4
    radius: float = 0.0


@dataclass(frozen=True, slots=True)
class Ellipse:
    x: float
    y: float
    w: float
    h: float
    fill: RGB | None = None
    stroke: RGB | None = None
    width: float = 0.4


@dataclass(frozen=True, slots=True)
class Text:
    """``y`` is the baseline."""

    x: float
    y: float
    text: str
    font: FontName
    size: float
    colour: RGB


@dataclass(frozen=True, slots=True)
class QR:
    """A QR matrix (True = dark module, quiet zone included) in a square of ``size`` mm."""

    x: float
    y: float
    size: float
    matrix: tuple[tuple[bool, ...], ...]


Op = Rect | Ellipse | Text | QR


# --- Pillow -----------------------------------------------------------------------------


def render_png(ops: list[Op], path: Path | None = None, *, px_per_mm: float = 6.0) -> Image.Image:
    """Draw the page as an RGB image; save it as PNG when ``path`` is given."""
    size = (round(PAGE_W * px_per_mm), round(PAGE_H * px_per_mm))
    image = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)

    def px(value: float) -> int:
        return round(value * px_per_mm)

    for op in ops:
        if isinstance(op, Rect):
            box = (px(op.x), px(op.y), px(op.x + op.w), px(op.y + op.h))
            line = max(1, px(op.width)) if op.stroke else 0
            if op.radius:
                draw.rounded_rectangle(box, px(op.radius), op.fill, op.stroke, line)
            else:
                draw.rectangle(box, op.fill, op.stroke, line)
        elif isinstance(op, Ellipse):
            box = (px(op.x), px(op.y), px(op.x + op.w), px(op.y + op.h))
            draw.ellipse(box, op.fill, op.stroke, max(1, px(op.width)) if op.stroke else 0)
        elif isinstance(op, Text):
            font = _font(op.font, max(1, round(op.size * PT * px_per_mm)))
            draw.text((op.x * px_per_mm, op.y * px_per_mm), op.text, op.colour, font, anchor="ls")
        else:
            _qr_pixels(draw, op, px_per_mm)
    if path is not None:
        # A palette of the card's own colours and their blends (anti-aliased edges) keeps the
        # file three times smaller than full RGB, quick to write and to send to a phone.
        paletted = image.quantize(palette=_palette(ops), dither=Image.Dither.NONE)
        paletted.save(path, "PNG", compress_level=1)
    return image


def _palette(ops: list[Op]) -> Image.Image:
    """Every colour drawn, plus evenly spaced blends between each pair of them."""
    found: set[RGB] = {(255, 255, 255), (0, 0, 0)}
    for op in ops:
        if isinstance(op, Rect | Ellipse):
            found |= {c for c in (op.fill, op.stroke) if c is not None}
        elif isinstance(op, Text):
            found.add(op.colour)
    colours = sorted(found)
    pairs = [(a, b) for i, a in enumerate(colours) for b in colours[i + 1 :]]
    steps = max(1, min(16, (256 - len(colours)) // max(1, len(pairs))))
    entries = list(colours)
    for a, b in pairs:
        for k in range(1, steps + 1):
            f = k / (steps + 1)
            blend: RGB = tuple(round(x + (y - x) * f) for x, y in zip(a, b, strict=True))  # type: ignore[assignment]
            # Pillow looks colours up on a coarse grid: a blend too close to a drawn colour
            # could be picked instead of it (white would come out light grey).
            if min(max(abs(p - q) for p, q in zip(blend, c, strict=True)) for c in colours) > 8:
                entries.append(blend)
    entries = entries[:256]
    flat = [value for colour in entries for value in colour]
    palette = Image.new("P", (1, 1))
    palette.putpalette(flat + flat[-3:] * (256 - len(entries)))
    return palette


def _qr_pixels(draw: ImageDraw.ImageDraw, op: QR, px_per_mm: float) -> None:
    """Whole pixels per module, centred in the square, so scanners see sharp edges."""
    n = len(op.matrix)
    side = round(op.size * px_per_mm)
    module = max(1, side // n)
    left = round(op.x * px_per_mm) + (side - module * n) // 2
    top = round(op.y * px_per_mm) + (side - module * n) // 2
    draw.rectangle((left, top, left + module * n - 1, top + module * n - 1), (255, 255, 255))
    for row, cells in enumerate(op.matrix):
        for start, length in _runs(cells):
            x0 = left + start * module
            y0 = top + row * module
            draw.rectangle((x0, y0, x0 + length * module - 1, y0 + module - 1), (0, 0, 0))


def _runs(cells: tuple[bool, ...]) -> list[tuple[int, int]]:
    """Horizontal runs of dark modules as (start, length): fewer shapes to draw."""
    runs, start = [], None
    for i, dark in enumerate((*cells, False)):
        if dark and start is None:
            start = i
        elif not dark and start is not None:
            runs.append((start, i - start))
            start = None
    return runs


# --- fpdf2 -------------------------------------------------------------------------------


def new_pdf(title: str, *, full_fonts: bool = False) -> FPDF:
    """An A4 document with the card fonts embedded, so accents print on any printer.

    The Latin subsets load fast; ``full_fonts`` adds the complete fonts as fallback for
    text outside them (a pseudonym in another script).
    """
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.set_title(title)
    pdf.set_creator("Déclic")
    pdf.set_lang("fr")
    for name in STYLES:
        pdf.add_font(f"card-{name}", "", str(font_file(name, latin=True)))
    if full_fonts:
        for name in STYLES:
            pdf.add_font(f"full-{name}", "", str(font_file(name)))
    return pdf


def needs_full_fonts(pages: list[list[Op]]) -> bool:
    return any(isinstance(op, Text) and not covered(op.text) for ops in pages for op in ops)


def render_pdf_page(pdf: FPDF, ops: list[Op]) -> None:
    """Add one page drawn from ``ops``."""
    pdf.add_page()
    for op in ops:
        if isinstance(op, Rect):
            style = _style(pdf, op.fill, op.stroke, op.width)
            if op.radius:
                pdf.rect(op.x, op.y, op.w, op.h, style, round_corners=True, corner_radius=op.radius)
            else:
                pdf.rect(op.x, op.y, op.w, op.h, style)
        elif isinstance(op, Ellipse):
            pdf.ellipse(op.x, op.y, op.w, op.h, _style(pdf, op.fill, op.stroke, op.width))
        elif isinstance(op, Text):
            family = "card" if covered(op.text) else "full"  # full: loaded by new_pdf(full_fonts)
            pdf.set_font(f"{family}-{op.font}", size=op.size)
            pdf.set_text_color(*op.colour)
            pdf.text(op.x, op.y, op.text)
        else:
            _qr_vectors(pdf, op)


def _style(pdf: FPDF, fill: RGB | None, stroke: RGB | None, width: float) -> str:
    if fill is not None:
        pdf.set_fill_color(*fill)
    if stroke is not None:
        pdf.set_draw_color(*stroke)
        pdf.set_line_width(width)
    return ("F" if fill is not None else "") + ("D" if stroke is not None else "")


def _qr_vectors(pdf: FPDF, op: QR) -> None:
    module = op.size / len(op.matrix)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(op.x, op.y, op.size, op.size, "F")
    pdf.set_fill_color(0, 0, 0)
    for row, start, length, height in _blocks(op.matrix):
        # A hair larger than the modules so that no white seam shows between blocks.
        x, y = op.x + start * module, op.y + row * module
        pdf.rect(x, y, length * module + 0.01, height * module + 0.01, "F")


def _blocks(matrix: tuple[tuple[bool, ...], ...]) -> list[tuple[int, int, int, int]]:
    """Dark runs merged down the rows they repeat in: (row, start, length, height).

    Half as many rectangles as runs on a typical code, so the PDF is smaller and faster.
    """
    rows = [set(_runs(cells)) for cells in matrix]
    blocks = []
    for r, runs in enumerate(rows):
        for run in sorted(runs):
            height = 1
            while r + height < len(rows) and run in rows[r + height]:
                rows[r + height].discard(run)
                height += 1
            blocks.append((r, run[0], run[1], height))
    return blocks
