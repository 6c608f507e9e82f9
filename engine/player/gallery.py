"""A gallery of every screen type, captured by playing the shipped scenarios with the mouse.

The tests call ``capture`` at 1920×1080 and 1280×720 into a temporary folder; the curated
pictures in ``docs/screenshots`` come from ``python -m engine.player.gallery docs/screenshots``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from engine.load.check import load_scenario
from engine.player.app import App
from engine.player.driver import Driver
from engine.shipped import shipped_scenarios
from engine.walkthrough import default_walkthrough, load_walkthrough


def capture(
    out: Path, size: tuple[int, int] = (1920, 1080), scenarios: list[Path] | None = None
) -> dict[str, Path]:
    """Play each scenario and save one picture per screen type; returns name → file."""
    out.mkdir(parents=True, exist_ok=True)
    taken: dict[str, Path] = {}
    for path in scenarios or shipped_scenarios():
        loaded = load_scenario(path)
        if loaded.scenario is None or not default_walkthrough(path).is_file():
            continue
        app = App(loaded.scenario, path.parent, size=size, headless=True)
        kind = loaded.scenario.kind

        def save(name: str, app: App = app) -> None:
            if name not in taken:
                taken[name] = out / f"{name}.png"
                app.screenshot(taken[name])

        def observe(label: str, app: App) -> None:
            name = screen_name(app, label)
            if name is not None:
                save(name)

        driver = Driver(app, "mouse")
        driver.observer = observe
        try:
            driver.play(load_walkthrough(default_walkthrough(path)))
            if kind == "escape":
                taken.update(_timeout_and_pause(path, out, size, taken))
        finally:
            app.close()
    return taken


def screen_name(app: App, label: str) -> str | None:
    """The screen type the app shows after a walkthrough step called ``label`` (None: a
    moment no picture is kept of)."""
    kind = app.scenario.kind
    if app.ui.screen == "start":
        return "start" if kind == "escape" else f"{kind}-start"
    if app.ui.screen == "lobby":
        return "lobby" if kind == "escape" else f"{kind}-lobby"
    if app.ui.screen == "ending":
        return f"{kind}-ending"
    if app.ui.document is not None:
        return "document"
    if app.ui.handover is not None:
        return "rally-handover"
    if app.ui.work.puzzle:
        puzzle = app.puzzle(app.ui.work.puzzle)
        return f"puzzle-{puzzle.type}"
    if app.ui.screen == "play":
        team = app.team()
        if kind == "tour" and team is not None and len(team.visited) >= 2:
            return "tour-map"
        if kind == "rally" and any(t.score for t in app.state.teams.values()):
            return "rally-scoreboard"
        if kind == "escape" and team is not None and team.inventory:
            return "escape-bag"
        if label != "go":
            return f"{kind}-scene"
    return None


def _timeout_and_pause(
    path: Path, out: Path, size: tuple[int, int], taken: dict[str, Path]
) -> dict[str, Path]:
    """The pause overlay and the ending shown when time runs out (it celebrates too)."""
    loaded = load_scenario(path)
    assert loaded.scenario is not None
    app = App(loaded.scenario, path.parent, size=size, headless=True)
    driver = Driver(app, "mouse")
    walkthrough = load_walkthrough(default_walkthrough(path))
    found: dict[str, Path] = {}
    try:
        driver.frames(1)
        driver.press("start:play", None)
        for spec in walkthrough.spec.players:
            driver.join(spec)
        driver.press("lobby:start", None)
        driver.press("bar:pause", None)
        found["pause"] = out / "pause.png"
        driver.frames(1)
        app.screenshot(found["pause"])
        driver.press("bar:pause", None)  # the facilitator resumes
        assert app.fake_clock is not None
        limit = loaded.scenario.timer.limit_minutes or 20
        app.fake_clock.advance(limit * 60 + 5)
        driver.frames(3)
        found["escape-timeout"] = out / "escape-timeout.png"
        app.screenshot(found["escape-timeout"])
    finally:
        app.close()
    return found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/screenshots")
    for name, file in sorted(capture(out).items()):
        print(f"{name}: {file}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
