"""The entry points: ``run_game`` (a window, or a walkthrough played through the UI) and
``play`` (the ``declic play`` command's body)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from engine.core import actions as ac
from engine.core import events as ev
from engine.core.ports import EventSink
from engine.core.state import GameState
from engine.load.check import Loaded, load_scenario
from engine.player.app import App
from engine.player.ui import Options, parse_size


def run_game(
    scenario_path: Path,
    *,
    state: GameState | None = None,
    sink: EventSink | None = None,
    size: tuple[int, int] = (1920, 1080),
    headless: bool = False,
    walkthrough: Path | None = None,
    screenshots: Path | None = None,
    players: Sequence[Any] | None = None,
    fullscreen: bool = False,
    device: str = "mouse",
    on_summary: Callable[[], str] | None = None,
    history: Sequence[ev.Event] = (),
    attach: Sequence[Callable[[App], Callable[[], None]]] = (),
    text_step: int = 0,
    contrast: bool = False,
    muted: bool = False,
    loaded: Loaded | None = None,
) -> GameState:
    """Play a scenario; with ``walkthrough``, drive it through the UI and return at the end.

    ``players`` (objects or dicts with id, pseudonym, team, colour, avatar) are joined before
    the lobby opens, as when a workshop session already knows who is in the room. ``history``
    is what happened before ``state`` (a resumed session's events), for the console and debrief.
    ``attach`` plugs shells into the window (the phones' server); each returns its stop.
    ``text_step``, ``contrast`` and ``muted`` are the options it opens with (the home's
    « Réglages »); the players change them as ever (F2-F5). ``loaded``: the file, when the
    caller has just loaded it (read once, not twice, before the first frame).
    """
    loaded = loaded or load_scenario(scenario_path)
    if loaded.scenario is None:
        raise ValueError("; ".join(d.format() for d in loaded.diagnostics))
    app = App(
        loaded.scenario,
        scenario_path.parent,
        state=state,
        sink=sink,
        size=size,
        headless=headless,
        fullscreen=fullscreen,
        history=history,
        summary_hook=on_summary,
        options=Options(
            loaded.scenario.language, text_step=text_step, contrast=contrast, muted=muted
        ),
    )
    stops: list[Callable[[], None]] = []
    try:
        for plug in attach:  # inside the try: a shell that fails to start still closes the window
            stops.append(plug(app))
        for spec in players or ():
            data = (
                spec
                if isinstance(spec, dict)
                else spec.model_dump()
                if hasattr(spec, "model_dump")
                else vars(spec)
            )
            app.act(
                ac.Join(
                    player=data["id"],
                    pseudonym=data["pseudonym"],
                    team=data.get("team", "equipe"),
                    colour=data.get("colour", "#0072b2"),
                    avatar=data.get("avatar", "cercle"),
                )
            )
        if walkthrough is not None:
            from engine.player.driver import Driver
            from engine.walkthrough import load_walkthrough

            Driver(app, device).play(load_walkthrough(walkthrough), screenshots)
        elif headless:
            app.frame()
            app.frame()  # what came right after the first screen (the phones' QR) shows too
            if screenshots is not None:
                app.screenshot(screenshots / "000-start.png")
        else:
            app.run()
        return app.state
    finally:
        for stop in stops:
            stop()
        app.close()


def play(
    path: Path,
    args: argparse.Namespace,
    attach: Sequence[Callable[[App], Callable[[], None]]] = (),
) -> int:
    """``declic play``: a window for the room, or a headless walkthrough with screenshots."""
    loaded = load_scenario(path)
    for diagnostic in loaded.diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    if loaded.scenario is None:
        return 1
    if getattr(args, "watch", False) and getattr(args, "walkthrough", None) is None:
        from engine.player.watch import play_watched  # hot reload for authors

        return play_watched(path, args)
    # the walkthrough's modules only when one is played: not before a room's first frame
    refusals: tuple[type[Exception], ...] = ()
    if getattr(args, "walkthrough", None) is not None:
        from engine.player.driver import DriverError
        from engine.walkthrough import WalkthroughError

        refusals = (DriverError, WalkthroughError)
    try:
        state = run_game(
            path,
            size=parse_size(getattr(args, "size", "1920x1080")),
            headless=bool(getattr(args, "headless", False)),
            walkthrough=getattr(args, "walkthrough", None),
            screenshots=getattr(args, "screenshots", None),
            fullscreen=bool(getattr(args, "fullscreen", False)),
            attach=attach,
            loaded=loaded,
        )
    except refusals as exc:
        for diagnostic in getattr(exc, "diagnostics", []):
            print(diagnostic.format(), file=sys.stderr)
        print(f"declic : {exc}", file=sys.stderr)
        return 1
    if getattr(args, "screenshots", None):
        print(f"Captures d'écran dans {args.screenshots}")
    if getattr(args, "walkthrough", None) is not None:
        return 0 if state.phase == "ended" else 1
    return 0


__all__ = ["play", "run_game"]
