"""The shipped rally through the real UI: each team sees its own version of the quick quiz."""

from __future__ import annotations

from pathlib import Path

from engine.player.app import App
from engine.player.driver import Driver
from engine.shipped import scenarios_dir
from engine.walkthrough import default_walkthrough, load_walkthrough


def test_each_team_sees_its_own_version_of_the_quiz(make_app, tmp_path: Path, save_shot) -> None:
    path = scenarios_dir() / "rallye" / "rallye.yaml"
    app = make_app(path, (1920, 1080))
    seen: dict[str, set[str]] = {}
    shots: list[Path] = []

    def watch(_label: str, shown: App) -> None:
        team = shown.state.active_team
        if shown.ui.work.puzzle != "eclair" or team is None:
            return
        options = {
            w.key.removeprefix("option:") for w in shown.widgets if w.key.startswith("option:")
        }
        seen.setdefault(team, options)
        if team == "Les Hiboux" and not shots:
            shots.append(save_shot(shown.screenshot, tmp_path, "rally-pool-variant"))

    driver = Driver(app, "mouse")
    driver.observer = watch
    driver.play(load_walkthrough(default_walkthrough(path)))

    assert "nom" in seen["Les Renards"] and "avance" in seen["Les Hiboux"]
    assert "heure" in seen["Les Dauphins"]
    assert not seen["Les Renards"] & seen["Les Hiboux"]
    assert shots and shots[0].is_file()
