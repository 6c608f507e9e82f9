"""Scene pictures: image files, or drawings made from a gradient, a motif and props.

A missing or broken image never stops the game: a placeholder is drawn and one line is
logged so the author can fix the path.
"""

from __future__ import annotations

import json
import logging
import math
import random
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pygame

from engine.format.scenario import Drawing, Picture
from engine.player.icons import icon_surface
from engine.player.theme import Colour, mix, rgb
from engine.reference import assets_dir

log = logging.getLogger("declic.player")

DEFAULT_DRAWING = Drawing.model_construct()  # defaults, no validator built at import


def picture_surface(
    picture: Picture | None, folder: Path, size: tuple[int, int], seed: str
) -> pygame.Surface:
    """The scene's picture at ``size`` pixels (drawn, loaded, or a placeholder)."""
    if picture is not None and picture.file is not None:
        loaded = load_image(folder / picture.file, size)
        if loaded is not None:
            return loaded
        return placeholder(size, picture.file)
    return drawing_surface((picture.draw if picture else None) or DEFAULT_DRAWING, size, seed)


_warned: set[str] = set()


def load_image(path: Path, size: tuple[int, int]) -> pygame.Surface | None:
    try:
        image = pygame.image.load(str(path))
    except (pygame.error, FileNotFoundError, OSError) as exc:
        if str(path) not in _warned:
            _warned.add(str(path))
            log.warning(
                "image introuvable ou illisible : %s (%s) ; une image de remplacement est affichée",
                path,
                exc,
            )
        return None
    return pygame.transform.smoothscale(image.convert(), size)


