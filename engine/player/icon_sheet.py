"""The contact sheet of docs/icons.md: a selection of OpenMoji pictograms as the player draws them.

``python -m engine.player.icon_sheet docs/icons-apercu.png`` (headless is fine). Drawn through
``icon_surface``, so the picture shows what a scenario gets, not the SVG files.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pygame

from engine.player.icons import icon_surface
from engine.reference.icons import SHEET

CELL, COLUMNS = 150, 8


def contact_sheet(names: tuple[str, ...] = SHEET) -> pygame.Surface:
    rows = (len(names) + COLUMNS - 1) // COLUMNS
    sheet = pygame.Surface((COLUMNS * CELL, rows * CELL))
    sheet.fill((250, 250, 247))
    font = pygame.font.Font(None, 22)
    for index, name in enumerate(names):
        x, y = (index % COLUMNS) * CELL, (index // COLUMNS) * CELL
        sheet.blit(icon_surface(name, (96, 96)), (x + (CELL - 96) // 2, y + 12))
        label = font.render(name, True, (30, 32, 48))
        sheet.blit(label, label.get_rect(midtop=(x + CELL // 2, y + 116)))
    return sheet


def main(argv: list[str]) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.init()
    target = Path(argv[0]) if argv else Path("docs/icons-apercu.png")
    pygame.image.save(contact_sheet(), str(target))
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
