"""Repainting only what changed, and updating the window only there, gives exactly the
picture of a full redraw."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from declic.shipped import scenarios_dir
from engine.player.driver import Driver
from engine.walkthrough import default_walkthrough, load_walkthrough


@pytest.mark.parametrize(
    "name", ["demo-escape", "demo-rally", "demo-tour", "cuisine", "rallye", "tour-normandie"]
)
def test_player_partial_repaint_matches_a_full_redraw(make_app, name: str) -> None:
    path: Path = scenarios_dir() / name / f"{name}.yaml"
    app = make_app(path, (960, 540))
    driver = Driver(app, "mouse")
    differences = []

    def compare(label: str, app=app) -> None:
        partial = pygame.image.tobytes(app.clean_surface, "RGB")
        shown = pygame.image.tobytes(app.display, "RGB")
        app.force_full = True
        app.present_full = True
        app.dirty = True
        app.frame()
        if pygame.image.tobytes(app.clean_surface, "RGB") != partial:
            differences.append(f"{label} on {app.screen}: cached screen")
        if pygame.image.tobytes(app.display, "RGB") != shown:
            differences.append(f"{label} on {app.screen}: window")

    driver.observer = compare
    driver.play(load_walkthrough(default_walkthrough(path)))
    assert not differences