def placeholder(size: tuple[int, int], name: str) -> pygame.Surface:
    surf = pygame.Surface(size)
    surf.fill((60, 64, 90))
    step = max(8, size[0] // 24)
    for x in range(-size[1], size[0], step):
        pygame.draw.line(surf, (70, 75, 104), (x, 0), (x + size[1], size[1]), max(1, step // 3))
    icon = icon_surface("loupe", (size[1] // 4, size[1] // 4))
    surf.blit(icon, icon.get_rect(center=(size[0] // 2, size[1] // 2 - size[1] // 10)))
    font = pygame.font.Font(None, max(12, size[1] // 18))
    text = font.render(f"? {name}", True, (230, 230, 240))
    surf.blit(text, text.get_rect(center=(size[0] // 2, size[1] * 0.68)))
    return surf


def drawing_surface(drawing: Drawing, size: tuple[int, int], seed: str) -> pygame.Surface:
    """Gradient sky/wall, a floor, a motif, then the props with their labels."""
    w, h = size
    top, bottom = rgb(drawing.gradient[0]), rgb(drawing.gradient[1])
    surf = pygame.Surface(size)
    for y in range(0, h, 2):
        pygame.draw.line(surf, mix(top, bottom, y / max(1, h - 1)), (0, y), (w, y), 2)
    rng = random.Random(seed)
    _motif(surf, drawing.motif or "", top, bottom, rng)
    for prop in drawing.props:
        side = max(8, round(prop.size * w))
        icon = icon_surface(prop.icon, (side, side), prop.label or prop.icon)
        cx, cy = prop.at[0] * w, prop.at[1] * h
        shadow = pygame.Surface((side, side // 5), pygame.SRCALPHA)
        pygame.draw.ellipse(shadow, (0, 0, 0, 70), shadow.get_rect())
        surf.blit(shadow, shadow.get_rect(center=(cx, cy + side * 0.48)))
        surf.blit(icon, icon.get_rect(center=(cx, cy)))
    return surf


class Backdrop:
    """What a motif draws with: the surface, its colours, the floor line and a seeded dice."""

    def __init__(
        self, surf: pygame.Surface, top: Colour, bottom: Colour, rng: random.Random
    ) -> None:
        self.surf = surf
        self.w, self.h = surf.get_size()
        self.floor_y = round(self.h * 0.72)
        self.top, self.bottom, self.rng = top, bottom, rng
        self.light = mix(bottom, (255, 255, 255), 0.12)
        self.dark = mix(top, (0, 0, 0), 0.15)


def _motif(
    surf: pygame.Surface, motif: str, top: Colour, bottom: Colour, rng: random.Random
) -> None:
    """The background pattern named by the scene; unknown names get soft dots."""
    b = Backdrop(surf, top, bottom, rng)
    floor = mix(bottom, (20, 20, 30), 0.45)
    pygame.draw.rect(surf, floor, (0, b.floor_y, b.w, b.h - b.floor_y))
    pygame.draw.line(
        surf,
        mix(floor, (255, 255, 255), 0.25),
        (0, b.floor_y),
        (b.w, b.floor_y),
        max(2, b.h // 120),
    )
    MOTIFS.get(motif, _dots)(b)
    w, h = b.w, b.h
    vignette = pygame.Surface((w, h), pygame.SRCALPHA)
    for i in range(6):
        pygame.draw.rect(
            vignette,
            (0, 0, 0, 22),
            (i * w // 60, i * h // 60, w - 2 * i * w // 60, h - 2 * i * h // 60),
            max(2, w // 60),
        )
    surf.blit(vignette, (0, 0))


def _dots(b: Backdrop) -> None:
    for _ in range(40):
        x, y = b.rng.randrange(b.w), b.rng.randrange(max(1, b.floor_y))
        pygame.draw.circle(b.surf, b.light, (x, y), b.rng.randrange(1, max(2, b.h // 120)))


def _tiles(b: Backdrop, tile: int | None = None) -> None:
    tile = tile or max(10, b.w // 28)
    for y in range(0, b.floor_y, tile):
        pygame.draw.line(b.surf, b.light, (0, y), (b.w, y), 1)
    for x in range(0, b.w, tile):
        pygame.draw.line(b.surf, b.light, (x, 0), (x, b.floor_y), 1)


def _hospital(b: Backdrop) -> None:
    _tiles(b)
    c = (b.w * 0.1, b.h * 0.18)
    k = b.h * 0.05
    pygame.draw.rect(b.surf, (230, 57, 70), (c[0] - k, c[1] - k * 3, k * 2, k * 6))
    pygame.draw.rect(b.surf, (230, 57, 70), (c[0] - k * 3, c[1] - k, k * 6, k * 2))


def _big_tiles(b: Backdrop) -> None:
    tile = max(16, b.w // 14)
    for row, y in enumerate(range(0, b.floor_y, tile)):
        for col, x in enumerate(range(0, b.w, tile)):
            if (row + col) % 2 == 0:
                pygame.draw.rect(b.surf, mix(b.light, b.bottom, 0.82), (x, y, tile, tile))
    _tiles(b, tile)


def _frost(b: Backdrop) -> None:
    _tiles(b, max(16, b.w // 16))
    ice = (240, 250, 255)
    for _ in range(26):
        x, y = b.rng.randrange(b.w), b.rng.randrange(max(1, b.floor_y))
        r = b.rng.randrange(max(3, b.h // 90), max(4, b.h // 40))
        for k in range(3):
            a = k * math.pi / 3
            dx, dy = r * math.cos(a), r * math.sin(a)
            pygame.draw.line(b.surf, ice, (x - dx, y - dy), (x + dx, y + dy), max(1, r // 5))
    for x in range(0, b.w, max(6, b.w // 40)):  # icicles along the ceiling
        length = b.rng.randrange(b.h // 40, b.h // 12)
        pygame.draw.polygon(b.surf, ice, [(x, 0), (x + b.w // 90, 0), (x + b.w // 180, length)])


def _lockers(b: Backdrop) -> None:
    w, h = b.w, b.h
    for i in range(9):
        x = round(i * w / 9)
        pygame.draw.rect(
            b.surf, b.dark, (x + 4, round(h * 0.1), round(w / 9) - 8, round(h * 0.55)), 0, 6
        )
        pygame.draw.rect(b.surf, b.light, (x + round(w / 30), round(h * 0.16), round(w / 30), 4))


def _racks(b: Backdrop, colourful: bool = False) -> None:
    w, h = b.w, b.h
    beam = (255, 152, 0) if not colourful else mix(b.dark, (255, 255, 255), 0.3)
    palette = ((229, 57, 53), (255, 193, 7), (67, 160, 71), (30, 136, 229), (142, 36, 170))
    for level in (0.25, 0.45, 0.65):
        pygame.draw.rect(b.surf, beam, (0, round(h * level), w, max(3, h // 90)))
    for _ in range(14 if not colourful else 60):
        level = b.rng.choice((0.25, 0.45, 0.65))
        if colourful:
            bw, bh = b.rng.randrange(w // 70, w // 35), b.rng.randrange(h // 28, h // 14)
            colour = b.rng.choice(palette)
        else:
            bw, bh = b.rng.randrange(w // 28, w // 14), b.rng.randrange(h // 20, h // 10)
            colour = mix((188, 140, 86), b.dark, b.rng.random() * 0.3)
        bx = b.rng.randrange(0, w - bw)
        pygame.draw.rect(b.surf, colour, (bx, round(h * level) - bh, bw, bh), 0, 3)


def _shop(b: Backdrop) -> None:
    _racks(b, colourful=True)


def _dining_room(b: Backdrop) -> None:
    w, h = b.w, b.h
    wood = mix(b.dark, (141, 85, 36), 0.5)
    pygame.draw.rect(b.surf, wood, (0, round(h * 0.5), w, b.floor_y - round(h * 0.5)))
    pygame.draw.line(b.surf, b.light, (0, round(h * 0.5)), (w, round(h * 0.5)), max(2, h // 150))
    for i in range(3):
        x = round(w * (0.12 + i * 0.3))
        frame = (x, round(h * 0.1), round(w * 0.16), round(h * 0.28))
        pygame.draw.rect(b.surf, mix(b.top, (255, 240, 200), 0.5), frame, 0, 4)
        pygame.draw.rect(b.surf, (255, 213, 79), frame, max(2, h // 150), 4)
    for i in range(7):  # garland of lights
        x = round(w * (0.05 + i * 0.15))
        pygame.draw.circle(b.surf, (255, 236, 179), (x, round(h * 0.05)), max(3, h // 100))


def _skyline(b: Backdrop, factory: bool = False) -> None:
    w, h = b.w, b.h
    shade = mix(b.top, (0, 0, 0), 0.35)
    window = mix(b.bottom, (255, 241, 118), 0.6)
    x = 0
    while x < w:
        bw = b.rng.randrange(w // 16, w // 8)
        bh = b.rng.randrange(h // 6, h // 2 if not factory else h // 3)
        top = b.floor_y - bh
        if factory and b.rng.random() < 0.5:
            teeth = max(2, bw // (w // 40))
            for k in range(teeth):
                tx = x + k * bw / teeth
                pygame.draw.polygon(
                    b.surf,
                    shade,
                    [(tx, top), (tx + bw / teeth, top - h // 20), (tx + bw / teeth, top)],
                )
        pygame.draw.rect(b.surf, shade, (x, top, bw - 4, bh))
        if factory and b.rng.random() < 0.4:
            cx = x + bw // 2
            pygame.draw.rect(b.surf, shade, (cx, top - h // 6, w // 60, h // 6))
            for k in range(3):
                pygame.draw.circle(
                    b.surf,
                    mix(b.bottom, (255, 255, 255), 0.5),
                    (cx + k * w // 70, top - h // 6 - k * h // 30),
                    h // 50 + k * 3,
                )
        for wy in range(top + h // 30, b.floor_y - h // 30, h // 14):
            for wx in range(x + w // 80, x + bw - w // 50, w // 45):
                if b.rng.random() < 0.55:
                    pygame.draw.rect(b.surf, window, (wx, wy, w // 110, h // 40))
        x += bw


def _city(b: Backdrop) -> None:
    _skyline(b)


def _factory(b: Backdrop) -> None:
    _skyline(b, factory=True)


def _worksite(b: Backdrop) -> None:
    w, h = b.w, b.h
    steel = mix(b.dark, (120, 144, 156), 0.5)
    for x in range(round(w * 0.05), w, w // 7):  # scaffolding
        pygame.draw.line(b.surf, steel, (x, round(h * 0.12)), (x, b.floor_y), max(2, w // 300))
    for y in range(round(h * 0.12), b.floor_y, h // 7):
        pygame.draw.line(b.surf, steel, (0, y), (w, y), max(2, w // 300))
    band = h // 24
    y = b.floor_y - band
    for x in range(-band, w, band * 2):  # hazard stripes along the floor
        pygame.draw.polygon(
            b.surf,
            (255, 193, 7),
            [(x, y + band), (x + band, y), (x + 2 * band, y), (x + band, y + band)],
        )


def _fields(b: Backdrop, hedges: bool = False, fence: bool = False) -> None:
    w, h = b.w, b.h
    hill = (104, 159, 56)
    for i, colour in enumerate(((124, 179, 66), (104, 159, 56), (85, 139, 47))):
        y0 = b.floor_y - h * (0.22 - i * 0.06)
        pts: list[tuple[float, float]] = [(0, b.floor_y)]
        for k in range(13):
            x = w * k / 12
            pts.append((x, y0 + math.sin(k * 0.9 + i * 2) * h * 0.03))
        pts.append((w, b.floor_y))
        pygame.draw.polygon(b.surf, mix(colour, b.bottom, 0.25), pts)
    if hedges:
        for _ in range(14):
            x = b.rng.randrange(w)
            y = b.rng.randrange(round(b.floor_y - h * 0.2), b.floor_y - h // 40)
            pygame.draw.circle(b.surf, (51, 105, 30), (x, y), b.rng.randrange(h // 40, h // 22))
    else:
        for _ in range(6):  # rows in the fields
            y = b.rng.randrange(round(b.floor_y - h * 0.12), b.floor_y)
            pygame.draw.line(b.surf, mix(hill, (255, 235, 59), 0.35), (0, y), (w, y + h // 30), 2)
    if fence:
        wood = (230, 230, 230)
        y = b.floor_y - h // 12
        for x in range(0, w, w // 14):
            pygame.draw.rect(b.surf, wood, (x, y, max(3, w // 160), h // 12))
        for dy in (h // 60, h // 24):
            pygame.draw.line(b.surf, wood, (0, y + dy), (w, y + dy), max(2, h // 200))
    pygame.draw.circle(b.surf, (255, 241, 118), (round(w * 0.85), round(h * 0.14)), h // 14)


def _field(b: Backdrop) -> None:
    _fields(b)


def _bocage(b: Backdrop) -> None:
    _fields(b, hedges=True)


def _stud(b: Backdrop) -> None:
    _fields(b, fence=True)


def _waves(b: Backdrop, top: float) -> None:
    w, h = b.w, b.h
    y0 = round(h * top)
    pygame.draw.rect(b.surf, mix((2, 119, 189), b.bottom, 0.2), (0, y0, w, b.floor_y - y0))
    crest = (225, 245, 254)
    for row, y in enumerate(range(y0 + h // 40, b.floor_y, h // 22)):
        step = w // 18
        for x in range(-step + (row % 2) * step // 2, w, step):
            pygame.draw.arc(b.surf, crest, (x, y, step, h // 30), 0, math.pi, max(1, h // 300))


def _sea(b: Backdrop) -> None:
    _waves(b, 0.45)
    for _ in range(4):  # gulls
        x, y = b.rng.randrange(b.w), b.rng.randrange(b.h // 10, b.h // 3)
        r = b.h // 50
        pygame.draw.arc(
            b.surf, (255, 255, 255), (x - 2 * r, y, 2 * r, r * 2), 0.3, math.pi - 0.2, 2
        )
        pygame.draw.arc(b.surf, (255, 255, 255), (x, y, 2 * r, r * 2), 0.2, math.pi - 0.3, 2)


def _cliff(b: Backdrop) -> None:
    _sea(b)
    w, h = b.w, b.h
    chalk = (245, 245, 240)
    pts = [
        (w * 0.45, b.floor_y),
        (w * 0.5, h * 0.3),
        (w * 0.62, h * 0.26),
        (w * 0.8, h * 0.28),
        (w, h * 0.24),
        (w, b.floor_y),
    ]
    pygame.draw.polygon(b.surf, chalk, pts)
    pygame.draw.polygon(
        b.surf,
        (124, 179, 66),
        [
            (w * 0.5, h * 0.3),
            (w * 0.62, h * 0.26),
            (w * 0.8, h * 0.28),
            (w, h * 0.24),
            (w, h * 0.27),
            (w * 0.8, h * 0.31),
            (w * 0.62, h * 0.29),
            (w * 0.51, h * 0.33),
        ],
    )
    for k in range(5):
        y = h * (0.38 + k * 0.07)
        pygame.draw.line(b.surf, (210, 210, 200), (w * 0.5 + k * 4, y), (w, y - h * 0.01), 2)


def _harbour(b: Backdrop, yard: bool = False) -> None:
    _waves(b, 0.58)
    w, h = b.w, b.h
    crane = (255, 152, 0) if not yard else (255, 193, 7)
    for i in range(3 if not yard else 2):
        x = round(w * (0.15 + i * 0.32))
        base = round(h * 0.58)
        pygame.draw.rect(b.surf, crane, (x, round(h * 0.12), w // 90, base - round(h * 0.12)))
        pygame.draw.rect(b.surf, crane, (x - w // 20, round(h * 0.12), w // 6, w // 120))
        pygame.draw.line(
            b.surf, (40, 40, 50), (x + w // 10, round(h * 0.12)), (x + w // 10, round(h * 0.3)), 2
        )
    if not yard:
        palette = ((229, 57, 53), (30, 136, 229), (67, 160, 71), (255, 193, 7))
        for k in range(10):
            cw, ch = w // 16, h // 22
            x = round(w * 0.05) + (k % 5) * (cw + 3)
            y = round(h * 0.58) - ch * (1 + k // 5)
            pygame.draw.rect(b.surf, palette[(k * 7) % 4], (x + w // 2, y, cw, ch))
    else:  # a hull on the slipway
        hull = [(w * 0.3, h * 0.4), (w * 0.9, h * 0.4), (w * 0.82, h * 0.56), (w * 0.36, h * 0.56)]
        pygame.draw.polygon(b.surf, mix(b.dark, (69, 90, 100), 0.5), hull)
        pygame.draw.line(
            b.surf, (229, 57, 53), (w * 0.33, h * 0.5), (w * 0.86, h * 0.5), max(2, h // 100)
        )


def _port(b: Backdrop) -> None:
    _harbour(b)


def _shipyard(b: Backdrop) -> None:
    _harbour(b, yard=True)


def _confetti(b: Backdrop) -> None:
    palette = (
        (230, 159, 0),
        (86, 180, 233),
        (0, 158, 115),
        (240, 228, 66),
        (213, 94, 0),
        (204, 121, 167),
    )
    for _ in range(120):
        x, y = b.rng.randrange(b.w), b.rng.randrange(max(1, b.floor_y))
        s = b.rng.randrange(max(3, b.h // 120), max(4, b.h // 60))
        rect = pygame.Rect(x, y, s, s * 2) if b.rng.random() < 0.5 else pygame.Rect(x, y, s * 2, s)
        pygame.draw.rect(b.surf, b.rng.choice(palette), rect, 0, 2)


def _glassworks(b: Backdrop) -> None:
    w, h = b.w, b.h
    for i in range(2):  # furnace mouths glowing
        cx = round(w * (0.25 + i * 0.5))
        r = h // 7
        pygame.draw.rect(
            b.surf,
            mix(b.dark, (93, 64, 55), 0.5),
            (cx - r * 1.5, round(h * 0.3), r * 3, b.floor_y - round(h * 0.3)),
            0,
            r // 2,
        )
        pygame.draw.circle(b.surf, (255, 111, 0), (cx, round(h * 0.5)), r)
        pygame.draw.circle(b.surf, (255, 213, 79), (cx, round(h * 0.5)), r * 2 // 3)
    for k in range(12):  # glass on a shelf
        x = round(w * 0.05) + k * w // 13
        colour = ((129, 212, 250), (165, 214, 167), (206, 147, 216))[k % 3]
        pygame.draw.rect(b.surf, colour, (x, round(h * 0.12), w // 40, h // 12), 0, 4)
    pygame.draw.line(
        b.surf, b.light, (0, round(h * 0.12 + h // 12)), (w, round(h * 0.12 + h // 12)), 3
    )


def _lab(b: Backdrop) -> None:
    _tiles(b, max(12, b.w // 20))
    w, h = b.w, b.h
    shelf = round(h * 0.3)
    pygame.draw.line(b.surf, b.light, (0, shelf), (w, shelf), max(2, h // 150))
    for k in range(14):
        x = round(w * 0.03) + k * w // 15
        colour = ((77, 182, 172), (129, 212, 250), (255, 241, 118), (239, 154, 154))[k % 4]
        fh = h // 14
        pygame.draw.polygon(
            b.surf,
            colour,
            [
                (x, shelf),
                (x + w // 40, shelf),
                (x + w // 60, shelf - fh),
                (x + w // 120, shelf - fh),
            ],
        )


MOTIFS: dict[str, Callable[[Backdrop], None]] = {
    "cuisine": _tiles,
    "hopital": _hospital,
    "carrelage": _big_tiles,
    "givre": _frost,
    "vestiaire": _lockers,
    "entrepot": _racks,
    "magasin": _shop,
    "salle": _dining_room,
    "ville": _city,
    "usine": _factory,
    "chantier": _worksite,
    "champ": _field,
    "prairie": _field,
    "bocage": _bocage,
    "haras": _stud,
    "mer": _sea,
    "falaise": _cliff,
    "port": _port,
    "chantier_naval": _shipyard,
    "confettis": _confetti,
    "verrerie": _glassworks,
    "labo": _lab,
}


# --- the map ------------------------------------------------------------------------------


@cache
def normandy_outline() -> tuple[tuple[float, float], ...]:
    """The region's outline as (lon, lat), from ``assets/map/normandie.json``."""
    data = json.loads((assets_dir() / "map" / "normandie.json").read_text(encoding="utf-8"))
    return tuple((float(lon), float(lat)) for lon, lat in data["outline"])


class MapProjection:
    """Longitude/latitude to a rectangle, with the scale of latitude 49°N kept."""

    def __init__(self, rect: tuple[float, float, float, float], margin: float = 0.06) -> None:
        lons = [p[0] for p in normandy_outline()]
        lats = [p[1] for p in normandy_outline()]
        self.k = math.cos(math.radians(49.2))
        x0, x1 = min(lons) * self.k, max(lons) * self.k
        y0, y1 = min(lats), max(lats)
        x, y, w, h = rect
        mw, mh = w * (1 - 2 * margin), h * (1 - 2 * margin)
        self.scale = min(mw / (x1 - x0), mh / (y1 - y0))
        self.cx = x + w / 2 - (x0 + x1) / 2 * self.scale
        self.cy = y + h / 2 + (y0 + y1) / 2 * self.scale

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return self.cx + lon * self.k * self.scale, self.cy - lat * self.scale
