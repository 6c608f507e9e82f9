"""A scenario kind the player has no icon for yet (a new kind in the format) is drawn with a
plain star, never a KeyError: the start screen and the play screen's top bar both show it."""

from __future__ import annotations

from pathlib import Path

from engine.format.kinds import FALLBACK_ICON, SCENARIO_KINDS, kind_icon
from engine.load.check import load_scenario
from engine.player.app import App
from engine.player.icons import ICONS

ROOT = Path(__file__).resolve().parents[2]


def test_every_kind_icon_and_the_fallback_are_drawn_icons() -> None:
    assert {k.icon for k in SCENARIO_KINDS.values()} | {FALLBACK_ICON} <= set(ICONS)
    assert kind_icon("escape") == "cle"
    assert kind_icon("hub") == FALLBACK_ICON


def test_a_kind_without_an_icon_opens_the_start_screen(tmp_path: Path) -> None:
    path = ROOT / "scenarios" / "demo-escape" / "demo-escape.yaml"
    loaded = load_scenario(path)
    assert loaded.scenario is not None
    scenario = loaded.scenario.model_copy(update={"kind": "hub"})
    app = App(scenario, path.parent, size=(960, 540), headless=True)
    try:
        app.frame()
        assert app.ui.screen == "start" and app.find("start:play") is not None
        app.screenshot(tmp_path / "start.png")
        app.ui.screen = "play"  # as after "Jouer": the top bar shows the kind's icon too
        app.dirty = True
        app.frame()
        assert app.find("bar:read") is not None
    finally:
        app.close()
