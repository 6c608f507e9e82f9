"""The lobby's phone panel (QR, « Code », the code, the address) stays readable at every text
size and both contrasts, next to eight joined players or the teams (issue 20)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playing import start_playing

from engine.player.app import App
from engine.player.audit import audit
from engine.player.driver import Driver
from engine.player.screens.phone_join import QR_SIDE, qr_surface
from engine.player.theme import TEXT_STEPS
from engine.shipped import resolve_scenario
from engine.walkthrough import PlayerSpec

JOIN = "http://192.168.100.123:34957/?code=380393"
PHONES = (JOIN, "http://192.168.100.123:34957/", "380393")
TEAM_NAMES = ("Les Renards", "Les Hiboux", "Les Loups", "Les Dauphins")
NAMES = ("Inès", "Yanis", "Chloé", "Mehdi", "Jade", "Lucas", "Maëlle", "Anaïs")
STYLES = [(contrast, step) for contrast in (False, True) for step in range(len(TEXT_STEPS))]


@pytest.mark.parametrize("name", ["cuisine", "rallye"])
def test_the_phone_panel_is_readable_at_every_text_size_and_contrast(
    make_app: Callable[..., App], name: str, tmp_path: Path, save_shot: Any
) -> None:
    app = make_app(resolve_scenario(name), (1920, 1080))
    app.ui.phones = PHONES
    driver = Driver(app, "mouse")
    app.frame()
    driver.press("start:play", None)
    teams = app.scenario.team_mode == "turns"
    for i, pseudonym in enumerate(NAMES if not teams else NAMES[:4]):
        spec = PlayerSpec(id=f"p{i}", pseudonym=pseudonym)
        if teams:
            spec = PlayerSpec(
                id=f"p{i}", pseudonym=pseudonym, team=("Les Renards", "Les Hiboux")[i % 2]
            )
        driver.join(spec)
    driver.frames(2)
    options = app.ui.options
    for options.contrast, options.text_step in STYLES:
        app.restyle()
        panel, ready = app.find("lobby:phones"), app.find("lobby:ready")
        assert panel is not None and ready is not None
        assert ready.rect[1] + ready.rect[3] <= panel.rect[1]  # the count is never under the QR
        problems = [str(problem) for problem in audit(app)]
        assert problems == [], (name, options.contrast, options.text_step)
        if name == "cuisine" and not options.contrast and options.text_step in (0, 2):
            save_shot(
                app.screenshot, tmp_path, f"lobby-phones{'-large' if options.text_step else ''}"
            )


@pytest.mark.parametrize("device", ["touch", "keyboard", "gamepad"])
def test_with_phones_the_teams_are_a_grid_picked_with_every_device(
    make_app: Callable[..., App], device: str
) -> None:
    """Under the phones' panel four rows would be too low for their names: two columns of
    button-high cells, each still a ``team:<name>`` widget that every device picks."""
    app = make_app(resolve_scenario("rallye"), (1920, 1080))
    app.ui.phones = PHONES
    driver = Driver(app, device)
    app.frame()
    driver.press("start:play", None)
    driver.join(PlayerSpec(id="a", pseudonym="Inès", team="Les Loups"))
    assert [p.team for p in app.state.players.values()] == ["Les Loups"]
    panel = app.find("lobby:phones")
    rows = [app.find(f"team:{team}") for team in TEAM_NAMES]
    assert panel is not None and all(row is not None for row in rows)
    boxes = [row.rect for row in rows if row is not None]
    assert len({x for x, _y, _w, _h in boxes}) == 2 and len({y for _x, y, _w, _h in boxes}) == 2
    assert all(h >= 80 and y >= panel.rect[1] + panel.rect[3] for _x, y, _w, h in boxes)
    assert rows[2] is not None and rows[2].label == "Les Loups : Inès"
    driver.press("team:Les Dauphins", "a", lobby=True)
    assert app.ui.form.team == "Les Dauphins"


def test_the_qr_keeps_its_module_size() -> None:
    """7 px modules at 1080p for the join link: what a phone reads from 2 to 3 m."""
    side = QR_SIDE - 16
    picture = qr_surface(JOIN, (int(side), int(side)))
    modules = 33  # version 3 (29) and a 2-module border
    assert picture.get_width() // modules >= 7


def test_tour_normandie_shows_its_newest_bubble_at_the_largest_text_size(
    make_app: Callable[..., App], tmp_path: Path, save_shot: Any
) -> None:
    """The tour's welcome at F2: shown at full size (with « Lire » if longer than its room)."""
    path = resolve_scenario("tour-normandie")
    app = make_app(path, (1920, 1080))
    welcome = "Bienvenue au départ du Tour de Normandie des métiers !"
    said = next(n for n in _narrations(path) if n.startswith(welcome))
    driver = start_playing(app, path)
    assert any(n.text == said for n in app.ui.narration), app.ui.narration
    app.ui.options.text_step = len(TEXT_STEPS) - 1
    app.restyle()
    driver.frames(1)
    bubble = app.find("say:0")
    assert bubble is not None and bubble.label == said
    assert app.find("say:0:read") is not None  # longer than its room: « Lire » opens it whole
    assert [str(problem) for problem in audit(app)] == []
    save_shot(app.screenshot, tmp_path, "tour-normandie-bubble-large")


def _narrations(path: Path) -> list[str]:
    import yaml

    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            found.extend(v for k, v in node.items() if k == "say" and isinstance(v, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found
