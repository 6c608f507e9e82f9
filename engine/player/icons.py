"""Icons drawn with shapes: props of generated scenes, items, hotspots and the UI.

Why drawn and not image files: the shipped scenarios must look good without an artist and
without downloads; shapes scale cleanly from a laptop to a 4K projector. An unknown icon
name becomes a rounded tile with its initial, so authors can use any name.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from engine.player.theme import Colour, readable_on, rgb

Draw = Callable[["Pen"], None]
Paint = tuple[int, ...]  # RGB, or RGBA with alpha 0 to cut a hole

INK = (30, 32, 48)
WHITE = (255, 255, 255)


class Pen:
    """Draws in unit coordinates (0..1) on a square-ish surface."""

    def __init__(self, surf: pygame.Surface) -> None:
        self.surf = surf
        self.w, self.h = surf.get_size()
        self.u = min(self.w, self.h)
        self.x0 = (self.w - self.u) / 2
        self.y0 = (self.h - self.u) / 2

    def p(self, x: float, y: float) -> tuple[int, int]:
        return round(self.x0 + x * self.u), round(self.y0 + y * self.u)

    def n(self, v: float) -> int:
        return max(1, round(v * self.u))

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        colour: Paint,
        radius: float = 0,
        width: float = 0,
    ) -> None:
        a = self.p(x, y)
        b = self.p(x + w, y + h)
        pygame.draw.rect(
            self.surf,
            colour,
            pygame.Rect(a, (b[0] - a[0], b[1] - a[1])),
            self.n(width) if width else 0,
            self.n(radius) if radius else 0,
        )

    def circle(self, x: float, y: float, r: float, colour: Paint, width: float = 0) -> None:
        pygame.draw.circle(
            self.surf, colour, self.p(x, y), self.n(r), self.n(width) if width else 0
        )

    def poly(self, points: list[tuple[float, float]], colour: Paint, width: float = 0) -> None:
        pygame.draw.polygon(
            self.surf, colour, [self.p(*q) for q in points], self.n(width) if width else 0
        )

    def line(
        self, a: tuple[float, float], b: tuple[float, float], colour: Paint, width: float = 0.04
    ) -> None:
        pygame.draw.line(self.surf, colour, self.p(*a), self.p(*b), self.n(width))

    def ellipse(
        self, x: float, y: float, w: float, h: float, colour: Paint, width: float = 0
    ) -> None:
        a = self.p(x, y)
        b = self.p(x + w, y + h)
        pygame.draw.ellipse(
            self.surf,
            colour,
            pygame.Rect(a, (b[0] - a[0], b[1] - a[1])),
            self.n(width) if width else 0,
        )

    def arc(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        start: float,
        stop: float,
        colour: Paint,
        width: float = 0.04,
    ) -> None:
        a = self.p(x, y)
        b = self.p(x + w, y + h)
        pygame.draw.arc(
            self.surf,
            colour,
            pygame.Rect(a, (b[0] - a[0], b[1] - a[1])),
            start,
            stop,
            self.n(width),
        )


def star_points(
    cx: float, cy: float, outer: float, inner: float, n: int = 5
) -> list[tuple[float, float]]:
    pts = []
    for i in range(n * 2):
        r = outer if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / n
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def heart_points(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    pts = []
    for i in range(40):
        t = 2 * math.pi * i / 40
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        pts.append((cx + x * r / 17, cy - y * r / 17))
    return pts


# --- props ------------------------------------------------------------------------------


def _casier(p: Pen) -> None:
    p.rect(0.2, 0.05, 0.6, 0.9, (96, 125, 139), 0.04)
    p.rect(0.2, 0.05, 0.6, 0.9, INK, 0.04, 0.02)
    for y in (0.15, 0.22, 0.29):
        p.rect(0.3, y, 0.4, 0.035, (55, 71, 79), 0.01)
    p.rect(0.62, 0.5, 0.1, 0.14, (255, 193, 7), 0.02)
    p.arc(0.63, 0.43, 0.08, 0.12, 0, math.pi, (120, 120, 120), 0.02)


def _porte(p: Pen) -> None:
    p.rect(0.2, 0.02, 0.6, 0.96, (141, 85, 36), 0.03)
    p.rect(0.27, 0.1, 0.46, 0.36, (166, 107, 52), 0.02)
    p.rect(0.27, 0.52, 0.46, 0.38, (166, 107, 52), 0.02)
    p.circle(0.68, 0.5, 0.04, (255, 213, 79))
    p.rect(0.2, 0.02, 0.6, 0.96, INK, 0.03, 0.02)


def _affiche(p: Pen) -> None:
    p.rect(0.15, 0.1, 0.7, 0.8, (255, 248, 225), 0.02)
    p.rect(0.15, 0.1, 0.7, 0.8, INK, 0.02, 0.02)
    p.rect(0.25, 0.2, 0.5, 0.08, (230, 81, 0))
    for y in (0.38, 0.48, 0.58):
        p.rect(0.25, y, 0.5, 0.04, (120, 120, 130))
    for x in (0.3, 0.45, 0.6):
        p.circle(x, 0.74, 0.05, (211, 47, 47), 0.015)
    p.circle(0.5, 0.12, 0.03, (211, 47, 47))


def _frigo(p: Pen) -> None:
    p.rect(0.22, 0.02, 0.56, 0.96, (236, 239, 241), 0.06)
    p.rect(0.22, 0.02, 0.56, 0.96, INK, 0.06, 0.02)
    p.line((0.22, 0.36), (0.78, 0.36), INK, 0.02)
    p.rect(0.68, 0.12, 0.04, 0.16, (120, 144, 156), 0.02)
    p.rect(0.68, 0.45, 0.04, 0.25, (120, 144, 156), 0.02)
    p.circle(0.36, 0.18, 0.05, (41, 182, 246))


def _plan_travail(p: Pen) -> None:
    p.rect(0.05, 0.45, 0.9, 0.1, (189, 189, 189), 0.02)
    p.rect(0.1, 0.55, 0.8, 0.4, (121, 85, 72), 0.02)
    p.line((0.5, 0.58), (0.5, 0.92), (93, 64, 55), 0.02)
    p.rect(0.2, 0.3, 0.35, 0.12, (255, 204, 128), 0.05)
    p.circle(0.72, 0.36, 0.08, (229, 57, 53))


def _evier(p: Pen) -> None:
    p.rect(0.1, 0.5, 0.8, 0.45, (176, 190, 197), 0.03)
    p.rect(0.2, 0.5, 0.6, 0.15, (96, 125, 139), 0.03)
    p.rect(0.46, 0.18, 0.08, 0.3, (158, 158, 158), 0.02)
    p.rect(0.46, 0.18, 0.25, 0.07, (158, 158, 158), 0.02)
    p.circle(0.68, 0.32, 0.03, (79, 195, 247))
    p.circle(0.68, 0.42, 0.025, (79, 195, 247))


def _cloche(p: Pen) -> None:
    p.ellipse(0.1, 0.25, 0.8, 0.9, (207, 216, 220))
    p.rect(0.0, 0.72, 1.0, 0.3, (0, 0, 0, 0))
    p.rect(0.05, 0.68, 0.9, 0.08, (144, 164, 174), 0.03)
    p.circle(0.5, 0.25, 0.06, (120, 144, 156))
    p.arc(0.2, 0.35, 0.4, 0.5, 1.7, 2.6, WHITE, 0.03)


def _badge(p: Pen) -> None:
    p.rect(0.2, 0.15, 0.6, 0.75, (66, 165, 245), 0.08)
    p.rect(0.4, 0.08, 0.2, 0.12, (120, 144, 156), 0.03)
    p.circle(0.5, 0.42, 0.12, (255, 224, 178))
    p.rect(0.3, 0.62, 0.4, 0.06, WHITE, 0.02)
    p.rect(0.3, 0.74, 0.3, 0.05, WHITE, 0.02)


def _couteau(p: Pen) -> None:
    p.poly([(0.15, 0.75), (0.7, 0.2), (0.8, 0.22), (0.35, 0.75)], (207, 216, 220))
    p.poly([(0.15, 0.75), (0.7, 0.2), (0.8, 0.22), (0.35, 0.75)], INK, 0.015)
    p.poly([(0.05, 0.95), (0.15, 0.75), (0.35, 0.75), (0.2, 0.95)], (93, 64, 55))


def _tomates(p: Pen) -> None:
    for x, y, r in ((0.35, 0.6, 0.22), (0.65, 0.62, 0.2), (0.5, 0.38, 0.18)):
        p.circle(x, y, r, (229, 57, 53))
        p.circle(x - r * 0.35, y - r * 0.35, r * 0.25, (239, 154, 154))
        p.poly(star_points(x, y - r * 0.9, r * 0.35, r * 0.12), (67, 160, 71))


def _assiette(p: Pen) -> None:
    p.ellipse(0.05, 0.3, 0.9, 0.5, (250, 250, 250))
    p.ellipse(0.05, 0.3, 0.9, 0.5, INK, 0.015)
    p.ellipse(0.2, 0.38, 0.6, 0.34, (236, 239, 241))
    for x, y in ((0.38, 0.5), (0.55, 0.47), (0.5, 0.6), (0.64, 0.58)):
        p.circle(x, y, 0.07, (229, 57, 53))
    p.circle(0.44, 0.6, 0.04, (102, 187, 106))


def _colis(p: Pen) -> None:
    p.poly([(0.1, 0.3), (0.5, 0.15), (0.9, 0.3), (0.5, 0.45)], (215, 167, 110))
    p.poly([(0.1, 0.3), (0.5, 0.45), (0.5, 0.92), (0.1, 0.75)], (188, 140, 86))
    p.poly([(0.5, 0.45), (0.9, 0.3), (0.9, 0.75), (0.5, 0.92)], (161, 118, 70))
    p.line((0.3, 0.22), (0.7, 0.38), (240, 230, 200), 0.05)


def _chariot(p: Pen) -> None:
    p.rect(0.15, 0.45, 0.5, 0.3, (255, 179, 0), 0.03)
    p.rect(0.55, 0.2, 0.2, 0.3, (255, 179, 0), 0.03)
    p.rect(0.6, 0.25, 0.1, 0.15, (179, 229, 252), 0.02)
    p.rect(0.72, 0.05, 0.04, 0.75, (84, 110, 122))
    p.rect(0.76, 0.68, 0.22, 0.04, (84, 110, 122))
    p.circle(0.27, 0.82, 0.09, INK)
    p.circle(0.55, 0.82, 0.09, INK)


def _lit(p: Pen) -> None:
    p.rect(0.05, 0.5, 0.9, 0.18, (144, 202, 249), 0.03)
    p.rect(0.05, 0.3, 0.08, 0.55, (120, 144, 156), 0.02)
    p.rect(0.87, 0.42, 0.08, 0.43, (120, 144, 156), 0.02)
    p.ellipse(0.15, 0.38, 0.22, 0.14, WHITE)
    p.rect(0.35, 0.45, 0.5, 0.1, (66, 165, 245), 0.03)


def _coeur(p: Pen) -> None:
    p.poly(heart_points(0.5, 0.52, 0.42), (233, 30, 99))
    p.circle(0.36, 0.38, 0.06, (248, 187, 208))


def _drapeau(p: Pen) -> None:
    p.rect(0.2, 0.05, 0.05, 0.9, (84, 110, 122))
    for i in range(4):
        for j in range(3):
            colour = INK if (i + j) % 2 == 0 else WHITE
            p.rect(0.25 + i * 0.15, 0.08 + j * 0.12, 0.15, 0.12, colour)


def _bateau(p: Pen) -> None:
    p.poly([(0.05, 0.6), (0.95, 0.6), (0.8, 0.85), (0.18, 0.85)], (21, 101, 192))
    for i, c in enumerate(((229, 57, 53), (255, 179, 0), (67, 160, 71), (142, 36, 170))):
        p.rect(0.18 + i * 0.16, 0.42, 0.14, 0.17, c, 0.01)
    p.rect(0.72, 0.22, 0.12, 0.38, WHITE, 0.01)
    p.arc(0.0, 0.85, 0.5, 0.15, 0, math.pi, (129, 212, 250), 0.03)


def _toque(p: Pen) -> None:
    for x in (0.3, 0.5, 0.7):
        p.circle(x, 0.35, 0.2, WHITE)
    p.rect(0.25, 0.4, 0.5, 0.4, WHITE, 0.03)
    p.rect(0.25, 0.72, 0.5, 0.12, (224, 224, 224), 0.02)
    p.line((0.35, 0.5), (0.35, 0.7), (224, 224, 224), 0.02)
    p.line((0.5, 0.5), (0.5, 0.7), (224, 224, 224), 0.02)
    p.line((0.65, 0.5), (0.65, 0.7), (224, 224, 224), 0.02)


def _noix(p: Pen) -> None:
    p.ellipse(0.15, 0.2, 0.7, 0.65, (161, 110, 60))
    p.line((0.5, 0.22), (0.5, 0.83), (110, 70, 35), 0.03)
    p.arc(0.25, 0.35, 0.2, 0.3, 1.5, 4.5, (110, 70, 35), 0.02)
    p.arc(0.55, 0.35, 0.2, 0.3, -1.5, 1.5, (110, 70, 35), 0.02)


def _bouteille(p: Pen) -> None:
    p.rect(0.42, 0.05, 0.16, 0.2, (76, 175, 80), 0.02)
    p.rect(0.3, 0.25, 0.4, 0.7, (139, 195, 74), 0.1)
    p.rect(0.34, 0.5, 0.32, 0.2, (255, 241, 118), 0.02)


def _sel(p: Pen) -> None:
    p.rect(0.3, 0.3, 0.4, 0.62, (236, 239, 241), 0.08)
    p.rect(0.3, 0.3, 0.4, 0.62, INK, 0.08, 0.015)
    p.ellipse(0.3, 0.15, 0.4, 0.22, (176, 190, 197))
    for x in (0.42, 0.5, 0.58):
        p.circle(x, 0.25, 0.02, INK)


def _cle(p: Pen) -> None:
    p.circle(0.3, 0.4, 0.18, (255, 193, 7))
    p.circle(0.3, 0.4, 0.07, (0, 0, 0, 0))
    p.rect(0.42, 0.36, 0.5, 0.08, (255, 193, 7))
    p.rect(0.78, 0.44, 0.06, 0.12, (255, 193, 7))
    p.rect(0.66, 0.44, 0.06, 0.09, (255, 193, 7))


# --- UI ---------------------------------------------------------------------------------


def _ampoule(p: Pen) -> None:
    p.circle(0.5, 0.4, 0.3, (255, 235, 59))
    p.rect(0.37, 0.62, 0.26, 0.2, (255, 235, 59), 0.04)
    p.rect(0.38, 0.8, 0.24, 0.12, (158, 158, 158), 0.03)
    p.arc(0.32, 0.2, 0.24, 0.3, 1.6, 3.0, WHITE, 0.04)


def _horloge(p: Pen) -> None:
    p.circle(0.5, 0.52, 0.42, WHITE)
    p.circle(0.5, 0.52, 0.42, INK, 0.06)
    p.line((0.5, 0.52), (0.5, 0.25), INK, 0.06)
    p.line((0.5, 0.52), (0.7, 0.62), INK, 0.06)
    p.rect(0.42, 0.02, 0.16, 0.08, INK, 0.02)


def _son(p: Pen) -> None:
    p.poly([(0.1, 0.38), (0.3, 0.38), (0.55, 0.15), (0.55, 0.85), (0.3, 0.62), (0.1, 0.62)], WHITE)
    p.arc(0.45, 0.3, 0.25, 0.4, -1.0, 1.0, WHITE, 0.06)
    p.arc(0.45, 0.15, 0.45, 0.7, -1.0, 1.0, WHITE, 0.06)


def _muet(p: Pen) -> None:
    p.poly([(0.1, 0.38), (0.3, 0.38), (0.55, 0.15), (0.55, 0.85), (0.3, 0.62), (0.1, 0.62)], WHITE)
    p.line((0.65, 0.35), (0.92, 0.65), (255, 110, 90), 0.08)
    p.line((0.92, 0.35), (0.65, 0.65), (255, 110, 90), 0.08)


def _parole(p: Pen) -> None:
    p.ellipse(0.05, 0.1, 0.9, 0.65, WHITE)
    p.poly([(0.25, 0.65), (0.2, 0.95), (0.45, 0.7)], WHITE)
    for x in (0.3, 0.5, 0.7):
        p.circle(x, 0.43, 0.06, INK)


def _contraste(p: Pen) -> None:
    p.circle(0.5, 0.5, 0.42, WHITE)
    p.circle(0.5, 0.5, 0.42, WHITE, 0.06)
    pygame.draw.circle(
        p.surf, INK, p.p(0.5, 0.5), p.n(0.36), draw_top_left=True, draw_bottom_left=True
    )


def _texte(p: Pen) -> None:
    p.poly(
        [
            (0.05, 0.9),
            (0.3, 0.15),
            (0.42, 0.15),
            (0.67, 0.9),
            (0.55, 0.9),
            (0.36, 0.32),
            (0.17, 0.9),
        ],
        WHITE,
    )
    p.rect(0.16, 0.6, 0.4, 0.08, WHITE)
    p.poly(
        [
            (0.62, 0.9),
            (0.77, 0.45),
            (0.85, 0.45),
            (1.0, 0.9),
            (0.92, 0.9),
            (0.81, 0.57),
            (0.7, 0.9),
        ],
        WHITE,
    )


def _police(p: Pen) -> None:
    p.rect(0.12, 0.12, 0.76, 0.76, WHITE, 0.1, 0.07)
    p.rect(0.25, 0.3, 0.5, 0.08, WHITE)
    p.rect(0.45, 0.3, 0.1, 0.45, WHITE)


def _pause(p: Pen) -> None:
    p.rect(0.22, 0.15, 0.18, 0.7, WHITE, 0.04)
    p.rect(0.6, 0.15, 0.18, 0.7, WHITE, 0.04)


def _lecture(p: Pen) -> None:
    p.poly([(0.25, 0.12), (0.85, 0.5), (0.25, 0.88)], WHITE)


def _fermer(p: Pen) -> None:
    p.line((0.2, 0.2), (0.8, 0.8), WHITE, 0.12)
    p.line((0.8, 0.2), (0.2, 0.8), WHITE, 0.12)


def _ok(p: Pen) -> None:
    p.poly([(0.1, 0.5), (0.22, 0.38), (0.42, 0.58), (0.8, 0.18), (0.92, 0.3), (0.42, 0.82)], WHITE)


def _coche(p: Pen) -> None:
    p.circle(0.5, 0.5, 0.44, (0, 158, 115))
    p.poly([(0.22, 0.5), (0.32, 0.4), (0.45, 0.53), (0.7, 0.27), (0.8, 0.37), (0.45, 0.72)], WHITE)


def _cadenas(p: Pen) -> None:
    p.arc(0.28, 0.08, 0.44, 0.55, 0, math.pi, (176, 190, 197), 0.09)
    p.rect(0.2, 0.4, 0.6, 0.5, (255, 193, 7), 0.08)
    p.circle(0.5, 0.6, 0.07, INK)
    p.rect(0.47, 0.6, 0.06, 0.15, INK)


def _etoile(p: Pen) -> None:
    p.poly(star_points(0.5, 0.54, 0.46, 0.2), (255, 214, 0))


def _trophee(p: Pen) -> None:
    p.rect(0.25, 0.08, 0.5, 0.42, (255, 193, 7), 0.15)
    p.arc(0.05, 0.12, 0.32, 0.3, 1.5, 4.8, (255, 193, 7), 0.06)
    p.arc(0.63, 0.12, 0.32, 0.3, -1.6, 1.6, (255, 193, 7), 0.06)
    p.rect(0.44, 0.48, 0.12, 0.22, (255, 179, 0))
    p.rect(0.28, 0.7, 0.44, 0.1, (255, 179, 0), 0.02)
    p.rect(0.22, 0.8, 0.56, 0.12, (141, 85, 36), 0.02)
    p.poly(star_points(0.5, 0.28, 0.14, 0.06), WHITE)


def _repere(p: Pen) -> None:
    p.circle(0.5, 0.36, 0.3, (229, 57, 53))
    p.poly([(0.23, 0.48), (0.5, 0.95), (0.77, 0.48)], (229, 57, 53))
    p.circle(0.5, 0.36, 0.12, WHITE)


def _fleche(p: Pen) -> None:
    p.rect(0.1, 0.4, 0.5, 0.2, WHITE)
    p.poly([(0.55, 0.15), (0.92, 0.5), (0.55, 0.85)], WHITE)


def _haut(p: Pen) -> None:
    p.poly([(0.5, 0.15), (0.88, 0.7), (0.12, 0.7)], WHITE)


def _bas(p: Pen) -> None:
    p.poly([(0.12, 0.3), (0.88, 0.3), (0.5, 0.85)], WHITE)


def _passeport(p: Pen) -> None:
    p.rect(0.18, 0.06, 0.64, 0.88, (136, 14, 79), 0.06)
    p.circle(0.5, 0.42, 0.16, (255, 213, 79), 0.03)
    p.rect(0.3, 0.7, 0.4, 0.05, (255, 213, 79))


def _loupe(p: Pen) -> None:
    p.circle(0.42, 0.42, 0.28, (179, 229, 252))
    p.circle(0.42, 0.42, 0.28, WHITE, 0.07)
    p.line((0.62, 0.62), (0.9, 0.9), WHITE, 0.12)


def _main(p: Pen) -> None:
    p.rect(0.3, 0.45, 0.45, 0.45, (255, 204, 128), 0.15)
    for i, h in enumerate((0.35, 0.45, 0.4, 0.3)):
        p.rect(0.3 + i * 0.115, 0.45 - h + 0.1, 0.1, h, (255, 204, 128), 0.05)
    p.rect(0.15, 0.5, 0.2, 0.1, (255, 204, 128), 0.05)


def _equipe(p: Pen) -> None:
    for x, c in ((0.28, (86, 180, 233)), (0.72, (230, 159, 0)), (0.5, (0, 158, 115))):
        p.circle(x, 0.35, 0.14, c)
        p.ellipse(x - 0.2, 0.52, 0.4, 0.4, c)


ICONS: dict[str, Draw] = {
    "casier": _casier,
    "porte": _porte,
    "affiche": _affiche,
    "frigo": _frigo,
    "plan_travail": _plan_travail,
    "evier": _evier,
    "cloche": _cloche,
    "badge": _badge,
    "couteau": _couteau,
    "tomates": _tomates,
    "assiette": _assiette,
    "colis": _colis,
    "chariot": _chariot,
    "lit": _lit,
    "coeur": _coeur,
    "drapeau": _drapeau,
    "bateau": _bateau,
    "toque": _toque,
    "noix": _noix,
    "bouteille": _bouteille,
    "huile": _bouteille,
    "sel": _sel,
    "cle": _cle,
    "indice": _ampoule,
    "horloge": _horloge,
    "son": _son,
    "muet": _muet,
    "lire": _parole,
    "contraste": _contraste,
    "texte": _texte,
    "police": _police,
    "pause": _pause,
    "reprendre": _lecture,
    "fermer": _fermer,
    "ok": _ok,
    "cadenas": _cadenas,
    "coche": _coche,
    "etoile": _etoile,
    "trophee": _trophee,
    "repere": _repere,
    "fleche": _fleche,
    "haut": _haut,
    "bas": _bas,
    "passeport": _passeport,
    "loupe": _loupe,
    "main": _main,
    "equipe": _equipe,
}

_FALLBACK_COLOURS = ((0, 114, 178), (213, 94, 0), (0, 158, 115), (204, 121, 167), (230, 159, 0))


def guess_icon(*words: str | None) -> str | None:
    """An icon whose name appears in one of ``words`` (ids or labels), for objects without one."""
    for word in words:
        if not word:
            continue
        low = word.lower()
        for name in ICONS:
            if name in low:
                return name
    return None


def icon_surface(name: str | None, size: tuple[int, int], label: str = "") -> pygame.Surface:
    """The icon ``name`` drawn at ``size`` pixels; a lettered tile if the name is unknown."""
    surf = pygame.Surface((max(1, size[0]), max(1, size[1])), pygame.SRCALPHA)
    pen = Pen(surf)
    draw = ICONS.get(name or "")
    if draw is not None:
        draw(pen)
        return surf
    seed = sum(ord(c) for c in (name or label or "?"))
    colour = _FALLBACK_COLOURS[seed % len(_FALLBACK_COLOURS)]
    pen.rect(0.08, 0.08, 0.84, 0.84, colour, 0.2)
    letter = (label or name or "?").strip()[:1].upper() or "?"
    font = pygame.font.Font(None, max(8, round(pen.u * 0.7)))
    text = font.render(letter, True, readable_on(colour))
    surf.blit(text, text.get_rect(center=pen.p(0.5, 0.52)))
    return surf


# --- avatars ----------------------------------------------------------------------------


def avatar_points(shape: str, cx: float, cy: float, r: float) -> list[tuple[float, float]] | None:
    """The outline of an avatar shape (None for the circle)."""
    if shape == "carre":
        k = r * 0.86
        return [(cx - k, cy - k), (cx + k, cy - k), (cx + k, cy + k), (cx - k, cy + k)]
    if shape == "triangle":
        return [(cx, cy - r), (cx + r * 0.95, cy + r * 0.75), (cx - r * 0.95, cy + r * 0.75)]
    if shape == "etoile":
        return star_points(cx, cy + r * 0.05, r * 1.08, r * 0.55)
    if shape == "losange":
        return [(cx, cy - r * 1.05), (cx + r, cy), (cx, cy + r * 1.05), (cx - r, cy)]
    if shape == "hexagone":
        return [
            (
                cx + r * math.cos(math.pi / 3 * i + math.pi / 6),
                cy + r * math.sin(math.pi / 3 * i + math.pi / 6),
            )
            for i in range(6)
        ]
    if shape == "coeur":
        return heart_points(cx, cy + r * 0.05, r * 1.05)
    if shape == "eclair":
        return [
            (cx + r * 0.2, cy - r),
            (cx - r * 0.7, cy + r * 0.15),
            (cx - r * 0.05, cy + r * 0.15),
            (cx - r * 0.3, cy + r),
            (cx + r * 0.7, cy - r * 0.2),
            (cx + r * 0.05, cy - r * 0.2),
        ]
    return None


def avatar_maker(
    shape: str, colour_hex: str, initial: str
) -> Callable[[tuple[int, int]], pygame.Surface]:
    """A builder for ``Painter.blit_shape``: the avatar at the size it is shown."""
    return lambda size: avatar_surface(shape, colour_hex, initial, min(size))


def icon_maker(name: str | None, label: str = "") -> Callable[[tuple[int, int]], pygame.Surface]:
    return lambda size: icon_surface(name, size, label)


def avatar_surface(
    shape: str, colour_hex: str, initial: str, size: int, ring: Colour | None = None
) -> pygame.Surface:
    """A player's avatar: a coloured shape with the initial; never colour alone."""
    surf = pygame.Surface((size, size), pygame.SRCALPHA)
    colour = rgb(colour_hex)
    c = size / 2
    r = size * 0.42
    outline = (20, 20, 28)
    points = avatar_points(shape, c, c, r)
    if points is None:
        pygame.draw.circle(surf, colour, (c, c), r)
        pygame.draw.circle(surf, outline, (c, c), r, max(2, size // 28))
    else:
        pygame.draw.polygon(surf, colour, points)
        pygame.draw.polygon(surf, outline, points, max(2, size // 28))
    if ring is not None:
        pygame.draw.circle(surf, ring, (c, c), size / 2 - 1, max(3, size // 14))
    font = pygame.font.Font(
        None, max(8, round(size * (0.42 if shape in ("triangle", "eclair", "etoile") else 0.5)))
    )
    letter = initial[:1].upper() or "?"
    text = font.render(letter, True, readable_on(colour))
    dy = size * 0.08 if shape == "triangle" else 0
    surf.blit(text, text.get_rect(center=(c, c + dy + size * 0.02)))
    return surf
