"""The shipped rally through the real UI: each team sees its own version of the quick quiz."""

from __future__ import annotations

from pathlib import Path

from engine.player.app import App
from engine.player.driver import Driver
from engine.shipped import scenarios_dir
from engine.walkthrough import default_walkthrough, load_walkthrough

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_each_team_sees_its_own_version_of_the_quiz(make_app) -> None:
    path = scenarios_dir() / "rallye" / "rallye.yaml"
    app = make_app(path, (1920, 1080))
    seen: dict[str, set[str]] = {}

    def watch(_label: str, shown: App) -> None:
        if shown.ui.work.puzzle != "eclair" or shown.state.active_team is None:
            return
        options = {
            w.key.removeprefix("option:") for w in shown.widgets if w.key.startswith("option:")
        }
        seen.setdefault(shown.state.active_team, options)
        if (
            shown.state.active_team == "Les Hiboux"
            and not (SHOTS / "rally-pool-variant.png").exists()
        ):
            shown.screenshot(SHOTS / "rally-pool-variant.png")

    (SHOTS / "rally-pool-variant.png").unlink(missing_ok=True)
    driver = Driver(app, "mouse")
    driver.observer = watch
    driver.play(load_walkthrough(default_walkthrough(path)))

    assert "nom" in seen["Les Renards"] and "avance" in seen["Les Hiboux"]
    assert "heure" in seen["Les Dauphins"]
    assert not seen["Les Renards"] & seen["Les Hiboux"]
    assert (SHOTS / "rally-pool-variant.png").is_file()
