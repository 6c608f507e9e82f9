"""``declic play --headless --walkthrough --screenshots`` plays through the UI and saves pictures."""

from __future__ import annotations

from pathlib import Path

from declic.cli import main
from engine.shipped import scenarios_dir


def test_player_cli_headless_walkthrough_saves_a_screenshot_per_step(tmp_path: Path) -> None:
    folder = scenarios_dir() / "demo-tour"
    code = main(
        [
            "play",
            "demo-tour",
            "--headless",
            "--size",
            "1280x720",
            "--walkthrough",
            str(folder / "demo-tour.walkthrough.yaml"),
            "--screenshots",
            str(tmp_path),
        ]
    )
    assert code == 0
    shots = sorted(tmp_path.glob("*.png"))
    steps = (folder / "demo-tour.walkthrough.yaml").read_text(encoding="utf-8").count("{player:")
    assert len(shots) >= steps
    assert shots[-1].name.endswith("end.png")


def test_player_run_game_returns_the_final_state(tmp_path: Path) -> None:
    from engine.player.run import run_game

    folder = scenarios_dir() / "demo-escape"
    state = run_game(
        folder / "demo-escape.yaml",
        headless=True,
        size=(1280, 720),
        walkthrough=folder / "demo-escape.walkthrough.yaml",
    )
    assert state.phase == "ended"
    assert {t.ending for t in state.teams.values()} == {"service_ouvert"}
