"""An icon that is not hand-drawn but is an OpenMoji pictogram is drawn from its SVG, and the
ending screen credits OpenMoji when the scenario shows one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pygame

from engine.load.check import load_scenario
from engine.player.driver import Driver
from engine.player.icons import icon_surface
from engine.player.screens.ending import CREDIT_STRIP, shows_openmoji
from engine.shipped import scenarios_dir
from engine.walkthrough import load_walkthrough

DEMO = scenarios_dir() / "demo-escape"
VEST_ORANGE = (234, 90, 71)  # OpenMoji's red-orange of the safety vest


def _count(surface: pygame.Surface, colour: tuple[int, int, int]) -> int:
    w, h = surface.get_size()
    return sum(1 for x in range(w) for y in range(h) if tuple(surface.get_at((x, y)))[:3] == colour)


def test_a_pictogram_is_drawn_from_its_svg_not_as_a_letter_tile(make_app) -> None:
    make_app(DEMO / "demo-escape.yaml")  # pygame set up as the player does, closed afterwards
    vest = icon_surface("gilet-de-securite", (96, 96))
    tile = icon_surface("nimporte-quoi-inconnu", (96, 96))
    assert _count(vest, VEST_ORANGE) > 200
    assert _count(tile, VEST_ORANGE) == 0
    transparent = sum(1 for x in range(96) for y in range(96) if vest.get_at((x, y)).a == 0)
    assert transparent > 96 * 96 // 4, "a pictogram, not a filled tile"
    assert pygame.image.tobytes(vest, "RGBA") == pygame.image.tobytes(
        icon_surface("safety-vest", (96, 96)), "RGBA"
    )


def test_a_scenario_with_a_pictogram_credits_openmoji_on_its_ending(
    make_app, tmp_path: Path
) -> None:
    for name in ("demo-escape.yaml", "demo-escape.walkthrough.yaml"):
        shutil.copy(DEMO / name, tmp_path / name)
    scenario = tmp_path / "demo-escape.yaml"
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(
        text.replace("{icon: casier, at", "{icon: safety-vest, at", 1).replace(
            "        icon: casier\n", "        icon: gilet-de-securite\n", 1
        ),
        encoding="utf-8",
    )
    loaded = load_scenario(scenario)
    assert loaded.scenario is not None and shows_openmoji(loaded.scenario)
    original = load_scenario(DEMO / "demo-escape.yaml").scenario
    assert original is not None and not shows_openmoji(original)

    app = make_app(scenario, (1280, 720))
    driver = Driver(app, "mouse")
    walkthrough = load_walkthrough(tmp_path / "demo-escape.walkthrough.yaml")
    # The first scene, after one step: the drawn prop and the hotspot are the vest.
    first = tmp_path / "first.walkthrough.yaml"
    lines = (tmp_path / "demo-escape.walkthrough.yaml").read_text(encoding="utf-8").splitlines()
    first.write_text("\n".join(lines[: lines.index("steps:") + 2]) + "\n", encoding="utf-8")
    scene_app = make_app(scenario, (1280, 720))
    Driver(scene_app, "mouse").play(load_walkthrough(first))
    scene_app.frame()
    scene_app.screenshot(tmp_path / "scene-openmoji.png")
    driver.play(walkthrough)
    app.frame()
    app.screenshot(tmp_path / "fin-openmoji.png")
    assert app.state.phase == "ended"
    assert (tmp_path / "fin-openmoji.png").stat().st_size > 0


def test_a_rally_with_a_pictogram_credits_openmoji_under_its_podium(
    make_app, tmp_path: Path
) -> None:
    """The podium fills the ending card: the credit goes on a strip under the card, above
    and between the facilitator's buttons (screenshot looked at)."""
    rally = scenarios_dir() / "demo-rally"
    for name in ("demo-rally.yaml", "demo-rally.walkthrough.yaml"):
        shutil.copy(rally / name, tmp_path / name)
    scenario = tmp_path / "demo-rally.yaml"
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(
        text.replace("        icon: colis\n", "        icon: package\n", 1), "utf-8"
    )
    app = make_app(scenario, (1920, 1080))
    Driver(app, "mouse").play(load_walkthrough(tmp_path / "demo-rally.walkthrough.yaml"))
    app.frame()
    assert app.state.phase == "ended" and len(app.state.teams) > 1
    assert shows_openmoji(app.scenario)
    shots = Path(os.environ.get("DECLIC_SCREENSHOTS", tmp_path))
    app.screenshot(shots / "rally-ending-openmoji.png")
    ending = app.find("ending")
    buttons = [w for w in app.widgets if w.interactive and w.rect[1] >= 900]
    x, y, w, h = CREDIT_STRIP
    assert ending is not None and y >= 924  # under the card and its shadow
    for b in buttons:  # no button covers the strip
        bx, by, bw, bh = b.rect
        assert bx >= x + w or bx + bw <= x or by >= y + h or by + bh <= y, b.key
