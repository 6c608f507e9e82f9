"""The rally's lobby picks teams in full-width rows of the right panel, and a bubble too long
for its room keeps its letters' size and opens whole with « Lire » (issue 20: readable from
the back of the room at every text size)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from engine.player.app import App
from engine.player.audit import audit
from engine.player.driver import Driver
from engine.player.screens.lobby import SIDE
from engine.player.theme import TEXT_STEPS
from engine.shipped import resolve_scenario
from engine.walkthrough import PlayerSpec, default_walkthrough, load_walkthrough

TEAMS = ("Les Renards", "Les Hiboux", "Les Loups", "Les Dauphins")
NAMES = ("Inès", "Yanis", "Chloé", "Mehdi", "Jade", "Lucas", "Maëlle", "Anaïs")


def lobby_of_eight(app: App, device: str = "mouse") -> Driver:
    """Eight players joined, two in each of the four teams, through the real lobby."""
    driver = Driver(app, device)
    app.frame()
    driver.press("start:play", None)
    for i, name in enumerate(NAMES):
        driver.join(PlayerSpec(id=f"p{i}", pseudonym=name, team=TEAMS[i // 2]))
    driver.frames(2)
    return driver


STYLES = [(contrast, step) for contrast in (False, True) for step in range(len(TEXT_STEPS))]


@pytest.mark.parametrize("name", ["rallye", "demo-rally"])
def test_each_team_is_a_row_with_who_joined_it_and_readable_at_every_text_size(
    make_app: Callable[..., App], name: str, tmp_path: Path, save_shot: Any
) -> None:
    app = make_app(resolve_scenario(name), (1920, 1080))
    lobby_of_eight(app)
    rows = {team: app.find(f"team:{team}") for team in TEAMS}
    for team, row in rows.items():
        assert row is not None, team
        x, _y, w, _h = row.rect
        assert x >= SIDE[0] and x + w <= SIDE[0] + SIDE[2] and w >= SIDE[2] - 60
        members = [p.pseudonym for p in app.state.players.values() if p.team == team]
        assert len(members) == 2 and row.label == f"{team} : {', '.join(members)}"
    tops = sorted((r.rect[1], r.rect[3]) for r in rows.values() if r is not None)
    assert all(y + h < below for (y, h), (below, _) in pairwise(tops))
    assert not [w for w in app.widgets if w.key.startswith("joined:")]  # in their team's row
    options = app.ui.options
    for options.contrast, options.text_step in STYLES:
        app.restyle()
        assert audit(app) == [], (options.contrast, options.text_step)
        if not options.contrast and options.text_step in (0, len(TEXT_STEPS) - 1):
            large = "" if options.text_step == 0 else "-large"
            shot = f"rally-lobby{large}" if name == "rallye" else f"{name}-lobby{large}"
            if name == "rallye":
                save_shot(app.screenshot, tmp_path, shot)
            else:
                app.screenshot(tmp_path / f"{shot}.png")


@pytest.mark.parametrize("device", ["touch", "keyboard", "gamepad"])
def test_a_team_row_is_picked_with_every_device(make_app: Callable[..., App], device: str) -> None:
    app = make_app(resolve_scenario("rallye"), (1280, 720))
    driver = Driver(app, device)
    app.frame()
    driver.press("start:play", None)
    driver.join(PlayerSpec(id="a", pseudonym="Inès", team="Les Loups"))
    (player,) = app.state.players.values()
    assert player.team == "Les Loups"
    row = app.find("team:Les Loups")
    assert row is not None and row.label == "Les Loups : Inès"
    driver.press("team:Les Hiboux", "a", lobby=True)
    assert app.ui.form.team == "Les Hiboux"


def play_until(app: App, path: Path, said: str) -> Driver:
    """Play the shipped walkthrough with the mouse until a bubble says ``said``."""
    walkthrough = load_walkthrough(default_walkthrough(path))
    driver = Driver(app, "mouse")
    app.frame()
    driver.press("start:play", None)
    for spec in walkthrough.spec.players:
        driver.join(spec)
    driver.press("lobby:start", None)
    driver.dismiss()
    for step in walkthrough.steps:
        if step.action is not None:
            driver.do(step.action)
        if any(n.text == said for n in app.ui.narration):
            break
        driver.dismiss()
    driver.frames(1)
    assert any(n.text == said for n in app.ui.narration), app.ui.narration
    return driver


def largest_text(app: App, driver: Driver) -> None:
    app.ui.options.text_step = len(TEXT_STEPS) - 1
    app.restyle()
    driver.frames(1)


def test_a_long_bubble_keeps_its_size_and_opens_whole_with_lire(
    make_app: Callable[..., App], tmp_path: Path, save_shot: Any
) -> None:
    """« Le tableau du chef » says more than the column holds at the largest text size: its
    first lines stay at full size, then « Lire » shows it all in the document viewer."""
    path = resolve_scenario("cuisine")
    app = make_app(path, (1920, 1080))
    long_text = next(h.text for s in app.scenario.scenes for h in s.hotspots if h.id == "tableau")
    assert long_text is not None
    driver = play_until(app, path, long_text)
    assert app.find("say:0:read") is None  # at the normal size it fits
    largest_text(app, driver)
    bubble = app.find("say:0")
    assert bubble is not None and bubble.label == long_text  # read aloud whole
    assert app.find("say:0:read") is not None
    assert audit(app) == []
    save_shot(app.screenshot, tmp_path, "escape-long-bubble-large")
    driver.press("say:0:read", None)
    shown = app.ui.document
    assert shown is not None and shown.text == long_text
    assert shown.title == "Le vestiaire"
    driver.press("document:close", None)
    assert app.ui.document is None


def test_the_tour_buttons_give_a_bubble_their_spare_height(
    make_app: Callable[..., App], tmp_path: Path, save_shot: Any
) -> None:
    """« Bravo, c'est juste ! » between the tour's buttons and its passport: at the largest
    text size the buttons get lower so that it keeps its size."""
    path = resolve_scenario("demo-tour")
    app = make_app(path, (1920, 1080))
    driver = play_until(app, path, "Bravo, c'est juste !")
    largest_text(app, driver)
    bubble, passport = app.find("say:0"), app.find("passport")
    assert bubble is not None and passport is not None
    assert bubble.rect[1] + bubble.rect[3] < passport.rect[1]
    assert app.find("say:0:read") is None  # it fits whole
    assert audit(app) == []
    save_shot(app.screenshot, tmp_path, "tour-bubble-large")
