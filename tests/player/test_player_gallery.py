"""Screenshots of every screen type at 1920×1080 and 1280×720 (saved in a temporary folder)."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from engine.player.gallery import capture
from engine.shipped import scenarios_dir

#: the demos show most screens; the kitchen has the number puzzle (the scales)
DEMOS = [
    scenarios_dir() / name / f"{name}.yaml"
    for name in ("demo-escape", "demo-rally", "demo-tour", "cuisine")
]
SCREENS = {
    "start",
    "lobby",
    "escape-scene",
    "escape-bag",
    "puzzle-code",
    "puzzle-single_choice",
    "puzzle-find",
    "puzzle-text",
    "puzzle-order",
    "puzzle-pairs",
    "puzzle-multiple_choice",
    "puzzle-number",
    "rally-handover",
    "rally-scoreboard",
    "tour-map",
    "escape-ending",
    "rally-ending",
    "tour-ending",
    "escape-timeout",
    "pause",
}


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_player_gallery_has_every_screen_type(tmp_path: Path, size: tuple[int, int]) -> None:
    taken = capture(tmp_path, size, DEMOS)
    assert set(taken) >= SCREENS, sorted(SCREENS - set(taken))
    for name, file in taken.items():
        image = pygame.image.load(str(file))
        assert image.get_size() == size, name
        small = pygame.transform.scale(image, (32, 18))
        colours = {small.get_at((x, y))[:3] for x in range(32) for y in range(18)}
        assert len(colours) > 20, f"{name} looks blank"
