"""In the rally, the points a team just won are on screen before the hand-over covers them.

Driven with the injected clock: the hand-over appears only once ``CHEER_SECONDS`` of session
time have passed (or when the room taps the points, or presses Échap)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from engine.core import actions as ac
from engine.core.state import FACILITATOR
from engine.load.check import load_scenario
from engine.player.perform import CHEER_SECONDS
from engine.walkthrough import load_walkthrough

RALLY = Path(__file__).resolve().parents[2] / "scenarios" / "demo-rally"


@pytest.fixture
def rally() -> Iterator[tuple[Any, Any]]:
    """The demo rally right after the Renards' challenge was opened (their turn)."""
    from engine.player.app import App
    from engine.player.driver import Driver

    loaded = load_scenario(RALLY / "demo-rally.yaml")
    assert loaded.scenario is not None
    app = App(loaded.scenario, RALLY, size=(1920, 1080), headless=True)
    walkthrough = load_walkthrough(RALLY / "demo-rally.walkthrough.yaml")
    driver = Driver(app, "mouse")
    driver.play(dataclasses.replace(walkthrough, steps=walkthrough.steps[:1]))
    yield app, driver
    app.close()


def test_the_points_show_before_the_hand_over(
    rally: tuple[Any, Any], tmp_path: Path, save_shot: Any
) -> None:
    app, driver = rally
    renards = app.state.active_team
    driver.do(
        ac.Answer(
            player="a2", puzzle="ordre_colis", value=("lire", "prendre", "verifier", "emballer")
        )
    )
    app.frame()
    assert app.state.active_team != renards, "the core passed the turn"
    cheer = app.find("cheer")
    assert cheer is not None and "+10 points" in cheer.label
    assert app.find("handover:ok") is None, "the hand-over waits"
    save_shot(app.screenshot, tmp_path, "rally-cheer")

    app.fake_clock.advance(CHEER_SECONDS - 0.5)
    app.frame()
    assert app.find("cheer") is not None and app.find("handover:ok") is None

    app.fake_clock.advance(0.5)
    app.frame()
    assert app.find("cheer") is None
    assert app.find("handover:ok") is not None
    assert app.ui.handover == app.state.active_team
    save_shot(app.screenshot, tmp_path, "rally-handover-after-cheer")


def test_a_tap_or_escape_goes_on_to_the_hand_over(rally: tuple[Any, Any]) -> None:
    app, driver = rally
    driver.do(
        ac.Answer(
            player="a2", puzzle="ordre_colis", value=("lire", "prendre", "verifier", "emballer")
        )
    )
    app.frame()
    assert app.find("cheer") is not None
    driver.key(pygame.K_ESCAPE)
    assert app.find("cheer") is None and app.find("handover:ok") is not None


def test_a_turn_passed_without_points_hands_over_at_once(rally: tuple[Any, Any]) -> None:
    app, _driver = rally
    app.act(ac.PassTurn(player=FACILITATOR))  # the facilitator passes the Renards' turn
    app.frame()
    assert app.ui.cheer is None and app.find("handover:ok") is not None
