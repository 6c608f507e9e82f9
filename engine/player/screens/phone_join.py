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


#: the QR's side at 1080p: with the join link's 33 modules, 7 px each, read from 2-3 m
QR_SIDE = 250.0


def phone_panel_height(app: App) -> float:
    """The panel's height: the QR, then the address on its own line (it grows with F2)."""
    return QR_SIDE + 6 + app.painter.line_height(28)


def phone_panel(app: App, rect: tuple[float, float, float, float]) -> list[Widget]:
    """The QR on the left, the title, « Code » and the code beside it, the address under it
    across the whole width: at F2 an address is wider than the room beside the QR."""
    if app.ui.phones is None:
        return []
    link, address, code = app.ui.phones
    x, y, w, _h = rect
    spoken = f"Rejoindre avec son téléphone : {address}, code {' '.join(code)}"

    def draw(p: Painter, _look: Look) -> None:
        side = QR_SIDE
        p.rect((x, y, side, side), (255, 255, 255), 12)
        p.blit_shape(
            ("qr", link), (x + 8, y + 8, side - 16, side - 16), lambda s: qr_surface(link, s)
        )
        left, room = x + side + 20, w - side - 20
        line = p.line_height(28, True)
        p.text("Par téléphone", (left, y + 4), 28, p.theme.text, True, max_width=room)
        p.text("Code", (left, y + 4 + line), 28, p.theme.text_dim, True)
        p.text(code, (left, y + 4 + 2 * line), 64, p.theme.text, True, max_width=room)
        p.text(address, (x, y + side + 6), 28, p.theme.text_dim, False, max_width=w)

    return [decoration("lobby:phones", rect, draw, spoken, (link, code), pictured=True)]
