"""Scene pictures: image files, or drawings made from a gradient, a motif and props.

A missing or broken image never stops the game: a placeholder is drawn and one line is
logged so the author can fix the path.
"""

from __future__ import annotations

import json
import logging
import math
import random
from functools import cache
from pathlib import Path

import pygame

from engine.format.scenario import Drawing, Picture
from engine.player.icons import icon_surface
from engine.player.theme import Colour, mix, rgb
from engine.reference import assets_dir

log = logging.getLogger("declic.player")

DEFAULT_DRAWING = Drawing()


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


def _motif(
    surf: pygame.Surface, motif: str, top: Colour, bottom: Colour, rng: random.Random
) -> None:
    w, h = surf.get_size()
    floor_y = round(h * 0.72)
    floor = mix(bottom, (20, 20, 30), 0.45)
    pygame.draw.rect(surf, floor, (0, floor_y, w, h - floor_y))
    pygame.draw.line(
        surf, mix(floor, (255, 255, 255), 0.25), (0, floor_y), (w, floor_y), max(2, h // 120)
    )
    light = mix(bottom, (255, 255, 255), 0.12)
    dark = mix(top, (0, 0, 0), 0.15)
    if motif in ("cuisine", "hopital"):
        tile = max(10, w // 28)
        for y in range(0, floor_y, tile):
            pygame.draw.line(surf, light, (0, y), (w, y), 1)
        for x in range(0, w, tile):
            pygame.draw.line(surf, light, (x, 0), (x, floor_y), 1)
        if motif == "hopital":
            c = (w * 0.1, h * 0.18)
            k = h * 0.05
            pygame.draw.rect(surf, (230, 57, 70), (c[0] - k, c[1] - k * 3, k * 2, k * 6))
            pygame.draw.rect(surf, (230, 57, 70), (c[0] - k * 3, c[1] - k, k * 6, k * 2))
    elif motif == "vestiaire":
        for i in range(9):
            x = round(i * w / 9)
            pygame.draw.rect(
                surf, dark, (x + 4, round(h * 0.1), round(w / 9) - 8, round(h * 0.55)), 0, 6
            )
            pygame.draw.rect(surf, light, (x + round(w / 30), round(h * 0.16), round(w / 30), 4))
    elif motif == "entrepot":
        for level in (0.25, 0.45, 0.65):
            pygame.draw.rect(surf, (255, 152, 0), (0, round(h * level), w, max(3, h // 90)))
        for _ in range(14):
            bx = rng.randrange(0, w - w // 12)
            level = rng.choice((0.25, 0.45, 0.65))
            bw = rng.randrange(w // 28, w // 14)
            bh = rng.randrange(h // 20, h // 10)
            pygame.draw.rect(
                surf,
                mix((188, 140, 86), dark, rng.random() * 0.3),
                (bx, round(h * level) - bh, bw, bh),
                0,
                3,
            )
    else:
        for _ in range(40):
            x, y = rng.randrange(w), rng.randrange(max(1, floor_y))
            pygame.draw.circle(surf, light, (x, y), rng.randrange(1, max(2, h // 120)))
    vignette = pygame.Surface((w, h), pygame.SRCALPHA)
    for i in range(6):
        pygame.draw.rect(
            vignette,
            (0, 0, 0, 22),
            (i * w // 60, i * h // 60, w - 2 * i * w // 60, h - 2 * i * h // 60),
            max(2, w // 60),
        )
    surf.blit(vignette, (0, 0))


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
