"""The lobby's "join with your phone" panel: a QR code of the phones' address, the address
and the 6-digit room code, big enough to read from the back of the room."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from engine.player.paint import Painter
from engine.player.widgets import Look, Widget, decoration

if TYPE_CHECKING:
    from engine.player.app import App


def qr_surface(data: str, size: tuple[int, int]) -> pygame.Surface:
    """Dark modules on white, scaled by whole pixels (sharp for a phone's camera)."""
    import qrcode  # here: its import (with Pillow's) would delay the game's first frame

    qr = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(data)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    n = len(matrix)
    small = pygame.Surface((n, n))
    small.fill((255, 255, 255))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                small.set_at((x, y), (0, 0, 0))
    side = max(n, (min(size) // n) * n)
    return pygame.transform.scale(small, (side, side))


def phone_panel(app: App, rect: tuple[float, float, float, float]) -> list[Widget]:
    if app.ui.phones is None:
        return []
    link, address, code = app.ui.phones
    x, y, w, h = rect
    spoken = f"Rejoindre avec son téléphone : {address}, code {' '.join(code)}"

    def draw(p: Painter, _look: Look) -> None:
        p.rect((x, y, h, h), (255, 255, 255), 12)
        p.blit_shape(("qr", link), (x + 8, y + 8, h - 16, h - 16), lambda s: qr_surface(link, s))
        left = x + h + 20
        p.text("Avec votre téléphone", (left, y + 8), 28, p.theme.text, True, max_width=w - h - 24)
        p.text("Code", (left, y + 56), 24, p.theme.text_dim, True)
        p.text(code, (left, y + 84), 64, p.theme.text, True, max_width=w - h - 24)
        p.text(address, (left, y + 170), 22, p.theme.text_dim, False, max_width=w - h - 24)

    return [decoration("lobby:phones", rect, draw, spoken, (link, code), pictured=True)]
